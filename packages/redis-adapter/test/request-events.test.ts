// In-process: two servers on one Redis. A cluster request (serverSideEmitWithAck) ends with a
// `request` event on the asking node's adapter, with its operation, duration and outcome.
import { Server } from "@volley/server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAdapter } from "../src/index.js";
import { type RedisProcess, startRedis, waitFor } from "./support/cluster.js";

interface RequestEvent {
  operation: string;
  durationMs: number;
  error: Error | null;
}

let redis: RedisProcess;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

it("emits a request event when a cluster request ends", async () => {
  const clients = [0, 1].map(() => new Redis({ host: "127.0.0.1", port: redis.port }));
  const [a, b] = clients.map((client) => new Server({ adapter: createAdapter(client) })) as [
    Server,
    Server,
  ];
  try {
    b.on("who" as never, ((ack: (name: string) => void) => ack("b")) as never);
    await waitFor(async () => (await a.of("/").adapter.serverCount()) === 2, "the other node");
    const events: RequestEvent[] = [];
    (a.of("/").adapter as unknown as NodeJS.EventEmitter).on("request", (event: RequestEvent) =>
      events.push(event),
    );
    expect(await a.serverSideEmitWithAck("who" as never)).toEqual(["b"]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ operation: "serverSideEmit", error: null });
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(0);
  } finally {
    await Promise.all([a.close(), b.close()]);
    await Promise.all(clients.map((client) => client.quit()));
  }
});
