// Redis restarted mid-run: while it is down each node keeps serving its own clients and logs
// the outage once; when it is back the nodes find each other again and broadcasts cross again.
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
  waitForServerCount,
} from "./support/cluster.js";

let redis: RedisProcess;
let a: VolleyNode;
let b: VolleyNode;
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([
    startNode("A", { redisPort: redis.port }),
    startNode("B", { redisPort: redis.port }),
  ]);
  await waitForServerCount([a, b], 2);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all([a, b].filter(Boolean).map((node) => node.close()));
  await redis?.stop();
});

it("keeps local broadcasts working during the outage and crosses nodes again after", async () => {
  const onA = await connectClient(a.url, { auth: { user: "onA", rooms: ["room"] } });
  const onB = await connectClient(b.url, { auth: { user: "onB", rooms: ["room"] } });
  clients.push(onA, onB);
  await a.call("emit", { rooms: ["room"], event: "before", args: [1] });
  await Promise.all([onA.next("before"), onB.next("before")]);

  await redis.stop();
  const warned = (node: VolleyNode) => node.logs.filter((l) => l.level === "warn").length === 1;
  await waitFor(() => warned(a) && warned(b), "each node to log the outage");
  expect(a.logs[0]?.message).toMatch(/Redis is unreachable/);

  // alone meanwhile: local delivery, local answers, no waiting for anyone
  await waitForServerCount([a, b], 1);
  await a.call("emit", { rooms: ["room"], event: "during", args: ["local"] });
  expect(await onA.next("during")).toEqual(["local"]);
  const sockets = await a.call<{ data: { user: string } }[]>("fetchSockets");
  expect(sockets.map((s) => s.data.user)).toEqual(["onA"]);
  onA.socket.on("ping", (ack: (v: string) => void) => ack("pong"));
  const acks = await a.call<{ responses: unknown[] }>("emitWithAck", {
    rooms: ["room"],
    timeout: 5000,
    event: "ping",
  });
  expect(acks).toEqual({ responses: ["pong"] });
  expect(payloads(onB, "during")).toEqual([]);

  // Redis is back on the same port: the nodes reconnect, re-subscribe and meet again
  await redis.start();
  await waitForServerCount([a, b], 2);
  await a.call("emit", { rooms: ["room"], event: "after", args: ["crossed"] });
  expect(await onB.next("after")).toEqual(["crossed"]);
  await waitFor(() => a.logs.some((l) => /back after/.test(l.message)), "the recovery log line");
  expect(a.logs.filter((l) => l.level === "warn")).toHaveLength(1);
}, 30_000);
