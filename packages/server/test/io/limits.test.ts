/**
 * Hostile clients against the built-in limits, over WebSocket and polling with the official
 * socket.io-client: floods are answered or cut off, every action is announced, and a well
 * behaved client on the same server is unharmed. Counts only: buckets that never refill
 * (`perSecond` ~0) make every outcome deterministic.
 */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { PendingAcksLimitError, type ServerOptions, type Socket } from "../../src/index.js";
import type { LimitExceeded } from "../../src/io/limits/limit-exceeded.js";
import {
  connected,
  nextConnection,
  once,
  startServer,
  type TestServer,
  TRANSPORTS,
} from "./helpers.js";

const NEVER = 1e-9; // a refill rate that adds nothing within a test

describe.each(TRANSPORTS)("limits over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  async function start(limits: ServerOptions["limits"]) {
    server = await startServer(transport, { limits });
    const exceeded: LimitExceeded<Socket>[] = [];
    server.io.on("limit_exceeded", (info) => exceeded.push(info));
    return exceeded;
  }

  async function pair(nsp = "/") {
    const serverSocket = nextConnection(server.io, nsp);
    const client = await connected(server.client(nsp));
    return { client, socket: await serverSocket };
  }

  it("drops an event flood past the bucket, answers acks rate_limited, spares others", async () => {
    const exceeded = await start({ events: { perSecond: NEVER, burst: 5 } });
    const handled: string[] = [];
    server.io.on("connection", (socket) => {
      socket.on("msg", (who: string, ack?: (r: unknown) => void) => {
        handled.push(who);
        ack?.("ok");
      });
    });
    const { client: flooder } = await pair();
    const { client: calm } = await pair();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => flooder.emitWithAck("msg", "flooder")),
    );
    expect(replies.filter((r) => r === "ok")).toHaveLength(5);
    const refused = replies.filter((r) => r !== "ok");
    expect(refused).toHaveLength(15);
    expect(refused[0]).toMatchObject({ error: "rate_limited", limit: "events" });
    expect((refused[0] as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    expect(await calm.emitWithAck("msg", "calm")).toBe("ok");
    expect(handled.filter((w) => w === "flooder")).toHaveLength(5);
    expect(exceeded).toHaveLength(15);
    expect(exceeded[0]).toMatchObject({ limit: "events", action: "drop", event: "msg" });
    expect(exceeded[0]!.socket?.id).toBeDefined();
    expect(flooder.connected).toBe(true);
  });

  it("drops events without an ack request silently, in order with the rest", async () => {
    const exceeded = await start({ events: { perSecond: NEVER, burst: 3 } });
    const seen: number[] = [];
    server.io.on("connection", (socket) => {
      socket.on("n", (n: number, ack?: (r: unknown) => void) => {
        seen.push(n);
        ack?.("ok");
      });
    });
    const { client } = await pair();
    for (let i = 1; i <= 5; i++) client.emit("n", i); // 1–3 pass
    expect(await client.emitWithAck("n", 6)).toMatchObject({ error: "rate_limited" });
    expect(seen).toEqual([1, 2, 3]);
    expect(exceeded.map((e) => e.event)).toEqual(["n", "n", "n"]);
  });

  it("disconnects a flooder when the action is disconnect; the client sees why", async () => {
    const exceeded = await start({ events: { perSecond: NEVER, burst: 3, action: "disconnect" } });
    const { client } = await pair();
    const notice = once<[unknown]>(client, "rate_limited");
    const reason = once<[string]>(client, "disconnect");
    for (let i = 0; i < 10; i++) client.emit("spam", i);
    expect((await notice)[0]).toMatchObject({ error: "rate_limited", limit: "events" });
    expect((await reason)[0]).toBe("io server disconnect");
    expect(exceeded[0]).toMatchObject({ limit: "events", action: "disconnect" });
  });

  it("limits bytes per connection (binary attachments included)", async () => {
    await start({ events: false, bytes: { perSecond: NEVER, burst: 3000 } });
    let handled = 0;
    server.io.on("connection", (socket) => {
      socket.on("blob", (_data: unknown, ack: (r: unknown) => void) => {
        handled++;
        ack("ok");
      });
    });
    const { client } = await pair();
    const replies: unknown[] = [];
    for (let i = 0; i < 4; i++) replies.push(await client.emitWithAck("blob", Buffer.alloc(1000)));
    expect(replies.slice(0, 2)).toEqual(["ok", "ok"]);
    expect(replies[3]).toMatchObject({ error: "rate_limited", limit: "bytes" });
    expect(handled).toBeLessThan(4);
  });

  it("bounds requests a handler has not answered yet", async () => {
    const exceeded = await start({ pendingAcks: 2 });
    const held: ((r: unknown) => void)[] = [];
    server.io.on("connection", (socket) => {
      socket.on("slow", (n: number, ack: (r: unknown) => void) => {
        held.push(ack);
        if (n === 3) ack("fast"); // answered at once: never owed
      });
    });
    const { client } = await pair();
    const first = client.emitWithAck("slow", 1);
    const second = client.emitWithAck("slow", 2);
    expect(await client.emitWithAck("slow", 0)).toMatchObject({
      error: "rate_limited",
      limit: "pendingAcks",
      retryAfterMs: 0,
    });
    held[0]!("one");
    expect(await first).toBe("one");
    expect(await client.emitWithAck("slow", 3)).toBe("fast"); // a slot is free again
    held[1]!("two");
    expect(await second).toBe("two");
    expect(exceeded.map((e) => e.limit)).toEqual(["pendingAcks"]);
  });

  it("bounds server emits waiting for the client's ack", async () => {
    const exceeded = await start({ pendingAcks: 2 });
    const { client, socket } = await pair();
    client.on("ask", () => {}); // never answers
    socket.emit("ask", () => {});
    socket.emit("ask", () => {});
    expect(() => socket.emit("ask", () => {})).toThrow(PendingAcksLimitError);
    await expect(socket.timeout(60_000).emitWithAck("ask")).rejects.toMatchObject({
      code: "PENDING_ACKS_LIMIT",
    });
    expect(exceeded.map((e) => e.limit)).toEqual(["pendingAcks", "pendingAcks"]);
  });

  it("refuses a join past roomsPerSocket (the socket's own room counts)", async () => {
    const exceeded = await start({ roomsPerSocket: 3 });
    const { socket } = await pair();
    socket.join(["a", "b"]);
    socket.join("c");
    expect([...socket.rooms].sort()).toEqual([socket.id, "a", "b"].sort());
    socket.join("a"); // already in: no new room
    expect(exceeded).toEqual([
      expect.objectContaining({ limit: "roomsPerSocket", action: "refuse" }),
    ]);
  });

  it("counts every CONNECT but a connection's first as an event", async () => {
    await start({ events: { perSecond: NEVER, burst: 2 } });
    server.io.of("/a");
    server.io.of("/b");
    server.io.of("/c");
    const first = await connected(server.client("/"));
    const other = (nsp: string) => first.io.socket(nsp); // connects by itself, once
    await connected(other("/a"));
    await connected(other("/b"));
    const [err] = await once<[Error & { data: unknown }]>(other("/c"), "connect_error");
    expect(err.message).toBe("rate_limited");
    expect(err.data).toMatchObject({ limit: "events" });
  });

  it("refuses CONNECTs past the namespaces a connection may try", async () => {
    const exceeded = await start({ namespaces: 2 });
    server.io.of(/^\/room-\d+$/);
    const first = await connected(server.client("/"));
    const sameManager = (nsp: string) => first.io.socket(nsp); // connects by itself, once
    await connected(sameManager("/room-1"));
    const refused = sameManager("/room-2");
    const [err] = await once<[Error & { data: unknown }]>(refused, "connect_error");
    expect(err.message).toBe("rate_limited");
    expect(err.data).toMatchObject({ error: "rate_limited", limit: "namespaces" });
    expect(exceeded[0]).toMatchObject({
      limit: "namespaces",
      action: "refuse",
      namespace: "/room-2",
    });
    expect(first.connected).toBe(true);
  });
});

describe("connections per address", () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  function handshake(from?: string): Promise<{ status: number; body: string; retry?: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${server.url}/socket.io/?EIO=4&transport=polling`,
        { headers: from ? { "x-forwarded-for": `6.6.6.6, ${from}` } : {} },
        (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode!, body, retry: res.headers["retry-after"] as string }),
          );
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  it("answers 429 past the rate of the trusted proxy's address; others are unharmed", async () => {
    server = await startServer("polling", {
      limits: { trustProxy: "x-forwarded-for", connections: { perSecond: NEVER, burst: 2 } },
    });
    const exceeded: LimitExceeded[] = [];
    server.io.on("limit_exceeded", (info) => exceeded.push(info));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await handshake("203.0.113.9")).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await handshake("203.0.113.9");
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({
      code: 3,
      message: expect.stringMatching(/Too many/),
    });
    expect(Number(refused.retry)).toBeGreaterThan(0);
    expect((await handshake("198.51.100.1")).status).toBe(200);
    expect(exceeded[0]).toMatchObject({
      limit: "connections",
      action: "refuse",
      address: "203.0.113.9",
    });

    // the official client sees a failed handshake
    const client = server.client("/", {
      transports: ["polling"],
      extraHeaders: { "x-forwarded-for": "203.0.113.9" },
    });
    const [err] = await once<[Error]>(client, "connect_error");
    expect(err.message).toMatch(/poll error/);
  });

  it("refuses a WebSocket upgrade handshake with 429", async () => {
    server = await startServer("websocket", {
      limits: { trustProxy: "x-forwarded-for", connections: { perSecond: NEVER, burst: 1 } },
    });
    const headers = { "x-forwarded-for": "203.0.113.10" };
    const ok = server.client("/", { transports: ["websocket"], extraHeaders: headers });
    await connected(ok);
    const refused = server.client("/", { transports: ["websocket"], extraHeaders: headers });
    await once(refused, "connect_error");
    const raw = await new Promise<string>((resolve) => {
      const req = request(`${server.url}/socket.io/?EIO=4&transport=websocket`, {
        headers: {
          ...headers,
          Connection: "Upgrade",
          Upgrade: "websocket",
          "Sec-WebSocket-Version": "13",
          "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
      });
      req.on("response", (res) => resolve(String(res.statusCode)));
      req.on("upgrade", () => resolve("upgraded"));
      req.end();
    });
    expect(raw).toBe("429");
    expect(ok.connected).toBe(true);
  });

  it("leaves loopback peers uncounted by default", async () => {
    server = await startServer("polling", {
      limits: { connections: { perSecond: NEVER, burst: 1 } },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await handshake()).status);
    expect(statuses).toEqual([200, 200, 200]);
  });

  it("counts loopback too with exemptLoopback: false", async () => {
    server = await startServer("polling", {
      limits: { connections: { perSecond: NEVER, burst: 1, exemptLoopback: false } },
    });
    expect([(await handshake()).status, (await handshake()).status]).toEqual([200, 429]);
  });

  it("limits: false turns every limit off", async () => {
    server = await startServer("polling", { limits: false });
    expect(server.io.opts.limits).toBeUndefined();
    expect(server.io.engine.options.connectionGate).toBeUndefined();
  });
});
