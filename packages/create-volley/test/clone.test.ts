// `pnpm create-app`'s own pieces: where the clone is, and what skips the packing. (The packing
// and the whole command run in templates.test.ts.)
import { resolve } from "node:path";
import { expect, test } from "vitest";
import { cloneRoot, PACKED_PACKAGES, runFromClone } from "../src/clone.js";
import { ExitCode } from "../src/errors.js";
import { repoRoot } from "./support/paths.js";

test("finds the clone this package sits in", () => {
  expect(resolve(cloneRoot())).toBe(resolve(repoRoot));
});

test("packs every @volley package a template depends on, protocol first", () => {
  expect(PACKED_PACKAGES).toEqual(["protocol", "server", "client", "testing"]);
});

test("--help answers without packing anything", async () => {
  const lines: string[] = [];
  const code = await runFromClone({
    argv: ["--help"],
    env: {},
    cwd: repoRoot,
    interactive: false,
    log: (line) => void lines.push(line),
  });
  expect(code).toBe(ExitCode.OK);
  expect(lines.join("\n")).toContain("pnpm create-app ../my-app");
  expect(lines.join("\n")).not.toContain("Packing");
});
