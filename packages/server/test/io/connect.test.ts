import { afterEach, describe, expect, it } from "vitest";
import { MiddlewareError, type ParentNamespace } from "../../src/index.js";
import {
  connected,
  nextConnection,
  once,
  startServer,
  type TestServer,
  TRANSPORTS,
} from "./helpers.js";

describe.each(TRANSPORTS)("connect over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("connects with a fresh Socket.IO id, auth and handshake", async () => {
    server = await startServer(transport);
    const serverSocket = nextConnection(server.io);
    const client = server.client("/", { auth: { token: "abc" }, query: { room: "r1" } });
    await connected(client);
    const socket = await serverSocket;
    expect(socket.id).toBe(client.id);
    expect(socket.id).not.toBe(socket.conn.id);
    expect(socket.id).toMatch(/^[\w-]{20}$/);
    expect(socket.connected).toBe(true);
    expect(socket.recovered).toBe(false);
    expect(socket.handshake.auth).toEqual({ token: "abc" });
    expect(socket.handshake.query.room).toBe("r1");
    expect(socket.handshake.query.EIO).toBe("4");
    expect(socket.handshake.address).toContain("127.0.0.1");
    expect(socket.handshake.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(socket.handshake.secure).toBe(false);
    expect(socket.handshake.xdomain).toBe(false);
    expect(typeof socket.handshake.issued).toBe("number");
    expect(typeof socket.handshake.time).toBe("string");
    expect(socket.handshake.url).toContain("/socket.io/");
    expect(socket.rooms).toEqual(new Set([socket.id]));
    expect(server.io.engine.clientsCount).toBe(1);
  });

  it("refuses with CONNECT_ERROR {message, data} from a middleware, then accepts", async () => {
    server = await startServer(transport);
    server.io.use(async (socket, next) => {
      await Promise.resolve();
      if (socket.handshake.auth.token !== "ok")
        next(new MiddlewareError("not authorized", { code: 401 }));
      else next();
    });
    const refused = server.client("/", { auth: { token: "bad" } });
    const [err] = await once<[Error & { data?: unknown }]>(refused, "connect_error");
    expect(err.message).toBe("not authorized");
    expect(err.data).toEqual({ code: 401 });
    const accepted = server.client("/", { auth: { token: "ok" } });
    await connected(accepted);
  });

  it("treats a throwing or rejecting middleware as next(err)", async () => {
    server = await startServer(transport);
    server.io.use(() => {
      throw new Error("sync boom");
    });
    server.io.of("/async").use(async () => {
      throw new Error("async boom");
    });
    const [err1] = await once<[Error]>(server.client("/"), "connect_error");
    expect(err1.message).toBe("sync boom");
    const [err2] = await once<[Error]>(server.client("/async"), "connect_error");
    expect(err2.message).toBe("async boom");
  });

  it("runs middlewares in order; a plain Error's data is undefined", async () => {
    server = await startServer(transport);
    const order: number[] = [];
    server.io.use((_s, next) => {
      order.push(1);
      next();
    });
    server.io.use((socket, next) => {
      order.push(2);
      socket.data = { ok: true };
      next(new Error("nope"));
    });
    const [err] = await once<[Error & { data?: unknown }]>(server.client("/"), "connect_error");
    expect(err.message).toBe("nope");
    expect(err.data).toBeUndefined();
    expect(order).toEqual([1, 2]);
    expect(server.io.sockets.sockets.size).toBe(0);
  });

  it("serves a custom namespace and refuses an unknown one", async () => {
    server = await startServer(transport);
    server.io.of("/admin");
    const admin = await connected(server.client("/admin"));
    expect(admin.connected).toBe(true);
    expect(server.io.of("/admin").sockets.size).toBe(1);
    const unknown = server.client("/nope");
    const [err] = await once<[Error]>(unknown, "connect_error");
    expect(err.message).toBe("Invalid namespace");
  });

  it("creates dynamic namespaces from a RegExp and from a function", async () => {
    server = await startServer(transport);
    const created: string[] = [];
    server.io.on("new_namespace", (nsp) => created.push(nsp.name));
    const parent = server.io.of(/^\/dyn-\d+$/);
    const seen: string[] = [];
    parent.use((socket, next) => {
      seen.push(`mw ${socket.nsp.name}`);
      next();
    });
    parent.on("connection", (socket) => seen.push(`conn ${socket.nsp.name}`));
    server.io.of((name, auth, next) => next(null, name === "/fn" && auth.allow === true));

    await connected(server.client("/dyn-12"));
    expect(seen).toEqual(["mw /dyn-12", "conn /dyn-12"]);
    expect(created).toEqual(["/dyn-12"]);
    await connected(server.client("/fn", { auth: { allow: true } }));
    expect(created).toEqual(["/dyn-12", "/fn"]);
    const [err] = await once<[Error]>(server.client("/dyn-x"), "connect_error");
    expect(err.message).toBe("Invalid namespace");

    const received = once<[string]>(server.client("/dyn-12"), "hello");
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => {
      const check = () =>
        server.io.of("/dyn-12").sockets.size === 2 ? resolve() : setImmediate(check);
      check();
    });
    parent.emit("hello", "children");
    expect(await received).toEqual(["children"]);
  });

  it("multiplexes several namespaces on one engine session", async () => {
    server = await startServer(transport);
    server.io.of("/a");
    server.io.of("/b");
    const main = await connected(server.client("/"));
    const a = await connected(main.io.socket("/a").connect());
    const b = await connected(main.io.socket("/b").connect());
    expect(server.io.engine.clientsCount).toBe(1);
    const [sa] = [...server.io.of("/a").sockets.values()];
    const [sb] = [...server.io.of("/b").sockets.values()];
    expect(sa?.conn).toBe(sb?.conn);
    expect(new Set([main.id, a.id, b.id]).size).toBe(3);
    const got = once<[string]>(b, "only-b");
    sb?.emit("only-b", "x");
    expect(await got).toEqual(["x"]);
    // the client's packets reach the sockets of the later namespaces too
    const heard = once<[number]>(sb!, "from-b");
    b.emit("from-b", 1);
    expect(await heard).toEqual([1]);
    const heardA = once<[number]>(sa!, "from-a");
    a.emit("from-a", 2);
    expect(await heardA).toEqual([2]);
    a.disconnect();
    b.disconnect();
  });

  it("reports a client-side disconnect as client namespace disconnect", async () => {
    server = await startServer(transport);
    const client = await connected(server.client("/"));
    const serverSocket = [...server.io.sockets.sockets.values()][0]!;
    const reason = once<[string]>(serverSocket, "disconnect");
    client.disconnect();
    expect((await reason)[0]).toBe("client namespace disconnect");
    expect(server.io.sockets.sockets.size).toBe(0);
  });
});

describe.each(TRANSPORTS)("namespaces over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("emits new_namespace for io.of(name) and takes a connection listener", async () => {
    server = await startServer(transport);
    const created: string[] = [];
    server.io.on("new_namespace", (nsp) => created.push(nsp.name));
    const joined = new Promise<string>((resolve) =>
      server.io.of("/chat", (socket) => resolve(socket.nsp.name)),
    );
    expect(server.io.of("chat")).toBe(server.io.of("/chat"));
    expect(created).toEqual(["/chat"]);
    await connected(server.client("/chat"));
    expect(await joined).toBe("/chat");
  });

  it("removes empty dynamic children with cleanupEmptyChildNamespaces", async () => {
    server = await startServer(transport, { cleanupEmptyChildNamespaces: true });
    const parent = server.io.of(/^\/tmp-\d+$/) as ParentNamespace;
    const client = await connected(server.client("/tmp-1"));
    const child = server.io.of("/tmp-1");
    expect(parent.children.has(child)).toBe(true);
    const gone = once(child.sockets.values().next().value!, "disconnect");
    client.disconnect();
    await gone;
    expect(parent.children.has(child)).toBe(false);
    // forgotten by the server too: asking for the name creates a new child
    expect(server.io.of("/tmp-1")).not.toBe(child);
  });

  it("cleanupEmptyChildNamespaces: a child whose only client a middleware refused goes", async () => {
    server = await startServer(transport, { cleanupEmptyChildNamespaces: true });
    const parent = server.io.of(/^\/tmp-\d+$/) as ParentNamespace;
    let admit: (() => void) | undefined;
    parent.use((socket, next) => {
      if (socket.handshake.auth.hold) admit = () => next();
      else if (socket.handshake.auth.ok) next();
      else next(new Error("You shall not pass!"));
    });
    const refused = server.client("/tmp-1");
    await once(refused, "connect_error");
    expect(parent.children.size).toBe(0);
    expect(server.io.of("/tmp-1")).toBeDefined(); // of() made it again: a fresh child
    expect(parent.children.size).toBe(1);

    // kept while another client of it is connected, or still in its middlewares
    const ok = await connected(server.client("/tmp-2", { auth: { ok: true }, forceNew: true }));
    await once(server.client("/tmp-2", { forceNew: true }), "connect_error");
    const child2 = server.io.of("/tmp-2");
    expect(parent.children.has(child2)).toBe(true);
    expect(child2.sockets.size).toBe(1);
    const held = server.client("/tmp-3", { auth: { hold: true }, forceNew: true });
    while (admit === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await once(server.client("/tmp-3", { forceNew: true }), "connect_error");
    const child3 = server.io.of("/tmp-3");
    expect(parent.children.has(child3)).toBe(true);
    admit();
    await connected(held);
    expect(child3.sockets.size).toBe(1);
    ok.disconnect();
  });

  it("survives throwing new_namespace and room-event listeners", async () => {
    server = await startServer(transport);
    const errors: string[] = [];
    server.io.on("error", (err) => errors.push(err.message));
    server.io.on("new_namespace", () => {
      throw new Error("new_namespace listener");
    });
    server.io.sockets.adapter.on("join-room", () => {
      throw new Error("join-room listener");
    });
    server.io.of(/^\/x-\d$/);
    const client = await connected(server.client("/"));
    await connected(client.io.socket("/x-1").connect());
    expect(server.io.sockets.sockets.size).toBe(1);
    expect(errors).toEqual(["join-room listener", "new_namespace listener"]);
  });

  it("keeps rooms joined in a middleware, and drops them when refused", async () => {
    server = await startServer(transport);
    server.io.use((socket, next) => {
      socket.join("from-middleware");
      next(socket.handshake.auth.refuse ? new Error("refused") : undefined);
    });
    await once(server.client("/", { auth: { refuse: true } }), "connect_error");
    expect(server.io.sockets.adapter.rooms.has("from-middleware")).toBe(false);
    const client = await connected(server.client("/"));
    expect(server.io.sockets.adapter.rooms.get("from-middleware")).toEqual(new Set([client.id]));
  });
});
