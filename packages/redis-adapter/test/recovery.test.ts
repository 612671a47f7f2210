// Connection state recovery across nodes: a client cut off from node A reconnects (through a
// proxy now routing to node B) and gets its id, rooms, data and the packets it missed back.
import { Redis } from "ioredis";
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
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

let redis: RedisProcess;
let inspector: Redis;
let a: VolleyNode;
let b: VolleyNode;
let proxy: TcpProxy;
let mover: TestClient | undefined;

beforeAll(async () => {
  redis = await startRedis();
  inspector = new Redis({ host: "127.0.0.1", port: redis.port });
  [a, b] = await Promise.all([
    startNode("A", { redisPort: redis.port, recovery: true }),
    startNode("B", { redisPort: redis.port, recovery: true }),
  ]);
  await waitForServerCount([a, b], 2);
  proxy = await startTcpProxy(a.port);
});

afterAll(async () => {
  mover?.close();
  await proxy?.close();
  await Promise.all([a, b].filter(Boolean).map((node) => node.close()));
  inspector?.disconnect();
  await redis?.stop();
});

it("restores a session on another node with the packets it missed", async () => {
  mover = await connectClient(proxy.url, { auth: { user: "mover", rooms: ["room1"] } });
  const client = mover;
  const firstId = client.socket.id;
  expect(client.socket.recovered).toBe(false);

  await b.call("emit", { rooms: ["room1"], event: "before", args: [0] });
  // with recovery on, each event carries its offset last: the id of its entry in the log
  expect(await client.next("before")).toEqual([0, expect.stringMatching(/^\d+-\d+$/)]);

  // the proxy fails over: A's connection is cut, and B will take the client
  proxy.route(null);
  const disconnected = new Promise((resolve) => client.socket.once("disconnect", resolve));
  proxy.dropAll();
  expect(await disconnected).toBe("transport close");
  await waitFor(
    async () => (await inspector.keys("volley:session:/:*")).length === 1,
    "A to keep the session",
  );

  // what the client misses while away, from both nodes
  await b.call("emit", { rooms: ["room1"], event: "missed", args: [1] });
  await a.call("emit", { rooms: ["room1"], event: "missed", args: [2] });
  await a.call("emit", { rooms: ["other"], event: "not-for-you", args: [] });
  await b.call("emit", { except: ["room1"], event: "excluded", args: [] });
  await a.call("emit", { rooms: ["room1"], volatile: true, event: "volatile", args: [] });
  await waitFor(
    async () => (await inspector.xlen("volley:log:/")) === 5,
    "the log to hold 5 packets",
  );

  const reconnected = new Promise<void>((resolve) =>
    client.socket.once("connect", () => resolve()),
  );
  proxy.route(b.port);
  await reconnected;
  expect(client.socket.recovered).toBe(true);
  expect(client.socket.id).toBe(firstId);
  await waitFor(() => payloads(client, "missed").length === 2, "the missed packets");
  expect(payloads(client, "missed")).toEqual([1, 2]);

  // its rooms and data came back with it, now on B
  await a.call("emit", { rooms: ["room1"], event: "after", args: ["back"] });
  expect((await client.next("after"))[0]).toBe("back");
  const found = await a.call<{ id: string; rooms: string[]; data: { node: string } }[]>(
    "fetchSockets",
    { rooms: ["room1"] },
  );
  expect(found).toEqual([
    { id: firstId, rooms: [firstId, "room1"].sort(), data: { node: "A", user: "mover" } },
  ]);
  expect(payloads(client, "not-for-you")).toEqual([]);
  expect(payloads(client, "excluded")).toEqual([]);
  expect(payloads(client, "volatile")).toEqual([]);
  // restored once: the session key is gone
  expect(await inspector.keys("volley:session:/:*")).toEqual([]);
});
