// `pnpm dev`: the game server rebuilt and restarted on change (tsc --watch + node --watch),
// and Vite with hot reload in front of it, proxying /socket.io (WebSocket included).
import { spawn } from "node:child_process";

const serverPort = process.env.GAME_SERVER_PORT ?? "3002";
const children = [
  spawn("tsc", ["-p", "tsconfig.json", "--watch", "--preserveWatchOutput"], { stdio: "inherit" }),
  spawn("node", ["--watch", "dist/server.js"], {
    stdio: "inherit",
    env: { ...process.env, PORT: serverPort },
  }),
  spawn("vite", [], { stdio: "inherit", env: { ...process.env, GAME_SERVER_PORT: serverPort } }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
