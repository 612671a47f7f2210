/**
 * One options pipeline: the constructor, attach and listen resolve io options the same way,
 * validate them, and build the adapters, recovery stores and engine from the result, even when
 * the options arrive late (`new Server(); io.attach(http, opts)`).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidOptionError } from "@volley/protocol";
import { io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AdapterHost,
  InMemoryAdapter,
  IO_OPTION_CHECKS,
  resolveServerOptions,
  Server,
  type Socket,
} from "../../src/index.js";
import { connected, nextConnection, once } from "./helpers.js";

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** `new Server()` first, then `io.attach(httpServer, opts)` on 127.0.0.1:0. */
async function lateAttach(io: Server, opts: Parameters<Server["attach"]>[1]) {
  const httpServer = createServer();
  io.attach(httpServer, opts);
  closers.push(() => io.close());
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
}

describe("late options (io.attach / io.listen)", () => {
  it("recovers sessions when connectionStateRecovery is given to attach", async () => {
    const io = new Server();
    const url = await lateAttach(io, { connectionStateRecovery: {} });
    expect(io.opts.connectionStateRecovery).toMatchObject({ skipMiddlewares: true });
    io.on("connection", (socket) => {
      if (!socket.recovered) void socket.join("room");
    });
    const first = nextConnection(io);
    const client = ioc(url, {
      forceNew: true,
      transports: ["websocket"],
      reconnectionDelay: 10,
      reconnectionDelayMax: 10,
    });
    closers.unshift(() => void client.disconnect());
    await connected(client);
    const socket1 = await first;
    const warm = once(client, "e");
    io.emit("e", 0); // gives the client an offset
    await warm;
    const cut = once(socket1, "disconnect");
    const second = nextConnection(io);
    client.io.engine.close();
    await cut;
    io.to("room").emit("e", 1);
    const socket2: Socket = await second;
    expect(socket2.recovered).toBe(true);
    expect(socket2.id).toBe(socket1.id);
    expect(socket2.rooms.has("room")).toBe(true);
  });

  it("rebuilds the adapters of namespaces created before attach with a late adapter option", async () => {
    const built: string[] = [];
    class Recording extends InMemoryAdapter {
      constructor(nsp: AdapterHost) {
        super(nsp);
        built.push(nsp.name);
      }
    }
    const io = new Server();
    const chat = io.of("/chat");
    const rooms: string[] = [];
    chat.adapter.on("create-room", (room) => rooms.push(room));
    await lateAttach(io, { adapter: Recording });
    expect(built.sort()).toEqual(["/", "/chat"]);
    expect(io.sockets.adapter).toBeInstanceOf(Recording);
    expect(chat.adapter).toBeInstanceOf(Recording);
    // listeners added to the replaced adapter follow it
    void chat.adapter.addAll("x", new Set(["lobby"]));
    expect(rooms).toEqual(["lobby"]);
  });

  it("io.adapter(): the adapter in use; io.adapter(factory) replaces it, sockets keep their rooms", async () => {
    class Recording extends InMemoryAdapter {}
    const io = new Server();
    expect(io.adapter()).toBe(InMemoryAdapter);
    const url = await lateAttach(io, {});
    const first = nextConnection(io);
    const client = ioc(url, { forceNew: true, transports: ["websocket"] });
    closers.unshift(() => void client.disconnect());
    await connected(client);
    const socket = await first;
    socket.join("room");
    expect(io.adapter(Recording)).toBe(io);
    expect(io.adapter()).toBe(Recording);
    expect(io.sockets.adapter).toBeInstanceOf(Recording);
    expect(io.of("/later").adapter).toBeInstanceOf(Recording);
    expect(socket.rooms).toEqual(new Set([socket.id, "room"]));
    const got = once<[string]>(client, "e");
    io.to("room").emit("e", "moved");
    expect((await got)[0]).toBe("moved");
    expect(() => io.adapter("redis" as never)).toThrow(InvalidOptionError);
    expect(() =>
      io.adapter(() => {
        throw new Error("no redis");
      }),
    ).toThrow("no redis");
    expect(io.adapter()).toBe(Recording);
    expect(io.of("/after").adapter).toBeInstanceOf(Recording);
  });

  it("keeps the app's engine listeners when attach options rebuild the engine", async () => {
    const io = new Server();
    const errors: number[] = [];
    const seen = new Promise<void>((resolve) =>
      io.engine.on("connection_error", (err) => {
        errors.push(err.code);
        resolve();
      }),
    );
    const url = await lateAttach(io, { pingInterval: 1000 });
    const res = await fetch(`${url}/socket.io/?EIO=4&transport=bogus`);
    expect(res.status).toBe(400);
    await seen;
    expect(errors).toEqual([0]);
  });

  it("resolves listen(port-less http server, opts) like the constructor", async () => {
    const io = new Server();
    const httpServer = createServer();
    io.listen(httpServer, { connectTimeout: 777, cleanupEmptyChildNamespaces: true });
    closers.push(() => io.close());
    expect(io.opts.connectTimeout).toBe(777);
    expect(io.opts.cleanupEmptyChildNamespaces).toBe(true);
  });
});

describe("validation", () => {
  it("throws InvalidOptionError for an io option of the wrong type, naming it", () => {
    const make = () => new Server({ connectTimeout: "1000" as unknown as number });
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow(
      /new Server\(\): option "connectTimeout" is the string "1000", expected a number/,
    );
  });

  it("refuses engine options as a whole: a transport typo, a string number, an unknown key", () => {
    expect(() => new Server({ transports: ["websockets" as never] })).toThrow(
      /new Server\(\): option "transports\[0\]" is the string "websockets", expected one of "polling", "websocket", "sse" \(did you mean "websocket"\?\)/,
    );
    expect(() => new Server({ pingInterval: "25000" as unknown as number })).toThrow(
      /option "pingInterval" is the string "25000", expected a number/,
    );
    // an unknown key is suggested from either layer's names
    expect(() => new Server({ pingIntervall: 1000 } as never)).toThrow(
      /option "pingIntervall" .*did you mean "pingInterval"/,
    );
    expect(() => new Server({ connectTimout: 1000 } as never)).toThrow(
      /option "connectTimout" .*did you mean "connectTimeout"/,
    );
    expect(() => new Server({ pingIntervall: 1000 } as never)).toThrow(InvalidOptionError);
  });

  it("refuses a second Server on an http server (and path) that already has one", () => {
    const httpServer = createServer();
    const first = new Server(httpServer);
    closers.push(() => first.close());
    expect(() => new Server(httpServer)).toThrow(/already/);
    const other = new Server(httpServer, { path: "/other/" });
    closers.push(() => other.close());
    expect(other.engine).toBeDefined();
  });

  it("validates attach's options, and recovery settings with the closest name", () => {
    const io = new Server();
    closers.push(() => io.close());
    expect(() => io.attach(createServer(), { cleanupEmptyChildNamespaces: 1 as never })).toThrow(
      /io\.attach\(\): option "cleanupEmptyChildNamespaces" is the number 1, expected a boolean/,
    );
    expect(() =>
      io.listen(createServer(), {
        connectionStateRecovery: { maxDisconectionDuration: 5 } as never,
      }),
    ).toThrow(/did you mean "maxDisconnectionDuration"/);
  });

  it("hands every key that is not an io option to the engine", () => {
    const allowRequest = (_req: unknown, fn: (err: null, ok: boolean) => void) => fn(null, true);
    const { io, engine } = resolveServerOptions(
      { path: "/p", pingInterval: 10, connectTimeout: 5, allowRequest },
      "test",
    );
    expect(io.connectTimeout).toBe(5);
    expect(Object.keys(engine).sort()).toEqual(["allowRequest", "path", "pingInterval"]);
    expect(engine.allowRequest).not.toBe(allowRequest); // adapted to the engine's form
    expect(Object.keys(IO_OPTION_CHECKS)).toContain("logger");
  });
});

describe("logger option", () => {
  it("is off (nothing to call) without a logger or DEBUG", () => {
    const io = new Server();
    closers.push(() => io.close());
    if (!process.env.DEBUG) expect(io.opts.log).toBeUndefined();
  });

  it("logs refused connections, invalid namespaces and disconnect reasons", async () => {
    const lines: string[] = [];
    const io = new Server({
      logger: (scope, message, ...args) => {
        let i = 0;
        lines.push(`${scope} ${message.replace(/%[sdo]/g, () => String(args[i++]))}`);
      },
    });
    io.of("/private").use((_socket, next) => next(new Error("no entry")));
    const url = await lateAttach(io, undefined);
    const refused = ioc(`${url}/private`, { forceNew: true, transports: ["websocket"] });
    closers.unshift(() => void refused.disconnect());
    await once(refused, "connect_error");
    const unknown = ioc(`${url}/nowhere`, { forceNew: true, transports: ["websocket"] });
    closers.unshift(() => void unknown.disconnect());
    await once(unknown, "connect_error");
    const ok = ioc(url, { forceNew: true, transports: ["websocket"] });
    const server = nextConnection(io);
    await connected(ok);
    const socket = await server;
    const gone = once(socket, "disconnect");
    ok.disconnect();
    await gone;
    expect(lines.some((l) => /^volley:io refused \S+ on \/private: no entry$/.test(l))).toBe(true);
    expect(lines.some((l) => /^volley:io client \S+: invalid namespace \/nowhere$/.test(l))).toBe(
      true,
    );
    expect(lines).toContain(`volley:io socket ${socket.id} left /: client namespace disconnect`);
  });
});
