import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
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

describe.each(TRANSPORTS)("disconnection over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    vi.restoreAllMocks();
    await server?.close();
  });

  it("server namespace disconnect: the client gets 41 and does not reconnect", async () => {
    server = await startServer(transport);
    const serverSocket = nextConnection(server.io);
    const client = await connected(server.client("/", { reconnection: true }));
    const socket = await serverSocket;
    const serverReason = once<[string]>(socket, "disconnect");
    const clientReason = once<[string]>(client, "disconnect");
    socket.disconnect();
    expect((await serverReason)[0]).toBe("server namespace disconnect");
    expect((await clientReason)[0]).toBe("io server disconnect");
    expect(client.active).toBe(false);
    expect(socket.connected).toBe(false);
    expect(server.io.sockets.sockets.size).toBe(0);
  });

  it("a client leaving: the engine forgot it before disconnect, conn listeners follow", async () => {
    server = await startServer(transport);
    const serverSocket = nextConnection(server.io);
    const client = await connected(server.client());
    const socket = await serverSocket;
    const order: string[] = [];
    socket.conn.on("close", (reason) => order.push(`conn close: ${reason}`));
    const done = new Promise<void>((resolve) => {
      socket.on("disconnect", (reason) => {
        order.push(`disconnect: ${reason}, ${server.io.engine.clientsCount} sessions`);
        resolve();
      });
    });
    client.io.engine.close(); // the whole connection, not one namespace
    await done;
    expect(order).toEqual([
      "disconnect: transport close, 0 sessions",
      "conn close: transport close",
    ]);
  });

  it("disconnect(true) leaves every namespace and closes the session", async () => {
    server = await startServer(transport);
    server.io.of("/b");
    const main = await connected(server.client("/"));
    const b = await connected(main.io.socket("/b").connect());
    const socketMain = server.io.sockets.sockets.get(main.id!)!;
    const socketB = server.io.of("/b").sockets.get(b.id!)!;
    const reasons = Promise.all([
      once<[string]>(socketMain, "disconnect"),
      once<[string]>(socketB, "disconnect"),
    ]);
    const engineClosed = once(main.io.engine, "close");
    socketMain.disconnect(true);
    expect((await reasons).map(([r]) => r)).toEqual([
      "server namespace disconnect",
      "server namespace disconnect",
    ]);
    await engineClosed;
  });

  it("transport close when the client's connection goes away", async () => {
    server = await startServer(transport);
    const serverSocket = nextConnection(server.io);
    const client = await connected(server.client("/"));
    const socket = await serverSocket;
    const reason = once<[string]>(socket, "disconnect");
    client.io.engine.close();
    expect((await reason)[0]).toBe("transport close");
  });

  it("server shutting down on io.close()", async () => {
    server = await startServer(transport);
    const serverSocket = nextConnection(server.io);
    await connected(server.client("/"));
    const socket = await serverSocket;
    const reason = once<[string]>(socket, "disconnect");
    await server.io.close();
    expect((await reason)[0]).toBe("server shutting down");
  });

  it("closes a session that never sends CONNECT after connectTimeout", async () => {
    server = await startServer(transport, { connectTimeout: 50 });
    const raw = await rawClient(server.url, transport);
    await raw.closed;
    expect(server.io.engine.clientsCount).toBe(0);
  });

  it("a middleware that never calls next: connect_error with a clear message at connectTimeout", async () => {
    server = await startServer(transport, { connectTimeout: 100 });
    server.io.of("/stuck").use(() => {});
    const client = server.client("/stuck");
    const [err] = await once<[Error]>(client, "connect_error");
    expect(err.message).toMatch(
      /^Connection timed out: no namespace was joined within connectTimeout/,
    );
  });

  it("a CONNECT flood creates one socket per namespace", async () => {
    server = await startServer(transport);
    let connections = 0;
    server.io.on("connection", (socket) => {
      connections++;
      socket.on("ping", (ack: (v: string) => void) => ack("pong"));
    });
    const raw = await rawClient(server.url, transport);
    for (let i = 0; i < 20; i++) raw.send(i % 2 ? "0" : '0{"token":1}');
    raw.send('21["ping"]');
    expect(await raw.next((m) => m.startsWith("3"))).toBe('31["pong"]');
    expect(connections).toBe(1);
    expect(server.io.sockets.sockets.size).toBe(1);
    expect(raw.messages.filter((m) => typeof m === "string" && m.startsWith("0"))).toHaveLength(1);
    raw.close();
  });

  it("keeps the engine session after 41 for the last namespace, and can CONNECT again", async () => {
    server = await startServer(transport);
    const raw = await rawClient(server.url, transport);
    raw.send("0");
    const first = JSON.parse((await raw.next((m) => m.startsWith("0"))).slice(1)) as {
      sid: string;
    };
    const reason = once<[string]>(server.io.sockets.sockets.get(first.sid)!, "disconnect");
    raw.send("1");
    expect((await reason)[0]).toBe("client namespace disconnect");
    expect(server.io.engine.clientsCount).toBe(1);
    raw.send("0");
    const second = JSON.parse((await raw.next((m) => m.startsWith("0"))).slice(1)) as {
      sid: string;
    };
    expect(second.sid).not.toBe(first.sid);
    expect(server.io.engine.clientsCount).toBe(1);
    raw.close();
  });

  it("a malformed packet closes that session with parse error; others carry on", async () => {
    server = await startServer(transport);
    server.io.on("connection", (socket) =>
      socket.on("echo", (v: unknown, ack: (v: unknown) => void) => ack(v)),
    );
    const good = await connected(server.client("/"));
    for (const bad of ['2["unterminated', '2["disconnect"]', "2{}", '2/nope,["x"]', "9", "4{}"]) {
      const raw = await rawClient(server.url, transport);
      raw.send("0");
      const sid = (
        JSON.parse((await raw.next((m) => m.startsWith("0"))).slice(1)) as { sid: string }
      ).sid;
      const reason = once<[string]>(server.io.sockets.sockets.get(sid)!, "disconnect");
      raw.send(bad);
      expect((await reason)[0]).toBe("parse error");
      await raw.closed;
      expect(await good.emitWithAck("echo", bad)).toBe(bad);
    }
    expect(server.io.sockets.sockets.size).toBe(1);
  });

  it("handler errors without an 'error' listener are logged, never thrown", async () => {
    server = await startServer(transport);
    const logged: unknown[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    server.io.on("connection", (socket: Socket) => {
      socket.on("boom", () => {
        throw new Error("boom");
      });
      socket.on("ok", (ack: () => void) => ack());
    });
    const client = await connected(server.client("/"));
    client.emit("boom");
    await client.emitWithAck("ok");
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0])).toContain("error");
  });
});

describe("disconnection over raw websocket", () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("ping timeout when the client stops answering pings", async () => {
    server = await startServer("websocket", { pingInterval: 30, pingTimeout: 30 });
    const connection = nextConnection(server.io);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=websocket`);
    ws.on("message", (data) => {
      if (String(data).startsWith("0")) ws.send("40");
    });
    const socket = await connection;
    const [reason] = await once<[string]>(socket, "disconnect");
    expect(reason).toBe("ping timeout");
    ws.close();
  });
});
