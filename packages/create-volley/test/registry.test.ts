// The published path's registry check, against a fake `npm` on PATH (no network): a 404 stops
// the CLI before it writes anything and says how to create the app from a clone instead.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ExitCode } from "../src/errors.js";
import { askRegistry } from "../src/registry.js";
import { buildCli, runCli } from "./support/paths.js";

let root: string;
beforeAll(() => {
  buildCli();
  root = mkdtempSync(join(tmpdir(), "create-volley-registry-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory whose only command is an `npm` running `script` (sh). */
function fakeNpm(name: string, script: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "npm"), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, "npm"), 0o755);
  return dir;
}

const NOT_FOUND = `echo "npm error code E404" >&2; echo "npm error 404 Not Found - GET https://registry.npmjs.org/@volley%2fserver" >&2; exit 1`;

test("a 404 from the registry stops the CLI before any file, with the clone command", () => {
  const bin = fakeNpm("not-found", NOT_FOUND);
  const result = runCli(["my-app", "--no-install"], root, {
    PATH: bin,
    VOLLEY_SKIP_REGISTRY_CHECK: "",
  });
  expect(result.status).toBe(ExitCode.REGISTRY_UNAVAILABLE);
  expect(result.stderr).toContain("@volley/server is not available from the npm registry");
  expect(result.stderr).toContain("404 Not Found");
  expect(result.stderr).toContain("pnpm create-app ../my-app --template chat");
  expect(existsSync(join(root, "my-app"))).toBe(false);
});

test("a published package lets the CLI go on", () => {
  const bin = fakeNpm("found", `echo 0.1.0`);
  const result = runCli(["found-app", "--no-install"], root, {
    PATH: bin,
    VOLLEY_SKIP_REGISTRY_CHECK: "",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(ExitCode.OK);
  expect(existsSync(join(root, "found-app", "package.json"))).toBe(true);
});

test("--skip-registry-check and --local-packages never ask the registry", () => {
  const bin = fakeNpm("never", `echo "asked" >&2; exit 1`);
  const env = { PATH: bin, VOLLEY_SKIP_REGISTRY_CHECK: "" };
  const skipped = runCli(["skipped-app", "--no-install", "--skip-registry-check"], root, env);
  expect(skipped.status).toBe(ExitCode.OK);
  const packs = join(root, "packs");
  mkdirSync(packs);
  writeFileSync(join(packs, "volley-server-0.1.0.tgz"), "");
  const local = runCli(["local-app", "--no-install", "--local-packages", packs], root, env);
  expect(local.stderr).toBe("");
  expect(local.status).toBe(ExitCode.OK);
});

test("askRegistry gives up after its timeout", async () => {
  const bin = fakeNpm("slow", "exec /bin/sleep 30");
  const answer = await askRegistry("@volley/server", 200, { ...process.env, PATH: bin });
  expect(answer).toEqual({ ok: false, reason: "no answer from the registry within 0.2 s" });
});

test("askRegistry reports a missing npm", async () => {
  const answer = await askRegistry("@volley/server", 2_000, { PATH: join(root, "nothing") });
  expect(answer.ok).toBe(false);
});
