// Cross-node recovery meets live delivery: a message appended to the log after the restoring node
// read it, whose live copy reaches that node before the restored socket joined its rooms, must
// still reach the client, once and in log order (live messages are buffered during the restore
// and merged by offset, as Centrifugo does). Node B holds each recovered socket in a middleware
// until the test releases it, so the window is made wide on purpose rather than hit by chance.
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
let a: VolleyNode;
let b: VolleyNode;
let proxy: TcpProxy;
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([
    startNode("A", { redisPort: redis.port, recovery: true }),
    startNode("B", { redisPort: redis.port, recovery: true, holdRecovered: true }),
  ]);
  await waitForServerCount([a, b], 2);
  proxy = await startTcpProxy(a.port);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await proxy?.close();
  await Promise.all([a, b].filter(Boolean).map((node) => node.close()));
  await redis?.stop();
});

it("delivers messages that arrive live during the restore exactly once, in log order", async () => {
  const mover = await connectClient(proxy.url, { auth: { user: "mover", rooms: ["room1"] } });
  clients.push(mover);
  // a client of B in the same room: when it has a message, B has received its live copy
  const witness = await connectClient(b.url, { auth: { user: "witness", rooms: ["room1"] } });
  clients.push(witness);

  await a.call("emit", { rooms: ["room1"], event: "n", args: [0] });
  await mover.next("n");

  proxy.route(null);
  const disconnected = new Promise((resolve) => mover.socket.once("disconnect", resolve));
  proxy.dropAll();
  await disconnected;
  await a.call("emit", { rooms: ["room1"], event: "n", args: [1] }); // missed: in the log
  await waitFor(() => payloads(witness, "n").length === 2, "the witness to get 1");

  // the client comes back on B, which reads its session and the log, then holds it
  proxy.route(b.port);
  await waitFor(async () => (await b.call<number>("heldCount")) === 1, "B to hold the socket");

  // appended after B's log read; their live copies reach B before the socket joins its rooms
  // (each is in the log before the next is sent: appends racing to Redis land either way round)
  await a.call("emit", { rooms: ["room1"], event: "n", args: [2] });
  await waitFor(() => payloads(witness, "n").length === 3, "the witness to get 2");
  await b.call("emit", { rooms: ["room1"], event: "n", args: [3] });
  await waitFor(() => payloads(witness, "n").length === 4, "the witness to get 3");
  await a.call("emit", { rooms: ["room1"], event: "n", args: [4] });
  await waitFor(() => payloads(witness, "n").length === 5, "the witness to get 4");

  const connected = new Promise<void>((resolve) => mover.socket.once("connect", () => resolve()));
  await b.call("releaseHeld");
  await connected;
  expect(mover.socket.recovered).toBe(true);

  // live again: these come after the merged ones
  await a.call("emit", { rooms: ["room1"], event: "n", args: [5] });
  await waitFor(() => payloads(witness, "n").length === 6, "the witness to get 5");
  await b.call("emit", { rooms: ["room1"], event: "n", args: [6] });
  await waitFor(() => payloads(witness, "n").length === 7, "the witness to get 6");
  await waitFor(() => payloads(mover, "n").includes(6), "the mover to get 6");
  // a last marker, so that a late duplicate of anything before it would have arrived by now
  await a.call("emit", { rooms: ["room1"], event: "end", args: [] });
  await mover.next("end");
  expect(payloads(mover, "n")).toEqual([0, 1, 2, 3, 4, 5, 6]);
  // offsets (the last argument) strictly increase: the client's offset never goes back
  const offsets = mover.received.filter((e) => e[0] === "n").map((e) => e[e.length - 1] as string);
  const key = (id: string) => id.split("-").map(BigInt);
  for (let i = 1; i < offsets.length; i++) {
    const [pm, ps] = key(offsets[i - 1]!);
    const [m, s] = key(offsets[i]!);
    expect(m! > pm! || (m === pm && s! > ps!)).toBe(true);
  }
});
