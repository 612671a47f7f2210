#!/usr/bin/env node
// `pnpm dev`: compiles the server once, then runs three watchers side by side — tsc -w (server
// sources -> dist/), node --watch dist/server.js (restarts on each compile) and Vite (hot reload,
// proxying /socket.io to the server). Ctrl-C stops all three.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const app = join(dirname(fileURLToPath(import.meta.url)), "..");
const apiPort = process.env.CHAT_API_PORT ?? "3000";
/** A tool from the app's or the workspace root's node_modules/.bin. */
function bin(name) {
  const local = join(app, "node_modules", ".bin", name);
  return existsSync(local) ? local : join(app, "..", "..", "node_modules", ".bin", name);
}

const first = spawnSync(bin("tsc"), ["-p", "tsconfig.json"], { cwd: app, stdio: "inherit" });
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  spawn(bin("tsc"), ["-p", "tsconfig.json", "-w", "--preserveWatchOutput"], {
    cwd: app,
    stdio: "inherit",
  }),
  spawn(process.execPath, ["--watch", "dist/server.js"], {
    cwd: app,
    stdio: "inherit",
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(bin("vite"), [], {
    cwd: app,
    stdio: "inherit",
    env: { ...process.env, CHAT_API_PORT: apiPort },
  }),
];

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}
for (const child of children) child.on("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
