// `npm run dev`: the server recompiled and restarted on change (tsc --watch, then node --watch
// once the first compile is done), and Vite with hot reload in front of it, proxying /socket.io
// (WebSocket included) to the server. Ctrl-C stops all three.
import { spawn } from "node:child_process";

const apiPort = process.env.API_PORT ?? "3000";
const shell = process.platform === "win32";
const children = [];

const tsc = spawn("tsc", ["-p", "tsconfig.json", "--watch", "--preserveWatchOutput"], {
  stdio: ["ignore", "pipe", "inherit"],
  shell,
});
children.push(tsc);
let compiled = "";
tsc.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (compiled === null) return;
  compiled += chunk;
  if (!compiled.includes("Watching for file changes")) return;
  compiled = null;
  children.push(
    spawn(process.execPath, ["--watch", "dist/server/main.js"], {
      stdio: "inherit",
      env: { ...process.env, PORT: apiPort },
    }),
  );
});

children.push(
  spawn("vite", [], { stdio: "inherit", shell, env: { ...process.env, API_PORT: apiPort } }),
);

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
