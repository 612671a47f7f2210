/**
 * Connection failures say what happened: typed errors with a code, a readable description and
 * the facts (HTTP status and request, close code), while `message` and `type` stay the ones
 * socket.io-client users check. Node side; the browser's "probably CORS" is in browser.test.ts.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import "../src/sse.js"; // registers the opt-in SSE transport
import {
  ConnectionError,
  ConnectionErrorCode,
  InvalidOptionError,
  io,
  type Socket,
  TransportError,
} from "../src/index.js";
import { once, startServer, type TestServer } from "./helpers.js";

type Failure = TransportError & { description: string };

describe("connection errors", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  function client(url: string, options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(url, { forceNew: true, reconnection: false, ...options });
    cleanups.push(() => socket.disconnect());
    return socket;
  }
  async function listen(http: HttpServer): Promise<string> {
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => {
      http.closeAllConnections();
      return new Promise((resolve) => http.close(resolve));
    });
    return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }
  /** A port nothing listens on: one the system just handed out and took back. */
  async function closedPort(): Promise<number> {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const { port } = http.address() as AddressInfo;
    await new Promise((resolve) => http.close(resolve));
    return port;
  }

  it("a wrong port over polling: CONNECTION_REFUSED, 'xhr poll error'", async () => {
    const port = await closedPort();
    const socket = client(`http://127.0.0.1:${port}`, { transports: ["polling"] });
    const [error] = await once<[Failure]>(socket, "connect_error");
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      message: "xhr poll error",
      type: "TransportError",
      code: ConnectionErrorCode.CONNECTION_REFUSED,
      context: { transport: "polling" },
    });
    expect(error.description).toContain(`127.0.0.1:${port}`);
    expect(error.description).toContain("ECONNREFUSED");
    expect(socket.status.value).toBe("disconnected");
  });

  it("a wrong port over WebSocket: CONNECTION_REFUSED, 'websocket error', never [object Event]", async () => {
    const port = await closedPort();
    const socket = client(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
    const [error] = await once<[Failure]>(socket, "connect_error");
    expect(error).toMatchObject({
      message: "websocket error",
      type: "TransportError",
      code: ConnectionErrorCode.CONNECTION_REFUSED,
    });
    expect(error.description).toContain("ECONNREFUSED");
    expect(String(error.description)).not.toContain("[object");
  });

  it("a wrong path: HTTP_ERROR with the status and the request", async () => {
    const s: TestServer = await startServer("socket.io", {}, (_io, http) => {
      http.on("request", (req, res) => {
        if (!req.url?.startsWith("/socket.io/")) res.writeHead(404).end("Not Found");
      });
    });
    cleanups.push(() => s.close());
    const socket = client(s.url, { path: "/wrong/" });
    const [error] = await once<[Failure]>(socket, "connect_error");
    expect(error).toMatchObject({
      message: "xhr poll error",
      code: ConnectionErrorCode.HTTP_ERROR,
      context: { status: 404, body: "Not Found" },
    });
    expect(error.description).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/wrong\/\?EIO=4&transport=polling/,
    );
    expect(error.description).toContain("HTTP 404");
  });

  for (const transport of ["polling", "sse"] as const) {
    it(`a server that refuses the request (${transport}): the status and its Engine.IO error`, async () => {
      const url = await listen(
        createServer((_req, res) =>
          res
            .writeHead(403, { "content-type": "application/json" })
            .end(JSON.stringify({ code: 4, message: "Forbidden" })),
        ),
      );
      const socket = client(url, { transports: [transport] });
      const [error] = await once<[Failure]>(socket, "connect_error");
      expect(error).toMatchObject({
        message: transport === "polling" ? "xhr poll error" : "sse error",
        code: ConnectionErrorCode.HTTP_ERROR,
        context: { status: 403, transport },
      });
      expect(error.description).toContain("HTTP 403 Forbidden: Forbidden (Engine.IO error 4)");
    });
  }

  it('transports: ["sse"] against a socket.io server: "Transport unknown", readable', async () => {
    const s = await startServer("socket.io");
    cleanups.push(() => s.close());
    const socket = client(s.url, { transports: ["sse"] });
    const [error] = await once<[Failure]>(socket, "connect_error");
    expect(error).toMatchObject({
      message: "sse error",
      code: ConnectionErrorCode.HTTP_ERROR,
      context: { status: 400, transport: "sse" },
    });
    expect(error.description).toContain(
      "HTTP 400 Bad Request: Transport unknown (Engine.IO error 0)",
    );
  });

  it("a refused WebSocket upgrade: HTTP_ERROR with the status", async () => {
    const http = createServer();
    http.on("upgrade", (_req, socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    const url = await listen(http);
    const socket = client(url, { transports: ["websocket"] });
    const [error] = await once<[Failure]>(socket, "connect_error");
    expect(error).toMatchObject({
      message: "websocket error",
      code: ConnectionErrorCode.HTTP_ERROR,
      context: { status: 400 },
    });
    expect(error.description).toContain("HTTP 400");
  });

  it("a WebSocket closed by the server: the close event, with its code and reason", async () => {
    const s = await startServer("socket.io");
    cleanups.push(() => s.close());
    const socket = client(s.url, { transports: ["websocket"] });
    await once(socket, "connect");
    const disconnected = once<[string, { description: string; context: CloseEvent }]>(
      socket,
      "disconnect",
    );
    for (const conn of Object.values(s.io.engine.clients) as {
      transport: { socket: { close(c: number, r: string): void } };
    }[]) {
      conn.transport.socket.close(4000, "go away");
    }
    const [reason, description] = await disconnected;
    expect(reason).toBe("transport close");
    // socket.io-client's details: a description and the WebSocket's close event
    expect(description.description).toBe("websocket connection closed");
    expect(description.context.code).toBe(4000);
    expect(description.context.reason).toBe("go away");
  });

  it("a connect timeout: 'timeout' with its limit in ms", async () => {
    const url = await listen(createServer(() => {})); // never answers
    const socket = client(url, { timeout: 50 });
    const [error] = await once<[Failure]>(socket, "connect_error");
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      message: "timeout",
      code: ConnectionErrorCode.CONNECT_TIMEOUT,
      context: { timeout: 50 },
    });
    expect(error.description).toContain("50 ms");
  });
});

describe("options", () => {
  const invalid = (options: Record<string, unknown>) => () =>
    io("http://127.0.0.1:9", { autoConnect: false, forceNew: true, ...options } as never);

  it("rejects an unknown option, suggesting the closest name", () => {
    expect(invalid({ reconection: false })).toThrow(InvalidOptionError);
    expect(invalid({ reconection: false })).toThrow(/"reconection".*did you mean "reconnection"/);
  });

  it("rejects a wrong type, saying what the value is", () => {
    expect(invalid({ timeout: "20000" })).toThrow(
      /"timeout" is the string "20000", expected a number ≥ 0 or false/,
    );
    expect(invalid({ onError: true })).toThrow(/"onError".*expected a function/);
  });

  it("rejects an unknown transport name", () => {
    expect(invalid({ transports: ["websockets"] })).toThrow(
      /"transports\[0\]" is the string "websockets".*did you mean "websocket"/,
    );
    expect(invalid({ transports: [] })).toThrow(/non-empty array/);
  });

  it("checks new Manager() and manager.socket() options too", async () => {
    const { Manager } = await import("../src/index.js");
    expect(() => new Manager("http://127.0.0.1:9", { autoconnect: false } as never)).toThrow(
      /new Manager\(\): option "autoconnect".*did you mean "autoConnect"/,
    );
    const manager = new Manager("http://127.0.0.1:9", { autoConnect: false });
    expect(() => manager.socket("/", { retries: -1 })).toThrow(InvalidOptionError);
  });

  it("socket options belong to each socket, never to the shared Manager", () => {
    const root = io("http://127.0.0.1:19/", { autoConnect: false, auth: { token: "a" } });
    const admin = io("http://127.0.0.1:19/admin", { autoConnect: false });
    try {
      expect(admin.io).toBe(root.io);
      expect(root.auth).toEqual({ token: "a" });
      expect(admin.auth).toEqual({});
    } finally {
      root.io.close();
    }
  });

  it("accepts every documented option", () => {
    const socket = io("http://127.0.0.1:9", {
      autoConnect: false,
      forceNew: true,
      multiplex: false,
      path: "/socket.io/",
      transports: ["polling", "websocket", "sse"],
      tryAllTransports: true,
      upgrade: true,
      rememberUpgrade: false,
      withCredentials: false,
      extraHeaders: { "x-a": "1" },
      query: { a: "1" },
      timeout: false,
      reconnection: true,
      reconnectionAttempts: 3,
      reconnectionDelay: 10,
      reconnectionDelayMax: 100,
      randomizationFactor: 0,
      onError: () => {},
      logger: () => {},
      auth: () => {},
      retries: 1,
      ackTimeout: 100,
    });
    expect(socket.io.options.transports).toEqual(["polling", "websocket", "sse"]);
    socket.io.close();
  });
});
