// The package under node:test: runs test/node/*.test.mjs with `node --test` against the built
// dist/ (by its package name) and requires every test there to pass.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

test("node --test test/node passes", async () => {
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  const child = spawn(process.execPath, ["--test", "--test-reporter=tap", "test/node/"], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearTimeout(killer);
  expect(code, output).toBe(0);
  expect(output).toMatch(/# pass 3\b/);
  expect(output).toMatch(/# fail 0\b/);
});
