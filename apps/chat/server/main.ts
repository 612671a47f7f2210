/**
 * The chat's entry point: one HTTP server that serves the built web client (express) and the
 * realtime API (@volley/server on /socket.io/). Honours PORT (0 = any free port) and HOST
 * (default: every interface), prints `Listening on http://localhost:<port>` once ready, and
 * shuts down cleanly on SIGTERM/SIGINT.
 */
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createAdapter } from "@volley/redis-adapter";
import { Server } from "@volley/server";
import express from "express";
import { Redis } from "ioredis";
import { attachChat, CHAT_SERVER_OPTIONS, type ChatIo } from "./chat-server.js";
import { chatLimits, DEFAULT_CHAT_RATES, parseRate } from "./limits.js";
import { chatMetrics, METRICS_PATH, metricsEnabled } from "./metrics.js";
import { redisStore } from "./shared-store.js";

const SHUTDOWN_TIMEOUT_MS = 5_000;

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0 for any free port), got "${process.env.PORT}".`);
  process.exit(1);
}
const host = process.env.HOST || undefined;
const publicDir = fileURLToPath(new URL("../public/", import.meta.url));

const app = express();
app.disable("x-powered-by");
app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});
if (existsSync(publicDir)) {
  app.use(
    express.static(publicDir, {
      setHeaders(res, path) {
        // Vite fingerprints everything under assets/; index.html must always be revalidated.
        res.setHeader(
          "Cache-Control",
          path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    }),
  );
} else {
  console.warn(`No web client at ${publicDir}; run \`pnpm --filter chat build\` first.`);
}

// Cluster mode: with REDIS_URL, every chat process sharing that Redis delivers room messages
// to the others' clients (see README "Cluster mode"); without it, the in-memory adapter.
const redisUrl = process.env.REDIS_URL || undefined;
const redis = redisUrl ? new Redis(redisUrl) : undefined;
redis?.on("error", (error) => console.error(`Redis: ${error.message}`));
console.log(
  redis
    ? `Adapter: redis (${redactUrl(redisUrl as string)})`
    : "Adapter: in-memory (single process)",
);

const httpServer = createServer(app);
const io: ChatIo = new Server(httpServer, {
  ...CHAT_SERVER_OPTIONS,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  ...(redis ? { adapter: createAdapter(redis) } : {}),
  // flood control built into Volley, plus the chat's rules (per user in Redis when clustered)
  limits: chatLimits(
    { messageRate: parseRate(process.env.CHAT_MESSAGE_RATE, DEFAULT_CHAT_RATES.messageRate) },
    redis,
  ),
});
// Prometheus metrics on GET /metrics unless METRICS=off (see README "Metrics")
const metrics = metricsEnabled(process.env) ? chatMetrics(io) : undefined;
if (metrics) {
  app.get(METRICS_PATH, metrics.handler);
  console.log(`Metrics: GET ${METRICS_PATH}`);
}
const chat = attachChat(io, {
  ...(redis
    ? {
        // History and nickname claims in Redis; presence stops dropping the other
        // processes while Redis itself is away (it resyncs when Redis is back).
        store: redisStore(redis),
        presence: { connected: () => redis.status === "ready" },
      }
    : {}),
});

httpServer.on("error", (error) => {
  console.error(`Cannot listen: ${error.message}`);
  process.exit(1);
});
httpServer.listen(port, host, () => {
  const { port: actual } = httpServer.address() as AddressInfo;
  console.log(`Listening on http://localhost:${actual}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, shutting down`);
  setTimeout(() => {
    console.error("Shutdown timed out; exiting.");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  chat.close();
  metrics?.close();
  const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  await io.close();
  httpServer.closeAllConnections();
  await closed;
  await redis?.quit().catch(() => redis.disconnect());
  process.exit(0);
}

/** The Redis URL without its password, for the log. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "invalid URL";
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
