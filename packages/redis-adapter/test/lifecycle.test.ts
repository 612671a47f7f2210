// In-process: close() says goodbye, unsubscribes, and closes the subscriber connection it
// opened, leaving the user's client open.
import { Server } from "@volley/server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAdapter } from "../src/index.js";
import { type RedisProcess, startRedis, waitFor } from "./support/cluster.js";

let redis: RedisProcess;
let inspector: Redis;

beforeAll(async () => {
  redis = await startRedis();
  inspector = new Redis({ host: "127.0.0.1", port: redis.port });
});

afterAll(async () => {
  inspector?.disconnect();
  await redis?.stop();
});

it("cleans up its subscriptions and connection on close", async () => {
  const client = new Redis({ host: "127.0.0.1", port: redis.port });
  const io = new Server({ adapter: createAdapter(client) });
  io.of("/chat");
  const subscribed = async () => (await inspector.pubsub("CHANNELS", "volley*")) as string[];
  await waitFor(async () => (await subscribed()).length === 6, "3 channels per namespace");
  const connections = async () =>
    ((await inspector.client("LIST")) as string).trim().split("\n").length;
  expect(await connections()).toBe(3); // inspector, the user's client, the subscriber

  await io.close();
  await waitFor(async () => (await subscribed()).length === 0, "no subscriptions");
  await waitFor(async () => (await connections()) === 2, "the subscriber connection to close");
  expect(client.status).toBe("ready");
  await client.quit();
});
