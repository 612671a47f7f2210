import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "../../src/index.js";
import { pendingAcks } from "../../src/io/links.js";
import {
  connected,
  nextConnection,
  once,
  startServer,
  type TestServer,
  TRANSPORTS,
} from "./helpers.js";

describe.each(TRANSPORTS)("events and acks over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  async function pair() {
    const serverSocket = nextConnection(server.io);
    const client = await connected(server.client("/"));
    return { client, socket: await serverSocket };
  }

  it("emits both ways, with binary anywhere in the arguments", async () => {
    server = await startServer(transport);
    const { client, socket } = await pair();
    const fromClient = once<unknown[]>(socket, "upload");
    client.emit(
      "upload",
      "meta",
      { file: Buffer.from([1, 2, 3]), nested: [Uint8Array.from([4])] },
      7,
    );
    const [meta, payload, n] = await fromClient;
    expect(meta).toBe("meta");
    const { file, nested } = payload as { file: Buffer; nested: Buffer[] };
    expect(Buffer.isBuffer(file)).toBe(true);
    expect([...file]).toEqual([1, 2, 3]);
    expect(Buffer.isBuffer(nested[0])).toBe(true);
    expect(n).toBe(7);

    const fromServer = once<unknown[]>(client, "download");
    socket.emit("download", Buffer.from("hi"), { text: "plain" });
    const [bin, obj] = await fromServer;
    expect(Buffer.from(bin as ArrayBuffer).toString()).toBe("hi");
    expect(obj).toEqual({ text: "plain" });
  });

  it("supports once, off, onAny, prependAny, offAny and the outgoing variants", async () => {
    server = await startServer(transport);
    const { client, socket } = await pair();
    const seen: string[] = [];
    const onceListener = (x: unknown) => seen.push(`once ${x}`);
    socket.once("e", onceListener);
    const offListener = () => seen.push("off");
    socket.on("e", offListener);
    socket.off("e", offListener);
    const any1 = (ev: string, ...args: unknown[]) => seen.push(`any ${ev} ${args.join()}`);
    socket.onAny(any1);
    socket.prependAny((ev) => seen.push(`first ${ev}`));
    expect(socket.listenersAny()).toHaveLength(2);
    const outgoing: unknown[] = [];
    socket.onAnyOutgoing((ev, ...args) => outgoing.push([ev, ...args]));
    socket.prependAnyOutgoing(() => outgoing.push("first"));
    expect(socket.listenersAnyOutgoing()).toHaveLength(2);

    const done = once(socket, "end");
    client.emit("e", 1);
    client.emit("e", 2);
    client.emit("end");
    await done;
    expect(seen).toEqual([
      "first e",
      "any e 1",
      "once 1",
      "first e",
      "any e 2",
      "first end",
      "any end ",
    ]);
    socket.offAny(any1);
    expect(socket.listenersAny()).toHaveLength(1);
    socket.offAny();
    expect(socket.listenersAny()).toHaveLength(0);

    const got = once(client, "out");
    socket.emit("out", "x");
    await got;
    expect(outgoing).toEqual(["first", ["out", "x"]]);
    socket.offAnyOutgoing();
    expect(socket.listenersAnyOutgoing()).toHaveLength(0);
  });

  it("runs per-packet middleware; an error is emitted as 'error' on the socket", async () => {
    server = await startServer(transport);
    const { client, socket } = await pair();
    socket.use(([event, ...args], next) => {
      if (event === "blocked") next(new Error(`blocked ${args[0]}`));
      else next();
    });
    socket.use(async ([event], next) => {
      if (event === "rejected") throw new Error("async no");
      next();
    });
    const received: string[] = [];
    socket.on("blocked", () => received.push("blocked"));
    socket.on("rejected", () => received.push("rejected"));
    const errors: string[] = [];
    socket.on("error", (err) => errors.push(err.message));
    const ok = once(socket, "ok");
    client.emit("blocked", 1);
    client.emit("rejected");
    client.emit("ok");
    await ok;
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([]);
    expect(errors).toEqual(["blocked 1", "async no"]);
  });

  it("acknowledges a client emit by callback", async () => {
    server = await startServer(transport);
    const { client, socket } = await pair();
    socket.on("sum", (a: number, b: number, ack: (n: number) => void) => ack(a + b));
    socket.on("bin", (data: Buffer, ack: (d: Buffer) => void) => ack(data));
    expect(await client.emitWithAck("sum", 2, 3)).toBe(5);
    const back = (await client.emitWithAck("bin", Buffer.from([9, 8]))) as ArrayBuffer;
    expect([...new Uint8Array(back)]).toEqual([9, 8]);
    // a second call of the ack function sends nothing
    socket.on("twice", (ack: (n: number) => void) => {
      ack(1);
      ack(2);
    });
    expect(await client.emitWithAck("twice")).toBe(1);
  });

  it("asks the client for acks: callback, emitWithAck, timeout, late ack", async () => {
    server = await startServer(transport);
    const { client, socket } = await pair();
    client.on("double", (n: number, ack: (n: number) => void) => ack(n * 2));
    const viaCallback = await new Promise((resolve) => socket.emit("double", 4, resolve));
    expect(viaCallback).toBe(8);
    expect(await socket.emitWithAck("double", 5)).toBe(10);
    expect(await socket.timeout(5000).emitWithAck("double", 6)).toBe(12);
    const [err, value] = await new Promise<unknown[]>((resolve) =>
      socket.timeout(5000).emit("double", 7, (...args: unknown[]) => resolve(args)),
    );
    expect(err).toBeNull();
    expect(value).toBe(14);

    // the client holds its ack until the server has given up
    let release: (() => void) | undefined;
    client.on("slow", (ack: (v: string) => void) => {
      release = () => ack("late");
    });
    await expect(socket.timeout(20).emitWithAck("slow")).rejects.toThrow("operation has timed out");
    expect(socket[pendingAcks]).toBe(0);
    const probe = once(client, "probe");
    release?.();
    socket.emit("probe");
    await probe;
    // the late ack was ignored; nothing is pending
    expect(socket[pendingAcks]).toBe(0);
  });

  it("fails pending acks with a timeout on disconnect and forgets the others", async () => {
    server = await startServer(transport);
    const { client, socket } = await pair();
    client.on("never", () => {});
    const failed = socket.timeout(60_000).emitWithAck("never");
    socket.emit("never", () => {
      throw new Error("must not be called");
    });
    await once(client, "never");
    expect(socket[pendingAcks]).toBe(2);
    socket.disconnect();
    await expect(failed).rejects.toThrow("socket has been disconnected");
    expect(socket[pendingAcks]).toBe(0);
  });

  it("uses ack ids of the namespace the event came from", async () => {
    server = await startServer(transport);
    server.io.of("/other").on("connection", (s) => {
      s.on("who", (ack: (nsp: string) => void) => ack(s.nsp.name));
    });
    server.io.on("connection", (s) => {
      s.on("who", (ack: (nsp: string) => void) => ack(s.nsp.name));
    });
    const main = await connected(server.client("/"));
    const other = await connected(main.io.socket("/other").connect());
    const [a, b] = await Promise.all([main.emitWithAck("who"), other.emitWithAck("who")]);
    expect([a, b]).toEqual(["/", "/other"]);
    other.disconnect();
  });

  it("never lets a handler error escape: sync throw and rejection reach io 'error'", async () => {
    server = await startServer(transport);
    const errors: [string, string | undefined][] = [];
    server.io.on("error", (err, socket) => errors.push([err.message, socket?.id]));
    server.io.on("connection", (socket: Socket) => {
      socket.on("sync", () => {
        throw new Error("sync handler");
      });
      socket.on("async", async () => {
        throw new Error("async handler");
      });
      socket.on("after", (ack: () => void) => ack());
    });
    server.io.on("connection", () => {
      throw new Error("connection handler");
    });
    const client = await connected(server.client("/"));
    client.emit("sync");
    client.emit("async");
    await client.emitWithAck("after");
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map(([m]) => m).sort()).toEqual([
      "async handler",
      "connection handler",
      "sync handler",
    ]);
    expect(errors.every(([, id]) => id === client.id)).toBe(true);
  });

  it("refuses to emit reserved event names", async () => {
    server = await startServer(transport);
    const { socket } = await pair();
    expect(() => (socket.emit as (ev: string) => boolean)("disconnect")).toThrow(/reserved/);
    expect(() => (server.io.emit as (ev: string) => boolean)("connect")).toThrow(/reserved/);
    // one vocabulary: the same VolleyError code as on the client
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as { code?: string }).code;
      }
    };
    expect(code(() => (socket.emit as (ev: string) => boolean)("connect_error"))).toBe(
      "RESERVED_EVENT",
    );
    expect(code(() => (socket.to("r").emit as (ev: string) => boolean)("newListener"))).toBe(
      "RESERVED_EVENT",
    );
  });
});

describe.each(TRANSPORTS)("send and write over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("send/write emit 'message'; a disconnected socket writes nothing and does not throw", async () => {
    server = await startServer(transport);
    const serverSocket = nextConnection(server.io);
    const client = await connected(server.client("/"));
    const socket = await serverSocket;
    const got: unknown[] = [];
    client.on("message", (...args: unknown[]) => got.push(args));
    const two = new Promise<void>((resolve) =>
      client.on("message", () => got.length === 3 && resolve()),
    );
    socket.send("a", 1);
    socket.write("b");
    server.io.send("c");
    await two;
    expect(got).toEqual([["a", 1], ["b"], ["c"]]);
    const gone = once(socket, "disconnect");
    client.disconnect();
    await gone;
    expect(() => socket.emit("late")).not.toThrow();
    expect(socket.join("x")).toBeUndefined();
    expect(server.io.sockets.adapter.rooms.has("x")).toBe(false);
  });
});
