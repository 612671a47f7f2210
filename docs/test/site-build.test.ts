import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";

// `pnpm test` builds the real site with `pnpm docs:build` (a counted step of
// scripts/test-all.mjs). This shows that step can fail: a page with a dead link stops the build.
test("vitepress build fails on a site with a dead link", () => {
  const outDir = mkdtempSync(join(tmpdir(), "volley-docs-broken-"));
  try {
    const result = spawnSync(
      "pnpm",
      [
        "exec",
        "vitepress",
        "build",
        join(import.meta.dirname, "fixtures", "site-broken"),
        "--outDir",
        outDir,
      ],
      { cwd: join(import.meta.dirname, ".."), encoding: "utf8" },
    );
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/dead link/i);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
