#!/usr/bin/env node
// Generates the docs site's API reference: TypeDoc + typedoc-plugin-markdown over the published
// declarations (`dist/**/*.d.ts`, what users import; `@internal` members are already stripped
// there) of every public entry point, into docs/api/ (git-ignored), plus docs/api/sidebar.json
// for the VitePress sidebar. Run after `tsc -b` (the root `docs:build` does both).
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, Converter } from "typedoc";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(root, "docs", "api");

/** Every public entry point: the package name users import, and its declarations. */
export const ENTRY_POINTS = [
  ["@volley/protocol", "packages/protocol/dist/index.d.ts"],
  ["@volley/server", "packages/server/dist/index.d.ts"],
  ["@volley/server/engine", "packages/server/dist/engine/index.d.ts"],
  ["@volley/client", "packages/client/dist/index.d.ts"],
  ["@volley/redis-adapter", "packages/redis-adapter/dist/index.d.ts"],
  ["@volley/testing", "packages/testing/dist/index.d.ts"],
];

const missing = ENTRY_POINTS.filter(([, file]) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(
    `Missing declarations: ${missing.map(([, f]) => f).join(", ")}. Run \`pnpm build\` (tsc -b) first.`,
  );
  process.exit(1);
}

const app = await Application.bootstrapWithPlugins({
  entryPoints: ENTRY_POINTS.map(([, file]) => join(root, file)),
  entryPointStrategy: "resolve",
  tsconfig: join(here, "tsconfig.json"),
  plugin: ["typedoc-plugin-markdown"],
  out,
  name: "API reference",
  readme: "none",
  entryFileName: "index",
  outputFileStrategy: "modules",
  disableSources: true,
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: false,
  hidePageHeader: true,
  hideBreadcrumbs: true,
  useCodeBlocks: true,
  // Explicit anchors: with one page per entry point, the plugin's own heading anchors can
  // disagree with VitePress's slugs (the link check found such links).
  useHTMLAnchors: true,
  parametersFormat: "table",
  sort: ["kind", "alphabetical"],
  // One page per entry point: 8 pages instead of ~250 keeps the site's build (part of
  // `pnpm test`) fast; the outline and the local search still reach every member.
  treatWarningsAsErrors: false,
  // `node generate.mjs --undocumented` lists every public export without a TSDoc comment.
  validation: {
    notExported: false,
    invalidLink: false,
    rewrittenLink: false,
    notDocumented: process.argv.includes("--undocumented"),
  },
  packagesRequiringDocumentation: [
    ...new Set(ENTRY_POINTS.map(([name]) => name.split("/").slice(0, 2).join("/"))),
  ],
  logLevel: "Warn",
});

// Modules are named after their paths (`server/dist`, `server/dist/engine`); give them the
// names users import.
const names = new Map(
  ENTRY_POINTS.map(([name, file]) => [
    file.replace(/^packages\//, "").replace(/\/index\.d\.ts$/, ""),
    name,
  ]),
);
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
  for (const mod of context.project.children ?? []) mod.name = names.get(mod.name) ?? mod.name;
});

const project = await app.convert();
if (!project) {
  console.error("TypeDoc could not convert the packages.");
  process.exit(1);
}
if (process.argv.includes("--undocumented")) app.validate(project);
rmSync(out, { recursive: true, force: true });
await app.generateOutputs(project);

// The sidebar: one page per entry point (`<name>.md`, or `<name>/index.md` when it has
// namespaces, whose pages are listed under it).
const sidebar = [{ text: "Overview", link: "/api/" }];
for (const [name] of ENTRY_POINTS) {
  if (existsSync(join(out, `${name}.md`))) {
    sidebar.push({ text: name, link: `/api/${name}` });
  } else if (existsSync(join(out, name, "index.md"))) {
    const items = readdirSync(join(out, name), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".md") && f !== "index.md")
      .sort()
      .map((f) => ({
        text: f.replace(/\.md$/, "").replace(/^namespaces\//, ""),
        link: `/api/${name}/${f.replace(/\.md$/, "")}`,
      }));
    sidebar.push({ text: name, link: `/api/${name}/`, items });
  }
}
writeFileSync(join(out, "sidebar.json"), `${JSON.stringify(sidebar, null, 2)}\n`);
const pages = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith(".md"));
console.log(`API reference: ${pages.length} pages in ${relative(root, out)}/`);
