// Code-block check for the guides: every ```ts / ```tsx block (also `typescript`) is written to
// its own module under docs/.snippets/pages/ and the whole set is type-checked by the repository's
// own `tsc` against the packages' built declarations (`dist/`, through docs/node_modules), so
// an example that stops matching the API fails `pnpm test`. A block that is deliberately
// partial is preceded by the line `<!-- docs-check: skip <reason> -->`; keep those rare.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const docsDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(docsDir, "..");
export const DEFAULT_TSC = join(repoRoot, "node_modules", ".bin", "tsc");
export const SKIP_MARKER = /^<!--\s*docs-check:\s*skip\b.*-->\s*$/;
const CHECKED_LANGS = new Map([
  ["ts", "ts"],
  ["typescript", "ts"],
  ["tsx", "tsx"],
]);

/**
 * The fenced code blocks of a Markdown text.
 * @returns {{ lang: string, info: string, code: string, line: number, skip: boolean }[]}
 *   `line` is the 1-based line of the block's first code line.
 */
export function extractBlocks(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`{[]*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body = [];
    let j = i + 1;
    while (
      j < lines.length &&
      !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[j])
    ) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === "") before--;
    blocks.push({
      lang: lang.toLowerCase(),
      info: `${lang}${rest}`.trim(),
      code: body.join("\n"),
      line: i + 2,
      skip: before >= 0 && SKIP_MARKER.test(lines[before].trim()),
    });
    i = j;
  }
  return blocks;
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    jsx: "react-jsx",
    jsxImportSource: "preact",
  },
  include: ["**/*.ts", "**/*.tsx"],
};

/**
 * Type-checks the TypeScript blocks of the given Markdown files.
 * @param {string[]} files absolute paths
 * @param {{ workDir?: string, tsc?: string, baseDir?: string }} options workDir must be under
 *   docs/ (so `@volley/*` resolve); it is emptied first.
 * @returns {{ ok: boolean, checked: number, skipped: number, problems: string[], output: string }}
 */
export function checkCodeBlocks(files, options = {}) {
  const workDir = options.workDir ?? join(docsDir, ".snippets", "pages");
  const baseDir = options.baseDir ?? docsDir;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const origins = new Map(); // snippet path relative to workDir -> [markdown path, first line]
  let checked = 0;
  let skipped = 0;
  for (const file of files) {
    const page = relative(baseDir, file).split(sep).join("/");
    for (const block of extractBlocks(readFileSync(file, "utf8"))) {
      const ext = CHECKED_LANGS.get(block.lang);
      if (ext === undefined) continue;
      if (block.skip) {
        skipped++;
        continue;
      }
      checked++;
      const name = `${page.replace(/\.md$/, "").replace(/[^a-zA-Z0-9]+/g, "_")}_L${block.line}.${ext}`;
      // A React block gets React's JSX runtime (the default is Preact's); every block is a
      // module of its own, so top-level await works and names never collide between blocks.
      const pragma = /from\s+["']react["']/.test(block.code)
        ? "/** @jsxImportSource react */ "
        : "";
      writeFileSync(join(workDir, name), `${pragma}${block.code}\nexport {};\n`);
      origins.set(name, [page, block.line]);
    }
  }
  if (checked === 0) return { ok: true, checked, skipped, problems: [], output: "" };
  writeFileSync(join(workDir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const result = spawnSync(options.tsc ?? DEFAULT_TSC, ["-p", workDir, "--pretty", "false"], {
    encoding: "utf8",
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`;
  // `snippet.ts(3,7): error TS2345: …` → `guide/x.md:42:7: error TS2345: …`
  const problems = output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) =>
      line.replace(/^(?:.*[/\\])?([^/\\(]+\.tsx?)\((\d+),(\d+)\)/, (whole, name, row, col) => {
        const origin = origins.get(name);
        return origin ? `${origin[0]}:${origin[1] + Number(row) - 1}:${col}` : whole;
      }),
    );
  return { ok: result.status === 0, checked, skipped, problems, output };
}
