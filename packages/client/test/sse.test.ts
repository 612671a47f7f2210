/**
 * The SSE transport against a minimal endpoint that follows docs/CONTRACTS.md (sse-server.ts):
 * open on SSE, upgrade polling → SSE, fall back to SSE when WebSocket is refused, binary,
 * acks, heartbeats, `event: json`, server close and reconnection, headers and query.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import "../src/sse.js"; // registers the opt-in SSE transport
import { EngineSession } from "../src/engine/session.js";
import { io, type Socket } from "../src/index.js";
import { once } from "./helpers.js";
import { type SseTestServer, sseServer } from "./sse-server.js";

describe("SSE transport (spec-following test endpoint)", () => {
  const servers: SseTestServer[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) {
      socket.disconnect();
      socket.io.close();
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function server(options?: Parameters<typeof sseServer>[0]) {
    const s = await sseServer(options);
    servers.push(s);
    return s;
  }
  function client(url: string, options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(url, {
      forceNew: true,
      reconnectionDelay: 10,
      reconnectionDelayMax: 20,
      ...options,
    });
    sockets.push(socket);
    return socket;
  }

  it('opens directly on SSE with transports: ["sse"]: acks and binary both ways', async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    expect(socket.transport.value).toBe("sse");
    expect(socket.io.engine?.handshake?.upgrades).toEqual(["websocket"]);
    expect(await socket.emitWithAck("echo", "text", { n: 1 })).toBe("text");
    const reply = await new Promise<unknown[]>((resolve) =>
      socket.emit(
        "echo",
        Buffer.from([1, 2, 3]),
        { nested: Buffer.from([4]) },
        (...args: unknown[]) => resolve(args),
      ),
    );
    expect(reply).toEqual([Buffer.from([1, 2, 3]), { nested: Buffer.from([4]) }]);
    expect(s.requests.filter((r) => r.method === "GET").map((r) => r.transport)).toEqual(["sse"]);
    expect(s.requests.every((r) => r.transport === "sse")).toBe(true);
  });

  it('upgrades polling → SSE with transports: ["polling", "sse"], keeping order', async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["polling", "sse"] });
    const upgraded = once<[string]>(socket.io.engine!, "upgrade");
    for (let i = 0; i < 20; i++) socket.emit("n", i); // buffered, then sent across the upgrade
    await once(socket, "connect");
    for (let i = 20; i < 40; i++) socket.emit("n", i);
    expect(await upgraded).toEqual(["sse"]);
    expect(socket.transport.value).toBe("sse");
    expect(await socket.emitWithAck("echo", "after")).toBe("after");
    expect(s.transport()).toBe("sse");
    expect(s.events.filter((e) => e[0] === "n").map((e) => e[1])).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
    const probe = s.posted.findIndex((p) => p.type === "ping" && p.data === "probe");
    const upgrade = s.posted.findIndex((p) => p.type === "upgrade");
    expect(probe).toBeGreaterThanOrEqual(0);
    expect(upgrade).toBeGreaterThan(probe);
  });

  it("with the default transports, falls back to SSE when the WebSocket probe fails", async () => {
    const s = await server(); // refuses WebSocket upgrades, offers ["websocket", "sse"]
    const socket = client(s.url);
    const engine = socket.io.engine!;
    const upgradeErrors: Error[] = [];
    engine.on("upgradeError", (error) => upgradeErrors.push(error));
    const upgraded = once<[string]>(engine, "upgrade");
    await once(socket, "connect");
    expect(await upgraded).toEqual(["sse"]);
    expect(upgradeErrors).toHaveLength(1);
    expect(upgradeErrors[0]).toMatchObject({ message: "websocket error" });
    expect(await socket.emitWithAck("echo", 42)).toBe(42);
  });

  it("answers pings sent down the stream with pongs POSTed up", async () => {
    const s = await server({ pingInterval: 20, pingTimeout: 1000 });
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    for (let i = 0; i < 3; i++) await once(socket.io, "ping");
    await eventually(() => s.posted.filter((p) => p.type === "pong").length >= 2);
    expect(s.posted.filter((p) => p.type === "pong").length).toBeGreaterThanOrEqual(2);
    expect(socket.connected).toBe(true);
  });

  it("decodes `event: json` packets (line breaks) and ignores comments", async () => {
    const s = await server();
    const engine = new EngineSession({
      secure: false,
      host: new URL(s.url).host,
      path: "/socket.io/",
      query: {},
      extraHeaders: {},
      withCredentials: false,
      transports: ["sse"],
      tryAllTransports: false,
      upgrade: false,
      rememberUpgrade: false,
    });
    const messages: unknown[] = [];
    engine.on("message", (data) => messages.push(data));
    engine.open();
    await once(engine, "open");
    const got = once(engine, "message");
    s.sendRaw("4line 1\nline 2\r\nline 3");
    await got;
    s.sendRaw("4plain");
    await once(engine, "message");
    expect(messages).toEqual(["line 1\nline 2\r\nline 3", "plain"]);
    engine.close();
  });

  it("a close packet from the server is a transport close; the client reconnects on SSE", async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    const first = socket.id;
    const disconnected = once<[string]>(socket, "disconnect");
    s.closeSession();
    expect((await disconnected)[0]).toBe("transport close");
    await once(socket, "connect");
    expect(socket.transport.value).toBe("sse");
    expect(socket.id).not.toBe(first);
    expect(await socket.emitWithAck("echo", "back")).toBe("back");
  });

  it("a stream that ends without a close packet is a transport close too", async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    const disconnected = once<[string, { description: string; context: { code?: string } }]>(
      socket,
      "disconnect",
    );
    s.dropStream();
    const [reason, details] = await disconnected;
    expect(reason).toBe("transport close");
    expect(details.description).toContain("ended without a close packet");
    expect(details.context).toMatchObject({ code: "STREAM_ENDED" });
    await once(socket, "connect");
  });

  it("the client closes by POSTing a close packet", async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    socket.disconnect();
    await eventually(() => s.posted.some((p) => p.type === "close"));
    const messages = s.posted.filter((p) => p.type === "message").map((p) => p.data);
    expect(messages.at(-1)).toBe("1"); // Socket.IO DISCONNECT ("41" on the wire)
  });

  it("honours withCredentials on the stream and on POSTs (fetch credentials)", async () => {
    const s = await server();
    const seen: (RequestCredentials | undefined)[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation((input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(init?.credentials);
        return realFetch(input, init);
      });
    try {
      const socket = client(s.url, { transports: ["sse"], withCredentials: true });
      await once(socket, "connect");
      expect(await socket.emitWithAck("echo", 1)).toBe(1);
      const plain = client(s.url, { transports: ["sse"] });
      await once(plain, "connect");
    } finally {
      spy.mockRestore();
    }
    const stream = s.requests.findIndex((r) => r.method === "GET");
    expect(stream).toBe(0);
    // the first client's requests include cookies; the second's only for the same origin
    expect(seen.slice(0, 3)).toEqual(["include", "include", "include"]);
    expect(seen.at(-1)).toBe("same-origin");
  });

  it("sends extraHeaders and query on the stream and on POSTs", async () => {
    const s = await server();
    const socket = client(`${s.url}?from=url`, {
      transports: ["sse"],
      extraHeaders: { "x-token": "secret" },
      query: { a: "1" },
    });
    await once(socket, "connect");
    expect(s.requests.length).toBeGreaterThanOrEqual(2);
    for (const request of s.requests) {
      expect(request.headers["x-token"]).toBe("secret");
      expect(request.query.get("a")).toBe("1");
      expect(request.query.get("from")).toBe("url");
      expect(request.query.get("EIO")).toBe("4");
    }
    const stream = s.requests.find((r) => r.method === "GET")!;
    expect(stream.headers.accept).toBe("text/event-stream");
  });
});

/** Waits, one macrotask at a time (I/O, not a duration), until `predicate` holds; bounded. */
async function eventually(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !predicate(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(predicate()).toBe(true);
}
