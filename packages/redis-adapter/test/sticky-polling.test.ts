// HTTP long-polling across several processes: each poll and post of a session must reach the
// process that holds it. Behind a proxy that routes by `sid`, polling clients on different
// nodes talk to each other; README.md says what a real load balancer needs.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  connectClient,
  type RedisProcess,
  startNode,
  startRedis,
  type TestClient,
  type VolleyNode,
  waitForServerCount,
} from "./support/cluster.js";
import { type StickyProxy, startStickyProxy } from "./support/sticky-proxy.js";

let redis: RedisProcess;
let a: VolleyNode;
let b: VolleyNode;
let proxy: StickyProxy;
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([
    startNode("A", { redisPort: redis.port }),
    startNode("B", { redisPort: redis.port }),
  ]);
  await waitForServerCount([a, b], 2);
  proxy = await startStickyProxy([a.port, b.port]);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await proxy?.close();
  await Promise.all([a, b].filter(Boolean).map((node) => node.close()));
  await redis?.stop();
});

it("serves polling clients on different nodes through a sid-sticky proxy", async () => {
  for (const user of ["p1", "p2"]) {
    const client = await connectClient(proxy.url, {
      transports: ["polling"],
      auth: { user, rooms: ["chat"] },
    });
    clients.push(client);
  }
  const [p1, p2] = clients as [TestClient, TestClient];
  const sockets = await a.call<{ data: { user: string; node: string } }[]>("fetchSockets");
  expect(sockets.map((s) => `${s.data.user}@${s.data.node}`).sort()).toEqual(["p1@A", "p2@B"]);
  expect(proxy.sessions.size).toBe(2);

  // several polls and posts per session, each routed to the node that holds it
  for (let i = 0; i < 3; i++) {
    const from = p2.received.length;
    expect(await p1.socket.timeout(5000).emitWithAck("broadcast", "chat", `hello ${i}`)).toBe(
      "sent",
    );
    expect(await p2.next("message", from)).toEqual([`hello ${i}`]);
  }
});

it("lets a sticky session upgrade to WebSocket", async () => {
  const client = await connectClient(proxy.url, {
    transports: ["polling", "websocket"],
    auth: { user: "upgrader", rooms: ["chat"] },
  });
  clients.push(client);
  const engine = client.socket.io.engine;
  if (engine.transport.name !== "websocket") {
    await new Promise((resolve) => engine.once("upgrade", resolve));
  }
  await b.call("emit", { rooms: ["chat"], event: "over-ws", args: [1] });
  expect(await client.next("over-ws")).toEqual([1]);
});
