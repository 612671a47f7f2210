/**
 * Our client against real servers: the official socket.io server and, once built, ours.
 * Every test starts its own server on 127.0.0.1:0 and closes everything it opened.
 */
import { afterEach, describe, expect, it } from "vitest";
import "../src/sse.js"; // registers the opt-in SSE transport
import { io, Manager, type Socket } from "../src/index.js";
import {
  type AnyServer,
  collector,
  once,
  serverKinds,
  startServer,
  type TestServer,
  until,
} from "./helpers.js";

const fast = { reconnectionDelay: 50, reconnectionDelayMax: 200, forceNew: true };

describe.each(serverKinds)("interop with the %s server", (kind) => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];

  async function server(options: Record<string, unknown> = {}, setup?: (io: AnyServer) => void) {
    const s = await startServer(kind, options, setup);
    servers.push(s);
    return s;
  }
  function client(url: string, options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(url, { ...fast, ...options });
    sockets.push(socket);
    return socket;
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) {
      socket.disconnect();
      socket.io.close();
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  const echo = (srv: AnyServer) => {
    srv.on("connection", (socket: AnyServer) => {
      socket.on("echo", (...args: unknown[]) => {
        const ack = args.pop() as (...a: unknown[]) => void;
        ack(...args);
      });
      socket.on("gift", () =>
        socket.emit("gift", Buffer.from([7]), { nested: [Buffer.from([8, 9])] }),
      );
      socket.on("ask", async (question: string, ack: (a: unknown) => void) => {
        const answer = await socket.timeout(5000).emitWithAck("question", question);
        ack(answer);
      });
    });
  };

  for (const transports of [["polling"], ["websocket"]] as const) {
    it(`connects over ${transports[0]} only, with emit and ack both ways`, async () => {
      const s = await server({}, echo);
      const socket = client(s.url, { transports: [...transports] });
      socket.on("question", (q: string, ack: (a: string) => void) => ack(`${q}!`));
      await once(socket, "connect");
      expect(socket.connected).toBe(true);
      expect(socket.id).toMatch(/\S+/);
      expect(socket.status.value).toBe("connected");
      expect(socket.transport.value).toBe(transports[0]);
      expect(await socket.emitWithAck("echo", 1, "two", { three: [3] })).toBe(1);
      const reply = await new Promise((resolve) =>
        socket.emit("echo", "a", "b", (...a: unknown[]) => resolve(a)),
      );
      expect(reply).toEqual(["a", "b"]);
      expect(await socket.timeout(5000).emitWithAck("ask", "hi")).toBe("hi!");
    });
  }

  it("upgrades from polling to websocket and keeps working", async () => {
    const s = await server({}, echo);
    const socket = client(s.url);
    await once(socket, "connect");
    if (socket.transport.value !== "websocket") await once(socket.io.engine!, "upgrade");
    expect(socket.transport.value).toBe("websocket");
    expect(await socket.emitWithAck("echo", "after upgrade")).toBe("after upgrade");
  });

  it("rememberUpgrade opens the next session directly on websocket", async () => {
    const s = await server({}, echo);
    const first = client(s.url);
    const upgraded = once(first.io.engine!, "upgrade");
    await once(first, "connect");
    await upgraded;
    const second = client(s.url, { rememberUpgrade: true });
    await once(second, "connect");
    expect(second.transport.value).toBe("websocket");
    expect(second.io.engine!.handshake!.upgrades).toEqual([]);
    expect(await second.emitWithAck("echo", "direct")).toBe("direct");
  });

  it("sends and receives binary anywhere in the arguments", async () => {
    const s = await server({}, echo);
    for (const transports of [["polling"], ["websocket"]]) {
      const socket = client(s.url, { transports: transports as ("polling" | "websocket")[] });
      await once(socket, "connect");
      const payload = {
        buffer: Buffer.from([1, 2, 3]),
        nested: [new Uint8Array([4, 5]), { deep: new Uint16Array([258]).buffer }],
      };
      const [text, echoed] = await new Promise<[string, typeof payload]>((resolve) =>
        socket.emit("echo", "bin", payload, (...a: unknown[]) =>
          resolve(a as [string, typeof payload]),
        ),
      );
      expect(text).toBe("bin");
      expect(Buffer.isBuffer(echoed.buffer)).toBe(true);
      expect([...echoed.buffer]).toEqual([1, 2, 3]);
      expect([...(echoed.nested[0] as Uint8Array)]).toEqual([4, 5]);
      expect([...(echoed.nested[1] as unknown as { deep: Buffer }).deep]).toEqual([2, 1]);
      // a binary event pushed by the server
      const gift = once<[Buffer, { nested: Buffer[] }]>(socket, "gift");
      socket.emit("gift");
      const [bytes, more] = await gift;
      expect(Buffer.isBuffer(bytes) && [...bytes]).toEqual([7]);
      expect(Buffer.isBuffer(more.nested[0]) && [...more.nested[0]!]).toEqual([8, 9]);
    }
  });

  it("multiplexes namespaces on one Manager and one engine session", async () => {
    const engineIds: Record<string, string> = {};
    const s = await server({}, (srv) => {
      for (const nsp of ["/", "/admin"]) {
        srv.of(nsp).on("connection", (socket: AnyServer) => {
          engineIds[nsp] = socket.conn.id;
          socket.on("where", (ack: (n: string) => void) => ack(nsp));
        });
      }
    });
    const root = io(s.url, { ...fast, forceNew: false });
    const admin = io(`${s.url}/admin`, { ...fast, forceNew: false });
    sockets.push(root, admin);
    expect(admin.io).toBe(root.io);
    await Promise.all([once(root, "connect"), once(admin, "connect")]);
    expect(await admin.emitWithAck("where")).toBe("/admin");
    expect(await root.emitWithAck("where")).toBe("/");
    expect(engineIds["/"]).toBe(engineIds["/admin"]);
    expect(root.id).not.toBe(admin.id);
    const unshared = io(`${s.url}/admin`, {
      forceNew: false,
      multiplex: false,
      autoConnect: false,
    });
    expect(unshared.io).not.toBe(root.io);
    expect(unshared.active).toBe(false);
    // the same namespace twice gets a new Manager, as in socket.io-client
    const again = io(s.url, { ...fast, forceNew: false });
    sockets.push(again);
    expect(again.io).not.toBe(root.io);
    await once(again, "connect");
  });

  it("disconnecting one namespace keeps the session; the last one closes it", async () => {
    const s = await server({}, (srv) => srv.of("/other"));
    const manager = new Manager(s.url, { ...fast });
    const root = manager.socket("/");
    const other = manager.socket("/other");
    sockets.push(root, other);
    await Promise.all([once(root, "connect"), once(other, "connect")]);
    const engine = manager.engine!;
    other.disconnect();
    expect(manager.engine).toBe(engine);
    expect(engine.readyState).toBe("open");
    root.disconnect();
    expect(manager.readyState).toBe("closed");
  });

  it("reports connect_error with the data of a middleware error, without reconnecting", async () => {
    const s = await server({}, (srv) => {
      srv.use((socket: AnyServer, next: (e?: Error) => void) => {
        if (socket.handshake.auth.token === "good") return next();
        const error = new Error("unauthorized") as Error & { data: unknown };
        error.data = { code: 42, hint: "log in" };
        next(error);
      });
    });
    const socket = client(s.url, { auth: { token: "bad" } });
    const [error] = await once<[Error & { data?: unknown }]>(socket, "connect_error");
    expect(error.message).toBe("unauthorized");
    expect(error.data).toEqual({ code: 42, hint: "log in" });
    expect(socket.active).toBe(false);
    expect(socket.status.value).toBe("disconnected");
    expect(socket.lastError.value).toBe(error);
    // fix the credentials and connect by hand
    socket.auth = { token: "good" };
    socket.connect();
    await once(socket, "connect");
    expect(socket.lastError.value).toBeUndefined();
  });

  it("sends auth (object or function), query and extra headers", async () => {
    const seen: unknown[] = [];
    const s = await server({}, (srv) => {
      srv.on("connection", (socket: AnyServer) => {
        seen.push({
          auth: socket.handshake.auth,
          q: socket.handshake.query.room,
          h: socket.handshake.headers["x-volley"],
        });
      });
    });
    const a = client(`${s.url}?room=lobby`, {
      auth: { token: "t1" },
      extraHeaders: { "x-volley": "yes" },
      transports: ["polling"],
    });
    await once(a, "connect");
    const b = client(s.url, {
      auth: (cb) => cb({ token: "t2" }),
      query: { room: "den" },
      extraHeaders: { "x-volley": "ws" },
      transports: ["websocket"],
    });
    await once(b, "connect");
    expect(seen).toEqual([
      { auth: { token: "t1" }, q: "lobby", h: "yes" },
      { auth: { token: "t2" }, q: "den", h: "ws" },
    ]);
  });

  it("server-initiated disconnect: 'io server disconnect', no reconnection", async () => {
    const s = await server({}, (srv) => {
      srv.on("connection", (socket: AnyServer) => socket.on("kick me", () => socket.disconnect()));
    });
    const socket = client(s.url);
    await once(socket, "connect");
    socket.emit("kick me");
    const [reason] = await once(socket, "disconnect");
    expect(reason).toBe("io server disconnect");
    expect(socket.active).toBe(false);
    expect(socket.status.value).toBe("disconnected");
  });

  it("client disconnect: 'io client disconnect' here, namespace disconnect on the server", async () => {
    const serverReason = new Promise<string>((resolve) => {
      void server({}, (srv) =>
        srv.on("connection", (socket: AnyServer) => socket.on("disconnect", resolve)),
      ).then((s) => {
        const socket = client(s.url);
        socket.on("connect", () => socket.disconnect());
        socket.on("disconnect", (reason) => expect(reason).toBe("io client disconnect"));
      });
    });
    expect(await serverReason).toBe("client namespace disconnect");
  });

  it("reconnects after a server restart; offline emits arrive once, in order", async () => {
    let received: unknown[] = [];
    const s = await server({}, (srv) => {
      srv.on("connection", (socket: AnyServer) => {
        socket.on("msg", (n: unknown) => received.push(n));
        socket.on("sync", (ack: () => void) => ack());
      });
    });
    const socket = client(s.url);
    const statuses: string[] = [];
    socket.status.subscribe((v) => statuses.push(v));
    const attempts: number[] = [];
    socket.io.on("reconnect_attempt", (n) => attempts.push(n));
    await once(socket, "connect");
    const firstId = socket.id;
    const disconnected = once(socket, "disconnect");
    await s.close();
    const [reason] = await disconnected;
    expect(["transport close", "transport error"]).toContain(reason);
    for (let i = 1; i <= 5; i++) socket.emit("msg", i);
    socket.volatile.emit("msg", "volatile: dropped");
    received = [];
    const reconnected = once(socket.io, "reconnect");
    await s.restart();
    await reconnected;
    if (!socket.connected) await once(socket, "connect");
    await socket.emitWithAck("sync");
    expect(received).toEqual([1, 2, 3, 4, 5]);
    expect(socket.id).not.toBe(firstId);
    expect(attempts.length).toBeGreaterThan(0);
    expect(statuses[0]).toBe("connecting");
    expect(statuses).toContain("reconnecting");
    expect(statuses.at(-1)).toBe("connected");
    expect(socket.reconnectAttempt.value).toBe(0);
  });

  it("gives up after reconnectionAttempts with reconnect_failed", async () => {
    const s = await server();
    const socket = client(s.url, { reconnectionAttempts: 2 });
    await once(socket, "connect");
    const events: string[] = [];
    socket.io.on("reconnect_attempt", (n) => events.push(`attempt ${n}`));
    socket.io.on("reconnect_error", () => events.push("error"));
    const failed = once(socket.io, "reconnect_failed");
    await s.close();
    await failed;
    expect(events).toEqual(["attempt 1", "error", "attempt 2", "error"]);
    expect(socket.status.value).toBe("disconnected");
  });

  it("falls back to polling when the WebSocket upgrade is refused", async () => {
    const s = await server({}, echo);
    // A proxy that kills WebSocket upgrades.
    s.http.removeAllListeners("upgrade");
    s.http.on("upgrade", (_req, sock) => sock.destroy());
    const socket = client(s.url, { transports: ["polling", "websocket"] });
    const upgradeError = once(socket.io.engine!, "upgradeError");
    await once(socket, "connect");
    await upgradeError;
    expect(socket.transport.value).toBe("polling");
    expect(await socket.emitWithAck("echo", "still here")).toBe("still here");
    // websocket first: with tryAllTransports, the session opens on polling instead
    const wsFirst = client(s.url, { transports: ["websocket", "polling"], tryAllTransports: true });
    await once(wsFirst, "connect");
    expect(wsFirst.transport.value).toBe("polling");
    expect(await wsFirst.emitWithAck("echo", 7)).toBe(7);
  });

  it("with the default transports, a refused WebSocket upgrade tries SSE when offered", async () => {
    const s = await server({}, echo);
    s.http.removeAllListeners("upgrade");
    s.http.on("upgrade", (_req, sock) => sock.destroy());
    const socket = client(s.url);
    const engine = socket.io.engine!;
    const tried: string[] = [];
    engine.on("upgradeError", (error) => tried.push(`failed: ${error.message}`));
    engine.on("upgrade", (name) => tried.push(`upgraded: ${name}`));
    const settled = new Promise<void>((resolve) => {
      // socket.io offers only websocket; Volley offers websocket, then sse
      if (kind === "volley") engine.once("upgrade", () => resolve());
      else engine.once("upgradeError", () => resolve());
    });
    await once(socket, "connect");
    await settled;
    if (kind === "volley") {
      expect(engine.handshake!.upgrades).toEqual(["websocket", "sse"]);
      expect(tried).toEqual(["failed: websocket error", "upgraded: sse"]);
      expect(socket.transport.value).toBe("sse");
    } else {
      expect(engine.handshake!.upgrades).toEqual(["websocket"]);
      expect(tried).toEqual(["failed: websocket error"]);
      expect(socket.transport.value).toBe("polling");
    }
    expect(await socket.emitWithAck("echo", "still here")).toBe("still here");
  });

  it("splits polling bodies to stay under the server's maxPayload", async () => {
    const received: number[] = [];
    const s = await server({ maxHttpBufferSize: 1000 }, (srv) => {
      srv.on("connection", (socket: AnyServer) => {
        socket.on("chunk", (n: number) => received.push(n));
        socket.on("sync", (ack: () => void) => ack());
      });
    });
    const socket = client(s.url, { transports: ["polling"] });
    await once(socket, "connect");
    const filler = "é".repeat(150); // 300 bytes: three fit in one body, four do not
    for (let i = 0; i < 8; i++) socket.emit("chunk", i, filler);
    await socket.emitWithAck("sync");
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(socket.connected).toBe(true);
  });

  it("stays on polling when the server only allows polling", async () => {
    const s = await server({ transports: ["polling"] }, echo);
    const socket = client(s.url);
    await once(socket, "connect");
    expect(socket.io.engine!.handshake!.upgrades).toEqual([]);
    expect(await socket.emitWithAck("echo", "ok")).toBe("ok");
    expect(socket.transport.value).toBe("polling");
  });

  it("answers pings with pongs (the server keeps the session)", async () => {
    const s = await server({ pingInterval: 40, pingTimeout: 2000 }, echo);
    const socket = client(s.url, { transports: ["websocket"] });
    await once(socket, "connect");
    const id = socket.id;
    for (let i = 0; i < 4; i++) await once(socket.io, "ping");
    expect(socket.connected).toBe(true);
    expect(socket.id).toBe(id);
  });

  it("acks time out with an error; retries redeliver until acknowledged, in order", async () => {
    const attempts: Record<string, number> = {};
    const order: string[] = [];
    const s = await server({}, (srv) => {
      srv.on("connection", (socket: AnyServer) => {
        socket.on("never", () => {});
        socket.on("flaky", (name: string, ack: (r: string) => void) => {
          attempts[name] = (attempts[name] ?? 0) + 1;
          if (attempts[name] === 1) return; // drop the first try
          order.push(name);
          ack(`done ${name}`);
        });
      });
    });
    const plain = client(s.url);
    await once(plain, "connect");
    await expect(plain.timeout(50).emitWithAck("never")).rejects.toThrow("operation has timed out");
    const err = await new Promise((resolve) => plain.timeout(50).emit("never", resolve));
    expect(err).toBeInstanceOf(Error);

    const retrying = client(s.url, { retries: 3, ackTimeout: 200 });
    const replies = await Promise.all([
      retrying.emitWithAck("flaky", "a"),
      retrying.emitWithAck("flaky", "b"),
    ]);
    expect(replies).toEqual(["done a", "done b"]);
    // At least once: a slow ack may cause one more try, never a reordering.
    expect([...new Set(order)]).toEqual(["a", "b"]);
    expect(attempts.a).toBeGreaterThanOrEqual(2);
    expect(attempts.b).toBeGreaterThanOrEqual(2);
  });

  it("catch-all listeners see incoming and outgoing events", async () => {
    const s = await server({}, (srv) => {
      srv.on("connection", (socket: AnyServer) => {
        socket.on("hi", () => socket.emit("hello", 1, 2));
      });
    });
    const socket = client(s.url);
    const seen: unknown[] = [];
    socket.onAny((...a) => seen.push(["any", ...a]));
    socket.prependAny((...a) => seen.push(["first", ...a]));
    socket.onAnyOutgoing((...a) => seen.push(["out", ...a]));
    await once(socket, "connect");
    const hello = once(socket, "hello");
    socket.emit("hi", "there");
    await hello;
    expect(seen).toEqual([
      ["out", "hi", "there"],
      ["first", "hello", 1, 2],
      ["any", "hello", 1, 2],
    ]);
    expect(() => socket.emit("connect" as never)).toThrow(/reserved/);
  });
});

describe.each(serverKinds)("connection state recovery with the %s server", (kind) => {
  it("restores the session, delivers missed events and strips offsets", async () => {
    const s = await startServer(kind, {
      connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
    });
    const serverSockets: AnyServer[] = [];
    s.io.on("connection", (socket: AnyServer) => serverSockets.push(socket));
    // No automatic reconnection: the test reconnects by hand once the server saw the loss.
    const socket = io(s.url, { forceNew: true, reconnection: false, transports: ["websocket"] });
    const ticks = collector<unknown[]>(3);
    socket.on("tick", (...args: unknown[]) => ticks.push(args));
    try {
      await once(socket, "connect");
      expect(socket.recovered).toBe(false);
      const first = serverSockets[0];
      first.emit("tick", 1);
      await new Promise((resolve) => socket.once("tick", resolve));
      const serverGone = once(first, "disconnect");
      const clientGone = once(socket, "disconnect");
      first.conn.close(); // an unexpected transport loss
      await Promise.all([serverGone, clientGone]);
      s.io.emit("tick", 2); // missed while offline
      s.io.emit("tick", 3, "a string argument");
      socket.connect();
      await once(socket, "connect");
      await ticks.done;
      expect(socket.recovered).toBe(true);
      expect(socket.id).toBe(first.id);
      expect(ticks.items).toEqual([[1], [2], [3, "a string argument"]]);
      expect(serverSockets[1].recovered).toBe(true);
    } finally {
      socket.disconnect();
      await s.close();
    }
  });
});

describe("heartbeat (official socket.io server)", () => {
  it("detects a silent server with 'ping timeout' and reconnects", async () => {
    const s = await startServer("socket.io", { pingInterval: 150, pingTimeout: 150 });
    let connections = 0;
    s.io.on("connection", (socket: AnyServer) => {
      connections++;
      // The first session goes silent: no more pings, and (engine.io internals) no server-side
      // ping timeout either, so only the client can notice.
      if (connections === 1) {
        const conn = socket.conn;
        const sendPacket = conn.sendPacket.bind(conn);
        conn.sendPacket = (type: string, ...rest: unknown[]) =>
          type === "ping" ? undefined : sendPacket(type, ...rest);
        conn.resetPingTimeout = () => {};
        clearTimeout(conn.pingTimeoutTimer);
        conn.pingTimeoutTimer = null;
      }
    });
    const socket = io(s.url, { ...fast, transports: ["websocket"] });
    try {
      const [reason] = await once(socket.io, "close");
      expect(reason).toBe("ping timeout");
      await until(socket.status, (status) => status === "connected");
      expect(connections).toBe(2);
    } finally {
      socket.disconnect();
      await s.close();
    }
  });
});
