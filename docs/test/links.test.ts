import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import config from "../.vitepress/config.js";
import { guides } from "../.vitepress/guides.js";
import { checkLinks } from "../scripts/links.mjs";

const docs = join(import.meta.dirname, "..");
const fixtures = join(import.meta.dirname, "fixtures", "links");

describe("checkLinks", () => {
  test("accepts links to pages, headings, custom anchors and frontmatter actions", async () => {
    const result = await checkLinks(join(fixtures, "good"));
    expect(result.problems).toEqual([]);
    expect(result.links).toBeGreaterThanOrEqual(6);
  });

  test("reports a missing page, a missing anchor and a broken frontmatter link", async () => {
    const result = await checkLinks(join(fixtures, "broken"));
    expect(result.problems).toEqual([
      'index.md: link "./guide/nope" leads to no page (guide/nope)',
      'index.md: link "./guide/start#no-such-heading" names the anchor #no-such-heading, which /guide/start does not have',
      'index.md: link "#nothing-here" names the anchor #nothing-here, which / does not have',
      'index.md:6: link "/guide/missing-from-frontmatter" leads to no page (guide/missing-from-frontmatter)',
    ]);
  });

  test("reports a broken sidebar link", async () => {
    const result = await checkLinks(join(fixtures, "good"), undefined, {
      extraLinks: [{ href: "/guide/gone", where: "sidebar" }],
    });
    expect(result.problems).toEqual(['sidebar: link "/guide/gone" leads to no page (guide/gone)']);
  });
});

describe("the site", () => {
  beforeAll(() => {
    // The API pages are generated (git-ignored); `pnpm test` runs `pnpm docs:build` first, a
    // lone `vitest run` generates them here.
    if (!existsSync(join(docs, "api", "sidebar.json"))) {
      const gen = spawnSync("pnpm", ["--filter", "@volley/typedoc", "generate"], {
        cwd: docs,
        stdio: "inherit",
      });
      expect(gen.status).toBe(0);
    }
  });

  test("every internal link and anchor resolves: pages, API reference, sidebar and nav", async () => {
    const sidebarLinks = guides.map((g) => ({ href: g.link, where: `sidebar "${g.text}"` }));
    const navLinks = (config.themeConfig?.nav ?? []).flatMap((item) =>
      "link" in item ? [{ href: item.link, where: `nav "${item.text}"` }] : [],
    );
    const result = await checkLinks(docs, undefined, {
      extraLinks: [...sidebarLinks, ...navLinks],
    });
    expect(result.problems.join("\n")).toBe("");
    expect(result.pages).toBeGreaterThan(15);
    expect(result.links).toBeGreaterThan(100);
  });
});
