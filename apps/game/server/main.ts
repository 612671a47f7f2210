/**
 * The game's HTTP server: express serves the built web client, Volley carries the realtime
 * traffic on the same port, and the game server runs the matches.
 *
 * Prints `Listening on http://localhost:<port>` once ready; SIGTERM/SIGINT close everything
 * gracefully (players' clients see a disconnect and retry).
 */
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { Server } from "@volley/server";
import express from "express";
import { readConfig } from "./config.js";
import { attachGame, GAME_SERVER_OPTIONS } from "./game-server.js";

const config = readConfig(process.env);
const publicDir = fileURLToPath(new URL("../public/", import.meta.url));

const app = express();
app.disable("x-powered-by");
app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});
app.use(express.static(publicDir, { index: "index.html", maxAge: "1h", setHeaders: noCacheHtml }));

const httpServer = createServer(app);
const io = new Server(httpServer, GAME_SERVER_OPTIONS);
const game = attachGame(io, {
  ...config.game,
  log: (message) => console.warn(message),
});

httpServer.listen(config.port, config.host, () => {
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(`Listening on http://localhost:${port}`);
});

let closing = false;
function shutdown(signal: string): void {
  if (closing) return;
  closing = true;
  console.log(`${signal}: shutting down`);
  game.close();
  const forced = setTimeout(() => process.exit(0), 3000);
  forced.unref();
  void Promise.resolve(io.close()).finally(() => {
    httpServer.close(() => process.exit(0));
    httpServer.closeAllConnections?.();
  });
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith(".html")) res.setHeader("Cache-Control", "no-cache");
}
