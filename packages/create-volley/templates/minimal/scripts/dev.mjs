// `npm run dev`: the server under `tsx watch` (restarted once per change, straight from the
// TypeScript sources) and Vite's dev server (Preact Fast Refresh) proxying /socket.io,
// WebSocket included, to it. Ports: API_PORT (default 3000) and VITE_PORT (default 5173).
//
// One parent for both: Ctrl-C or SIGTERM is passed on to each child, and this process exits
// only once both have exited (SIGKILL after 5 s), so nothing is left running. If either
// child dies, the other is stopped too.
import { spawn } from "node:child_process";

const apiPort = process.env.API_PORT ?? "3000";
const env = { ...process.env, PORT: apiPort, API_PORT: apiPort };
const shell = process.platform === "win32";

const children = [
  spawn("tsx", ["watch", "--clear-screen=false", "server/main.ts"], {
    stdio: "inherit",
    env,
    shell,
  }),
  spawn("vite", [], { stdio: "inherit", env, shell }),
];

let exitCode = 0;
let stopping = false;
function stop(signal = "SIGTERM") {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
  setTimeout(() => {
    for (const child of children) child.kill("SIGKILL");
  }, 5_000).unref();
}

let running = children.length;
for (const child of children) {
  child.on("exit", (code) => {
    if (!stopping && code) exitCode = code;
    stop();
    running -= 1;
    if (running === 0) process.exit(exitCode);
  });
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
