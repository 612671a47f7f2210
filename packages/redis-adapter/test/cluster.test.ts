// Three Volley servers in three processes share one redis-server: everything the in-memory
// adapter does must work across them, and a node killed mid-broadcast must not stall the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

interface FetchedSocket {
  id: string;
  rooms: string[];
  data: { node: string; user: string };
}

let redis: RedisProcess;
let a: VolleyNode;
let b: VolleyNode;
let c: VolleyNode;
const clients: TestClient[] = [];

async function client(node: VolleyNode, user: string, rooms: string[]): Promise<TestClient> {
  const created = await connectClient(node.url, { auth: { user, rooms }, reconnection: false });
  created.socket.on("ask", (ack: (user: string) => void) => ack(user));
  clients.push(created);
  return created;
}

/**
 * Sends a marker to everyone from `node` and waits until each client got it: every broadcast
 * `node` sent before has then been delivered (one origin, one channel, in order).
 */
async function flush(node: VolleyNode, targets: TestClient[]): Promise<void> {
  const marker = `marker-${Math.random()}`;
  const from = targets.map((t) => t.received.length);
  await node.call("emit", { event: "marker", args: [marker] });
  await Promise.all(
    targets.map((t, i) =>
      waitFor(
        () => t.received.slice(from[i]).some((e) => e[0] === "marker" && e[1] === marker),
        "the marker",
      ),
    ),
  );
}

let a1: TestClient;
let b1: TestClient;
let b2: TestClient;
let c1: TestClient;

beforeAll(async () => {
  redis = await startRedis();
  [a, b, c] = await Promise.all([
    startNode("A", { redisPort: redis.port }),
    startNode("B", { redisPort: redis.port }),
    startNode("C", { redisPort: redis.port }),
  ]);
  await waitForServerCount([a, b, c], 3);
  a1 = await client(a, "a1", ["r1"]);
  b1 = await client(b, "b1", ["r1"]);
  b2 = await client(b, "b2", ["r2"]);
  c1 = await client(c, "c1", ["r1", "r2"]);
});

afterAll(async () => {
  for (const each of clients) each.close();
  await Promise.all([a, b, c].filter(Boolean).map((node) => node.close()));
  await redis?.stop();
});

describe("broadcasts across nodes", () => {
  it("reaches a room on every node", async () => {
    await a.call("emit", { rooms: ["r1"], event: "news", args: ["to r1"] });
    await Promise.all([a1, b1, c1].map((t) => t.next("news")));
    await flush(a, [a1, b1, b2, c1]);
    expect(payloads(b2, "news")).toEqual([]);
    for (const t of [a1, b1, c1]) expect(payloads(t, "news")).toEqual(["to r1"]);
  });

  it("leaves out the except rooms on every node", async () => {
    await b.call("emit", { rooms: ["r1"], except: ["r2"], event: "except", args: [1] });
    await flush(b, [a1, b1, b2, c1]);
    expect(payloads(a1, "except")).toEqual([1]);
    expect(payloads(b1, "except")).toEqual([1]);
    expect(payloads(c1, "except")).toEqual([]);
    expect(payloads(b2, "except")).toEqual([]);
  });

  it("sends volatile broadcasts to other nodes", async () => {
    await c.call("emit", { rooms: ["r2"], volatile: true, event: "volatile", args: ["v"] });
    await Promise.all([b2.next("volatile"), c1.next("volatile")]);
    await flush(c, [a1, b1]);
    expect(payloads(a1, "volatile")).toEqual([]);
  });

  it("keeps local broadcasts on their node", async () => {
    await b.call("emit", { local: true, event: "local", args: ["only B"] });
    await flush(b, [a1, b1, b2, c1]);
    expect(payloads(b1, "local")).toEqual(["only B"]);
    expect(payloads(b2, "local")).toEqual(["only B"]);
    expect(payloads(a1, "local")).toEqual([]);
    expect(payloads(c1, "local")).toEqual([]);
  });

  it("carries socket.broadcast from a client to the others in its room", async () => {
    const ack = await a1.socket.timeout(5000).emitWithAck("broadcast", "r1", "from a1");
    expect(ack).toBe("sent");
    await Promise.all([b1.next("message"), c1.next("message")]);
    await flush(a, [a1, b2]);
    expect(payloads(a1, "message")).toEqual([]);
    expect(payloads(b2, "message")).toEqual([]);
  });

  it("carries binary payloads", async () => {
    await a.call("emitBinary", { rooms: ["r2"], event: "blob", text: "bytes!" });
    const [data] = await b2.next("blob");
    expect(Buffer.from(data as Uint8Array).toString()).toBe("bytes!");
  });

  it("keeps the order of broadcasts and room operations sent in one turn (one publish batch)", async () => {
    const count = 50;
    await a.call("burst", { room: "r1", count, lateRoom: "burst-late" });
    const expected = Array.from({ length: count + 1 }, (_, i) => i);
    for (const t of [a1, b1, c1])
      await waitFor(() => payloads(t, "seq").length >= expected.length, "the whole burst");
    for (const t of [a1, b1, c1]) expect(payloads(t, "seq")).toEqual(expected);
    expect(payloads(b2, "seq")).toEqual([]);
    await a.call("socketsLeave", { rooms: ["burst-late"], room: "burst-late" });
    await flush(a, [a1, b1, b2, c1]);
  });
});

describe("acknowledgements across nodes", () => {
  it("gathers the acks of every recipient on every node", async () => {
    const result = await a.call<{ responses: string[] }>("emitWithAck", {
      rooms: ["r1"],
      timeout: 5000,
      event: "ask",
    });
    expect(result.responses.sort()).toEqual(["a1", "b1", "c1"]);
  });

  it("resolves with no responses when nobody matches", async () => {
    const result = await b.call<{ responses: string[] }>("emitWithAck", {
      rooms: ["nobody"],
      timeout: 5000,
      event: "ask",
    });
    expect(result).toEqual({ responses: [] });
  });
});

describe("fetchSockets and remote sockets", () => {
  it("returns the sockets of every node", async () => {
    const all = await b.call<FetchedSocket[]>("fetchSockets");
    expect(all.map((s) => s.data.user).sort()).toEqual(["a1", "b1", "b2", "c1"]);
    const inR2 = await a.call<FetchedSocket[]>("fetchSockets", { rooms: ["r2"] });
    expect(inR2.map((s) => [s.data.user, s.data.node]).sort()).toEqual([
      ["b2", "B"],
      ["c1", "C"],
    ]);
    const c1Details = inR2.find((s) => s.data.user === "c1");
    expect(c1Details?.rooms).toEqual([c1.socket.id, "r1", "r2"].sort());
  });

  it("lets a remote socket join, leave and receive", async () => {
    const id = c1.socket.id;
    await a.call("remoteJoin", { socketId: id, room: "r9" });
    await waitFor(
      async () => (await c.call<string[]>("localRooms", { socketId: id })).includes("r9"),
      "join",
    );
    await a.call("remoteEmit", { socketId: id, event: "direct", args: ["hi c1"] });
    expect(await c1.next("direct")).toEqual(["hi c1"]);
    await b.call("remoteLeave", { socketId: id, room: "r9" });
    await waitFor(
      async () => !(await c.call<string[]>("localRooms", { socketId: id })).includes("r9"),
      "leave",
    );
  });

  it("disconnects a remote socket", async () => {
    const doomed = await client(b, "doomed", []);
    const reason = new Promise((resolve) => doomed.socket.once("disconnect", resolve));
    await c.call("remoteDisconnect", { socketId: doomed.socket.id });
    expect(await reason).toBe("io server disconnect");
  });
});

describe("bulk operations across nodes", () => {
  it("socketsJoin and socketsLeave reach every node", async () => {
    await a.call("socketsJoin", { rooms: ["r2"], room: "r4" });
    await waitFor(
      async () => (await b.call<string[]>("localRooms", { socketId: b2.socket.id })).includes("r4"),
      "b2 in r4",
    );
    await waitFor(
      async () => (await c.call<string[]>("localRooms", { socketId: c1.socket.id })).includes("r4"),
      "c1 in r4",
    );
    const inR4 = await a.call<FetchedSocket[]>("fetchSockets", { rooms: ["r4"] });
    expect(inR4.map((s) => s.data.user).sort()).toEqual(["b2", "c1"]);

    await b.call("socketsLeave", { rooms: ["r4"], room: "r4" });
    await waitFor(
      async () => (await a.call<FetchedSocket[]>("fetchSockets", { rooms: ["r4"] })).length === 0,
      "r4 empty",
    );
  });

  it("disconnectSockets reaches every node", async () => {
    const d1 = await client(b, "d1", ["doomed"]);
    const d2 = await client(c, "d2", ["doomed"]);
    const reasons = [d1, d2].map(
      (d) => new Promise((resolve) => d.socket.once("disconnect", resolve)),
    );
    await a.call("disconnectSockets", { rooms: ["doomed"] });
    expect(await Promise.all(reasons)).toEqual(["io server disconnect", "io server disconnect"]);
  });
});

describe("server-side emits and the server count", () => {
  it("delivers serverSideEmit to the other nodes", async () => {
    await a.call("serverSideEmit", { event: "note", args: ["hello cluster"] });
    await waitFor(
      () => b.notes.includes("hello cluster") && c.notes.includes("hello cluster"),
      "notes",
    );
    expect(a.notes).toEqual([]);
  });

  it("gathers one acknowledgement per other node", async () => {
    const result = await b.call<{ responses: { node: string; question: string }[] }>(
      "serverSideEmitWithAck",
      { event: "whoami", args: ["who?"] },
    );
    expect(result.responses.sort((x, y) => x.node.localeCompare(y.node))).toEqual([
      { node: "A", question: "who?" },
      { node: "C", question: "who?" },
    ]);
  });

  it("counts every node", async () => {
    for (const node of [a, b, c]) expect(await node.call("serverCount")).toBe(3);
  });
});

describe("a node killed mid-broadcast", () => {
  it("does not stall the others, and is no longer waited for", async () => {
    // c1 receives "slow" but never answers; a1 and b1 answer at once
    for (const t of [a1, b1])
      t.socket.on("slow", (ack: (user: string) => void) => ack(t === a1 ? "a1" : "b1"));
    const from = c1.received.length;
    const pending = a.call<{ error?: string; responses: string[] }>("emitWithAck", {
      rooms: ["r1"],
      timeout: 1500,
      event: "slow",
    });
    await c1.next("slow", from);
    await c.kill();

    const result = await pending;
    expect(result.error).toBe("AckTimeoutError");
    expect(result.responses.sort()).toEqual(["a1", "b1"]);

    // the others carry on
    await b.call("emit", { rooms: ["r1"], event: "after-kill", args: [true] });
    expect(await a1.next("after-kill")).toEqual([true]);

    // once C is noticed dead, nothing waits for it
    await waitForServerCount([a, b], 2);
    const sockets = await a.call<FetchedSocket[]>("fetchSockets");
    expect(sockets.map((s) => s.data.node).sort()).toEqual(["A", "B", "B"]);
    const acks = await a.call<{ responses: string[] }>("emitWithAck", {
      rooms: ["r1"],
      timeout: 5000,
      event: "ask",
    });
    expect(acks.responses.sort()).toEqual(["a1", "b1"]);
    const whoami = await a.call<{ responses: { node: string }[] }>("serverSideEmitWithAck", {
      event: "whoami",
      args: ["still there?"],
    });
    expect(whoami.responses.map((r) => r.node)).toEqual(["B"]);
  });
});
