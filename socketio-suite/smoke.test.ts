/**
 * A short run of socket.io's own server suite against Volley, so `pnpm test` notices when the
 * shim or the runner breaks; the full run (minutes) is `pnpm test:socketio-suite`.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";

it("socket.io's server suite: the smoke subset passes against Volley", () => {
  const run = spawnSync(
    process.execPath,
    [join(import.meta.dirname, "run.mjs"), "--suite", "server", "--smoke"],
    { encoding: "utf8", timeout: 120_000 },
  );
  expect(run.stdout).toMatch(/server suite \(volley\): [1-9]\d* passed, 0 failed/);
  expect(run.status, run.stdout + run.stderr).toBe(0);
}, 150_000);
