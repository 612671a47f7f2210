/**
 * The SSE transport end to end against the real `@volley/server` (which serves `transport=sse`
 * and offers it in `upgrades`): open on SSE, upgrade polling → SSE and SSE → WebSocket,
 * binary and acks both ways, server events in order, heartbeats, reconnection after a restart.
 * Skipped when @volley/server is not built.
 */
import { afterEach, describe, expect, it } from "vitest";
import "../src/sse.js"; // registers the opt-in SSE transport
import { io, type Socket } from "../src/index.js";
import {
  type AnyServer,
  collector,
  once,
  serverKinds,
  startServer,
  type TestServer,
  until,
} from "./helpers.js";

const fast = { reconnectionDelay: 20, reconnectionDelayMax: 50, forceNew: true };

describe.runIf(serverKinds.includes("volley"))("SSE against the Volley server", () => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) {
      socket.disconnect();
      socket.io.close();
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function server(options: Record<string, unknown> = {}) {
    const s = await startServer("volley", options, (srv: AnyServer) => {
      srv.on("connection", (socket: AnyServer) => {
        socket.on("echo", (...args: unknown[]) => {
          const ack = args.pop() as (...a: unknown[]) => void;
          ack(...args);
        });
        socket.on("burst", (n: number) => {
          for (let i = 0; i < n; i++) socket.emit("seq", i);
        });
        socket.on("ask", async (ack: (a: unknown) => void) => {
          ack(await socket.timeout(5000).emitWithAck("question", "why?"));
        });
      });
    });
    servers.push(s);
    return s;
  }
  function client(url: string, options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(url, { ...fast, ...options });
    sockets.push(socket);
    return socket;
  }

  async function exercise(socket: Socket): Promise<void> {
    expect(await socket.emitWithAck("echo", "text", 1)).toBe("text");
    const reply = await new Promise<unknown[]>((resolve) =>
      socket.emit("echo", Buffer.from([1, 2]), { deep: [Buffer.from([3])] }, (...a: unknown[]) =>
        resolve(a),
      ),
    );
    expect(reply).toEqual([Buffer.from([1, 2]), { deep: [Buffer.from([3])] }]);
    // the server acks back through the client
    socket.on("question", (q: string, ack: (a: string) => void) => ack(`${q} because`));
    expect(await socket.emitWithAck("ask")).toBe("why? because");
    // server events in order
    const seq = collector<number>(50);
    socket.on("seq", (i: number) => seq.push(i));
    socket.emit("burst", 50);
    expect(await seq.done).toEqual(Array.from({ length: 50 }, (_, i) => i));
  }

  it('opens on SSE with transports: ["sse"]', async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    expect(socket.transport.value).toBe("sse");
    expect(socket.io.engine!.handshake!.upgrades).toEqual(["websocket"]);
    await exercise(socket);
    expect(socket.transport.value).toBe("sse");
  });

  it('upgrades polling → SSE with transports: ["polling", "sse"]', async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["polling", "sse"] });
    const upgraded = once<[string]>(socket.io.engine!, "upgrade");
    await once(socket, "connect");
    expect(await upgraded).toEqual(["sse"]);
    expect(socket.transport.value).toBe("sse");
    await exercise(socket);
  });

  it('upgrades SSE → WebSocket with transports: ["sse", "websocket"]', async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["sse", "websocket"] });
    const upgraded = once<[string]>(socket.io.engine!, "upgrade");
    await once(socket, "connect");
    expect(await upgraded).toEqual(["websocket"]);
    await exercise(socket);
    expect(socket.transport.value).toBe("websocket");
  });

  it("answers pings over SSE (the server keeps the session)", async () => {
    const s = await server({ pingInterval: 30, pingTimeout: 2000 });
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    const id = socket.id;
    for (let i = 0; i < 4; i++) await once(socket.io, "ping");
    expect(socket.connected).toBe(true);
    expect(socket.id).toBe(id);
    expect(await socket.emitWithAck("echo", "alive")).toBe("alive");
  });

  it("reconnects on SSE after a server restart; offline emits arrive in order", async () => {
    const s = await server();
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    const disconnected = once<[string]>(socket, "disconnect");
    await s.close();
    expect(["transport close", "transport error"]).toContain((await disconnected)[0]);
    const received = collector<number>(3);
    await s.restart();
    s.io.on("connection", (srv: AnyServer) => srv.on("n", (i: number) => received.push(i)));
    for (let i = 1; i <= 3; i++) socket.emit("n", i);
    await until(socket.status, (v) => v === "connected");
    expect(await received.done).toEqual([1, 2, 3]);
    expect(socket.transport.value).toBe("sse");
  });

  it("closes cleanly: the server sees the client's disconnect", async () => {
    const s = await server();
    const connected = once<[AnyServer]>(s.io, "connection");
    const socket = client(s.url, { transports: ["sse"] });
    await once(socket, "connect");
    const [serverSocket] = await connected;
    const gone = once<[string]>(serverSocket, "disconnect");
    socket.disconnect();
    expect((await gone)[0]).toMatch(/client namespace disconnect|transport close/);
  });
});
