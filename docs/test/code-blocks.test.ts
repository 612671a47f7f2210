import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkCodeBlocks, extractBlocks } from "../scripts/code-blocks.mjs";
import { listPages } from "../scripts/links.mjs";

const docs = join(import.meta.dirname, "..");
const fixtures = join(import.meta.dirname, "fixtures", "code");

describe("extractBlocks", () => {
  test("finds fenced blocks with their language, first line and skip marker", () => {
    const md = [
      "# T", //                                   1
      "```ts [server.ts]", //                      2
      "const a = 1;", //                           3
      "```", //                                    4
      "<!-- docs-check: skip partial on purpose -->",
      "",
      "```tsx",
      "x",
      "```",
      "````md",
      "```ts",
      "not a block of its own",
      "```",
      "````",
    ].join("\n");
    const blocks = extractBlocks(md);
    expect(blocks.map((b) => [b.lang, b.line, b.skip, b.code])).toEqual([
      ["ts", 3, false, "const a = 1;"],
      ["tsx", 8, true, "x"],
      ["md", 11, false, "```ts\nnot a block of its own\n```"],
    ]);
  });
});

describe("checkCodeBlocks", () => {
  test("passes blocks that compile, skips marked ones and other languages", () => {
    const result = checkCodeBlocks([join(fixtures, "good.md")], {
      workDir: join(docs, ".snippets", "fixture-good"),
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, checked: 2, skipped: 1 });
  });

  test("fails on a block that does not compile, pointing at the Markdown line", () => {
    const result = checkCodeBlocks([join(fixtures, "broken.md")], {
      workDir: join(docs, ".snippets", "fixture-broken"),
    });
    expect(result.ok).toBe(false);
    const text = result.problems.join("\n");
    expect(text).toContain("test/fixtures/code/broken.md:14:");
    expect(text).toContain("pingIntervall");
    expect(text).toContain("test/fixtures/code/broken.md:15:7: error TS2322");
  });
});

// The guides' blocks (DESIGN.md and CONTRACTS.md are contributor notes whose blocks sketch
// signatures; the API pages are generated).
test("every TypeScript code block of the guides compiles against the packages", () => {
  const pages = listPages(docs).filter((page) => page.startsWith("guide/"));
  expect(pages.length).toBeGreaterThan(8);
  const result = checkCodeBlocks(pages.map((page) => join(docs, page)));
  expect(result.problems.join("\n")).toBe("");
  expect(result.ok).toBe(true);
  // The guides are examples first: skipped blocks stay the exception.
  expect(result.checked).toBeGreaterThan(10 * result.skipped);
  expect(readdirSync(join(docs, "guide")).length).toBeGreaterThan(5);
});
