// Per-user limits across nodes: two Volley servers (in this process) share one redis-server
// through the Redis adapter and a `limits.rules` rule backed by rate-limiter-flexible's
// RateLimiterRedis on the same ioredis client, so one user's budget is spent wherever their
// tabs are connected, and other users keep theirs.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@volley/server";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../src/index.js";
import { type RedisProcess, startRedis } from "./support/redis-process.js";

let redis: RedisProcess;
const cleanups: (() => unknown)[] = [];

async function startNode(): Promise<string> {
  const client = new Redis({ host: "127.0.0.1", port: redis.port, lazyConnect: false });
  client.on("error", () => {});
  const httpServer = createServer();
  const io = new Server(httpServer, {
    adapter: createAdapter(client, { logger: { warn() {}, info() {} } }),
    limits: {
      rules: [
        {
          events: ["post"],
          // one budget per user in Redis: 3 posts a minute, wherever they come from
          limiter: new RateLimiterRedis({
            storeClient: client,
            keyPrefix: "volley-test-posts",
            points: 3,
            duration: 60,
          }),
          key: (socket) => socket.data.user,
        },
      ],
    },
  });
  io.use((socket, next) => {
    socket.data.user = socket.handshake.auth.user;
    next();
  });
  io.on("connection", (socket) => {
    socket.on("post", (ack: (r: unknown) => void) => ack("ok"));
  });
  httpServer.listen(0, "127.0.0.1");
  await once(httpServer, "listening");
  cleanups.push(async () => {
    await io.close();
    client.disconnect();
  });
  return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
}

async function user(url: string, name: string): Promise<Socket> {
  const socket = connect(url, { forceNew: true, reconnection: false, auth: { user: name } });
  cleanups.push(() => socket.disconnect());
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return socket;
}

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await redis?.stop();
});

describe("limits.rules with RateLimiterRedis across two nodes", () => {
  it("spends one user's budget on every node, and only theirs", async () => {
    const [urlA, urlB] = await Promise.all([startNode(), startNode()]);
    const onA = await user(urlA, "ada");
    const onB = await user(urlB, "ada");
    const other = await user(urlB, "bob");
    const replies = [
      await onA.emitWithAck("post"),
      await onB.emitWithAck("post"),
      await onA.emitWithAck("post"),
      await onB.emitWithAck("post"),
    ];
    expect(replies.slice(0, 3)).toEqual(["ok", "ok", "ok"]);
    expect(replies[3]).toMatchObject({ error: "rate_limited", limit: "rule" });
    expect((replies[3] as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    expect(await other.emitWithAck("post")).toBe("ok");
  });
});
