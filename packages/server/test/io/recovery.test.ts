import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "../../src/index.js";
import {
  connected,
  nextConnection,
  once,
  rawClient,
  startServer,
  type TestServer,
  TRANSPORTS,
} from "./helpers.js";

const RECONNECT = { reconnection: true, reconnectionDelay: 10, reconnectionDelayMax: 10 };

describe.each(TRANSPORTS)("connection state recovery over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("restores id, rooms, data and every missed packet once, in order", async () => {
    server = await startServer(transport, {
      connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: true },
    });
    let middlewareRuns = 0;
    server.io.use((_socket, next) => {
      middlewareRuns++;
      next();
    });
    server.io.on("connection", (socket) => {
      if (!socket.recovered) {
        socket.join("room");
        socket.data = { n: 1 };
      }
    });
    const first = nextConnection(server.io);
    const client = await connected(server.client("/", RECONNECT));
    const socket1 = await first;
    const id = client.id!;
    const got: unknown[] = [];
    client.on("e", (n: unknown) => got.push(n));
    const warm = once(client, "e");
    server.io.emit("e", 0);
    await warm;

    const cut = once<[string]>(socket1, "disconnect");
    const second = nextConnection(server.io);
    // cut the connection below Socket.IO; the client reconnects by itself
    client.io.engine.close();
    expect((await cut)[0]).toBe("transport close");
    server.io.to("room").emit("e", 1);
    server.io.emit("e", 2);
    server.io.except("room").emit("e", "not for me");
    server.io.to(id).emit("e", 3);
    server.io.volatile.emit("e", "volatile is not kept");
    server.io.emit("e", 4);

    const socket2: Socket = await second;
    await connected(client);
    expect(socket2.recovered).toBe(true);
    expect((client as unknown as { recovered: boolean }).recovered).toBe(true);
    expect(socket2.id).toBe(id);
    expect(client.id).toBe(id);
    expect(socket2.rooms).toEqual(new Set([id, "room"]));
    expect(socket2.data).toEqual({ n: 1 });
    expect(middlewareRuns).toBe(1);

    const marker = once(client, "marker");
    server.io.emit("marker");
    await marker;
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it("a broadcast that cannot be encoded throws to the app and is not stored", async () => {
    server = await startServer(transport, {
      connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
    });
    const errors: unknown[] = [];
    server.io.on("error", (err) => errors.push(err));
    const first = nextConnection(server.io);
    const client = await connected(server.client("/", RECONNECT));
    const socket1 = await first;
    const got: unknown[] = [];
    client.on("e", (n: unknown) => got.push(n));
    const warm = once(client, "e");
    server.io.emit("e", 0);
    await warm;

    const cut = once(socket1, "disconnect");
    const second = nextConnection(server.io);
    client.io.engine.close();
    await cut;
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => server.io.emit("e", circular)).toThrow();
    expect(() => server.io.emit("e", 10n)).toThrow();
    server.io.emit("e", 1);
    const socket2: Socket = await second;
    await connected(client);
    expect(socket2.recovered).toBe(true);
    const marker = once(client, "marker");
    server.io.emit("marker");
    await marker;
    expect(got).toEqual([0, 1]);
    expect(errors).toEqual([]);
  });

  it("recovers when the old connection is still open on the server (not noticed yet)", async () => {
    server = await startServer(transport, {
      connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
    });
    server.io.on("connection", (socket) => {
      if (!socket.recovered) socket.join("room");
    });
    const first = nextConnection(server.io);
    const client = await connected(server.client("/"));
    const socket1 = await first;
    const warm = once(client, "e");
    server.io.emit("e", 0);
    await warm;
    const { _pid: pid, _lastOffset: offset } = client as unknown as Record<string, string>;
    // the client's connection died without the server noticing: it comes back on a new one
    client.off("e");
    const gone = once<[string]>(socket1, "disconnect");
    server.io.to("room").emit("e", 1);
    server.io.emit("e", 2);
    const second = nextConnection(server.io);
    const again = await rawClient(server.url, transport);
    again.send(`0${JSON.stringify({ pid, offset })}`);
    const socket2: Socket = await second;
    // a recoverable reason (the session was saved): "forced close" or "forced server close"
    expect((await gone)[0]).toMatch(/^forced (server )?close$/);
    expect(socket2.recovered).toBe(true);
    expect(socket2.id).toBe(socket1.id);
    expect(socket2.rooms.has("room")).toBe(true);
    expect(JSON.parse((await again.next((m) => m.startsWith("0"))).slice(1))).toMatchObject({
      sid: socket1.id,
      pid,
    });
    const replayed = [
      await again.next((m) => m.startsWith("2")),
      await again.next((m) => m.startsWith("2")),
    ];
    expect(replayed.map((m) => (JSON.parse(m.slice(1)) as unknown[])[1])).toEqual([1, 2]);
    again.close();
    client.disconnect();
  });

  it("a live broadcast already sent by the replay is not sent again (cluster race)", async () => {
    server = await startServer(transport, { connectionStateRecovery: {} });
    const adapter = server.io.of("/").adapter as unknown as {
      restoreSession: (pid: string, offset: string) => Promise<unknown>;
      deliver: (packet: unknown, opts: unknown) => void;
    };
    // a cluster adapter's replay: the log had o1 and o2 after the client's offset o0
    adapter.restoreSession = async () => ({
      sid: "restored-id",
      pid: "p1",
      rooms: ["room"],
      data: {},
      missedPackets: [
        ["e", 1, "o1"],
        ["e", 2, "o2"],
      ],
    });
    const second = nextConnection(server.io);
    const raw = await rawClient(server.url, transport);
    raw.send(`0${JSON.stringify({ pid: "p1", offset: "o0" })}`);
    const socket: Socket = await second;
    expect(socket.recovered).toBe(true);
    // the same messages arrive live (pub/sub was slower than the log read), then a new one
    const live = (n: number, offset: string) =>
      adapter.deliver(
        { type: 2, nsp: "/", data: ["e", n, offset] },
        { rooms: new Set(["room"]), except: new Set(), flags: {} },
      );
    live(2, "o2");
    live(3, "o3");
    live(2, "o2"); // past the replay now: a repeat here is the sender's business, delivered
    const events: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const m = await raw.next((text) => text.startsWith("2"));
      events.push((JSON.parse(m.slice(1)) as unknown[])[1]);
    }
    expect(events).toEqual([1, 2, 3, 2]);
    raw.close();
  });

  it("gives a fresh socket when the session cannot be recovered", async () => {
    server = await startServer(transport, { connectionStateRecovery: {} });
    const first = nextConnection(server.io);
    const client = await connected(server.client("/", RECONNECT));
    const socket1 = await first;
    // no event received yet: the client has no offset, so nothing can be recovered
    const cut = once(socket1, "disconnect");
    const second = nextConnection(server.io);
    client.io.engine.close();
    await cut;
    const socket2 = await second;
    await connected(client);
    expect(socket2.recovered).toBe(false);
    expect(socket2.id).not.toBe(socket1.id);
  });

  it("does not keep sessions closed on purpose", async () => {
    server = await startServer(transport, { connectionStateRecovery: {} });
    const first = nextConnection(server.io);
    const client = await connected(server.client("/", RECONNECT));
    const socket1 = await first;
    const warm = once(client, "e");
    server.io.emit("e");
    await warm;
    const gone = once<[string]>(socket1, "disconnect");
    client.disconnect();
    expect((await gone)[0]).toBe("client namespace disconnect");
    const second = nextConnection(server.io);
    client.connect();
    await connected(client);
    expect((await second).recovered).toBe(false);
  });
});
