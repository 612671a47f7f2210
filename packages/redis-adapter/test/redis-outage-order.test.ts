// Redis dies while a recoverable broadcast's stream append is in flight: the sending node's own
// clients get it at once (in emit order, before newer broadcasts), not when Redis comes back.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  connectClient,
  payloads,
  type RedisProcess,
  startNode,
  startRedis,
  type TestClient,
  type VolleyNode,
  waitFor,
} from "./support/cluster.js";

let redis: RedisProcess;
let a: VolleyNode;
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  a = await startNode("A", { redisPort: redis.port, recovery: true });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await a?.close();
  await redis?.stop();
});

it("local delivery never waits on Redis", async () => {
  const onA = await connectClient(a.url, { auth: { user: "onA", rooms: ["room"] } });
  clients.push(onA);
  await a.call("emit", { rooms: ["room"], event: "n", args: [0] });
  await onA.next("n");

  redis.freeze(); // the next append gets no answer
  await a.call("emit", { rooms: ["room"], event: "n", args: [1] });
  await redis.stop(); // and now Redis is gone, with that append in flight
  await a.call("emit", { rooms: ["room"], event: "n", args: [2] });
  await waitFor(() => payloads(onA, "n").length === 3, "both broadcasts, Redis still down");
  expect(payloads(onA, "n")).toEqual([0, 1, 2]);
}, 30_000);
