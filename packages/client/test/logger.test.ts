/**
 * The opt-in logger: the `logger` option anywhere, `DEBUG=volley:*` in Node (stderr), nothing
 * at all when off (`manager.log` is undefined, so no line is even formatted).
 */
import { format } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultLogger, enabled } from "../src/default-logger.node.js";
import { type ErrorContext, io, Manager, type Socket } from "../src/index.js";
import { once, startServer, type TestServer } from "./helpers.js";

describe("logger", () => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];
  const savedDebug = process.env.DEBUG;
  afterEach(async () => {
    if (savedDebug === undefined) delete process.env.DEBUG;
    else process.env.DEBUG = savedDebug;
    vi.restoreAllMocks();
    for (const socket of sockets.splice(0)) {
      socket.disconnect();
      socket.io.close();
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it("is off by default: no log function at all", () => {
    delete process.env.DEBUG;
    const manager = new Manager("http://127.0.0.1:9", { autoConnect: false });
    expect(manager.log).toBeUndefined();
  });

  it("logs attempts, handshake, upgrade, disconnect reasons and reconnection", async () => {
    const s = await startServer("socket.io");
    servers.push(s);
    const lines: string[] = [];
    const scopes = new Set<string>();
    const socket = io(s.url, {
      forceNew: true,
      reconnectionDelay: 10,
      reconnectionDelayMax: 20,
      logger: (scope, message, ...args) => {
        scopes.add(scope);
        lines.push(format(message, ...args));
      },
    });
    sockets.push(socket);
    const upgraded = once(socket.io.engine!, "upgrade");
    await once(socket, "connect");
    await upgraded;
    const reconnected = once(socket.io, "reconnect");
    // the server drops the session: the client reconnects
    for (const conn of Object.values(s.io.engine.clients) as { close(): void }[]) conn.close();
    await reconnected;
    const text = lines.join("\n");
    expect([...scopes]).toEqual(["volley:client"]);
    expect(text).toMatch(
      /connecting to 127\.0\.0\.1:\d+\/socket\.io\/ \(transports: polling, websocket\)/,
    );
    expect(text).toMatch(/handshake on polling: sid \S+, upgrades \[websocket\], pingInterval \d+/);
    expect(text).toContain("upgrade: probing websocket");
    expect(text).toContain("upgraded from polling to websocket");
    expect(text).toContain("session closed: transport close");
    expect(text).toMatch(/reconnection attempt 1 in \d+ ms/);
    expect(text).toMatch(/disconnected from \/: transport close/);
    expect(text).toMatch(/reconnected after 1 attempts/);
    expect(text).toMatch(/connected to \/ as \S+/);
  });

  it("logs why an upgrade failed", async () => {
    const s = await startServer("socket.io");
    servers.push(s);
    s.http.removeAllListeners("upgrade");
    s.http.on("upgrade", (_req, sock) => sock.end("HTTP/1.1 403 Forbidden\r\n\r\n"));
    const lines: string[] = [];
    const socket = io(s.url, {
      forceNew: true,
      logger: (_scope, message, ...args) => lines.push(format(message, ...args)),
    });
    sockets.push(socket);
    const failed = once(socket.io.engine!, "upgradeError");
    await once(socket, "connect");
    await failed;
    expect(lines.join("\n")).toMatch(
      /upgrade to websocket failed: websocket error: WebSocket ws:\/\/\S+ the server refused the upgrade with HTTP 403/,
    );
  });

  it("a logger that throws breaks nothing and is reported", async () => {
    const s = await startServer("socket.io");
    servers.push(s);
    const errors: [Error, ErrorContext][] = [];
    const socket = io(s.url, {
      forceNew: true,
      logger: () => {
        throw new Error("bad logger");
      },
      onError: (error, context) => errors.push([error, context]),
    });
    sockets.push(socket);
    await once(socket, "connect");
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toEqual([new Error("bad logger"), { source: "logger" }]);
  });

  it("DEBUG=volley:* logs to stderr in Node", async () => {
    process.env.DEBUG = "volley:*";
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    const manager = new Manager("http://127.0.0.1:9", { autoConnect: false });
    expect(manager.log).toBeTypeOf("function");
    manager.log?.("hello %d", 42);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\S+ volley:client hello 42\n$/);
  });

  it("reads DEBUG patterns like the debug package", () => {
    expect(enabled("volley:*", "volley:client")).toBe(true);
    expect(enabled("volley:client", "volley:client")).toBe(true);
    expect(enabled("express:*, volley:client", "volley:client")).toBe(true);
    expect(enabled("*", "volley:client")).toBe(true);
    expect(enabled("volley:*,-volley:client", "volley:client")).toBe(false);
    expect(enabled("volley:engine", "volley:client")).toBe(false);
    expect(enabled("", "volley:client")).toBe(false);
    delete process.env.DEBUG;
    expect(defaultLogger("volley:client")).toBeUndefined();
  });
});
