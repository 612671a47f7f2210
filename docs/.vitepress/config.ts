import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type DefaultTheme, defineConfig } from "vitepress";
import { guides } from "./guides.js";

// The API reference's sidebar is written by `pnpm --filter @volley/typedoc generate` next to
// the pages it generates (docs/api/, git-ignored).
const apiSidebarFile = fileURLToPath(new URL("../api/sidebar.json", import.meta.url));
const apiSidebar: DefaultTheme.SidebarItem[] = existsSync(apiSidebarFile)
  ? JSON.parse(readFileSync(apiSidebarFile, "utf8"))
  : [{ text: "Not generated: run pnpm docs:build", link: "/api/" }];

export default defineConfig({
  title: "Volley",
  description:
    "A TypeScript realtime framework that speaks the Socket.IO v5 protocol: typed events, a signals client, rooms, acks, recovery.",
  cleanUrls: true,
  lastUpdated: false,
  // Everything under docs/ that is not a page of the site: the checks and their fixtures, the
  // deploy configs (included into the deploying guide), and the packages' node_modules.
  srcExclude: ["test/**", "scripts/**", "deploy/**", "node_modules/**"],
  themeConfig: {
    nav: [
      { text: "Guides", link: "/guide/getting-started" },
      { text: "API", link: "/api/" },
      { text: "Contributing", link: "/contributing" },
    ],
    sidebar: {
      "/guide/": [{ text: "Guides", items: guides }],
      "/api/": [{ text: "API reference", items: apiSidebar }],
      "/": [
        { text: "Guides", items: guides },
        { text: "API reference", link: "/api/" },
        {
          text: "Contributors",
          items: [
            { text: "Contributing", link: "/contributing" },
            { text: "Design", link: "/DESIGN" },
            { text: "Contracts between layers", link: "/CONTRACTS" },
          ],
        },
      ],
    },
    search: { provider: "local" },
    outline: { level: [2, 3] },
  },
});
