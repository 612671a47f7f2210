/**
 * The error policy: a user callback that throws (listener, effect, ack callback, auth function)
 * never leaves the library in a wrong state. The library finishes its own work, then reports
 * the error to the `onError` hook, or else the way a DOM listener's error is reported.
 * Client-only behaviour: checked against the official socket.io server.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { effect } from "@preact/signals-core";
import { afterEach, describe, expect, it } from "vitest";
import { createReport } from "../src/error-reporter.js";
import { type ErrorContext, io, type Socket, SocketDisconnectedError } from "../src/index.js";
import { type AnyServer, once, startServer, type TestServer, until } from "./helpers.js";

describe("error policy", () => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) {
      socket.disconnect();
      socket.io.close();
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function server(): Promise<TestServer> {
    const s = await startServer("socket.io", {}, (srv: AnyServer) => {
      srv.on("connection", (socket: AnyServer) => {
        socket.on("double", (n: number, ack: (r: number) => void) => ack(n * 2));
        socket.on("never", () => {});
      });
    });
    servers.push(s);
    return s;
  }
  function client(url: string, options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(url, { forceNew: true, ...options });
    sockets.push(socket);
    return socket;
  }
  /** Collects what reaches the hook, and resolves once `count` errors arrived. */
  function hook(count = 1) {
    const seen: [Error, ErrorContext][] = [];
    let resolve!: () => void;
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    const onError = (error: Error, context: ErrorContext) => {
      seen.push([error, context]);
      if (seen.length === count) resolve();
    };
    return { seen, done, onError };
  }

  for (const transport of ["polling", "websocket"] as const) {
    it(`a throwing connect listener: queued retries are sent, status is right (${transport})`, async () => {
      const s = await server();
      const errors = hook();
      const socket = client(s.url, {
        transports: [transport],
        retries: 1,
        ackTimeout: 5000,
        onError: errors.onError,
      });
      socket.on("connect", () => {
        throw new Error("boom in connect");
      });
      // queued before the connection: sent once connected, after the throwing listener
      const reply = await socket.emitWithAck("double", 21);
      expect(reply).toBe(42);
      expect(socket.status.value).toBe("connected");
      await errors.done;
      expect(errors.seen[0]![0].message).toBe("boom in connect");
      expect(errors.seen[0]![1]).toMatchObject({ source: "listener", event: "connect", nsp: "/" });
      // the session still works
      expect(await socket.emitWithAck("double", 2)).toBe(4);
    });
  }

  it("without a hook, reports like a DOM listener error (globalThis.reportError)", async () => {
    const s = await server();
    const reported: unknown[] = [];
    const g = globalThis as { reportError?: (e: unknown) => void };
    const saved = g.reportError;
    g.reportError = (e) => reported.push(e);
    try {
      const socket = client(s.url);
      socket.on("connect", () => {
        throw new Error("unhooked");
      });
      await once(socket, "connect");
      expect(await socket.emitWithAck("double", 1)).toBe(2);
      expect(reported).toEqual([new Error("unhooked")]);
    } finally {
      if (saved) g.reportError = saved;
      else delete g.reportError;
    }
  });

  it("throwing effects, ack callbacks, catch-all listeners and auth functions are reported", async () => {
    const s = await server();
    const errors = hook(4);
    const socket = client(s.url, {
      onError: errors.onError,
      auth: (cb) => {
        cb({});
        throw new Error("auth");
      },
    });
    const stop = effect(() => {
      if (socket.status.value === "connected") throw new Error("effect");
    });
    socket.onAnyOutgoing(() => {
      throw new Error("outgoing");
    });
    await until(socket.status, (v) => v === "connected");
    await new Promise<void>((resolve) =>
      socket.emit("double", 1, () => {
        resolve();
        throw new Error("ack");
      }),
    );
    await errors.done;
    stop();
    expect(errors.seen.map(([e, c]) => [e.message, c.source]).sort()).toEqual([
      ["ack", "ack"],
      ["auth", "auth"],
      ["effect", "effect"],
      ["outgoing", "listener"],
    ]);
    expect(socket.connected).toBe(true);
  });

  it("reports after the library's synchronous work, with or without a hook", async () => {
    const reported: unknown[] = [];
    const g = globalThis as { reportError?: (e: unknown) => void };
    const saved = g.reportError;
    g.reportError = (e) => reported.push(e);
    try {
      const hooked: unknown[] = [];
      const withHook = createReport((e) => hooked.push(e));
      const withoutHook = createReport(undefined);
      withHook(new Error("a"), { source: "listener" });
      withoutHook(new Error("b"), { source: "listener" });
      expect([hooked, reported]).toEqual([[], []]);
      await Promise.resolve();
      expect([hooked, reported]).toEqual([[new Error("a")], [new Error("b")]]);
    } finally {
      if (saved) g.reportError = saved;
      else delete g.reportError;
    }
  });

  it("a hook that throws is reported asynchronously, never swallowed", async () => {
    const s = await server();
    const reported: unknown[] = [];
    const g = globalThis as { reportError?: (e: unknown) => void };
    const saved = g.reportError;
    g.reportError = (e) => reported.push(e);
    try {
      const socket = client(s.url, {
        onError: () => {
          throw new Error("hook");
        },
      });
      socket.on("connect", () => {
        throw new Error("listener");
      });
      await once(socket, "connect");
      expect(await socket.emitWithAck("double", 3)).toBe(6);
      expect(reported).toEqual([new Error("hook")]);
    } finally {
      if (saved) g.reportError = saved;
      else delete g.reportError;
    }
  });

  it("with reconnection: false, a failed connection ends 'disconnected'", async () => {
    const http = createServer((_req, res) => res.writeHead(404).end("Not Found"));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    servers.push({
      close: () => new Promise<void>((resolve) => http.close(() => resolve())),
    } as TestServer);
    const socket = client(url, { reconnection: false });
    const seen: string[] = [];
    socket.on("connect_error", () => seen.push(socket.status.value));
    await once(socket, "connect_error");
    expect(seen).toEqual(["disconnected"]);
    expect(socket.status.value).toBe("disconnected");
  });

  it("emitWithAck without a timeout rejects with SocketDisconnectedError on disconnect", async () => {
    const s = await server();
    const socket = client(s.url);
    await once(socket, "connect");
    const pending = socket.emitWithAck("never");
    socket.disconnect();
    await expect(pending).rejects.toBeInstanceOf(SocketDisconnectedError);
    await expect(pending).rejects.toMatchObject({ code: "SOCKET_DISCONNECTED" });
  });
});
