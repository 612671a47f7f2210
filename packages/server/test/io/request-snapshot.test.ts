/**
 * `socket.request` is a snapshot of the request that opened the session: what apps read from it
 * (headers, url, method, the peer address, what middleware attached) without the
 * IncomingMessage itself, which an idle connection should not pin.
 */
import { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { connected, nextConnection, startServer, type TestServer, TRANSPORTS } from "./helpers.js";

describe.each(TRANSPORTS)("socket.request over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("keeps headers, url, method and the peer address, not the IncomingMessage", async () => {
    server = await startServer(transport);
    const connection = nextConnection(server.io);
    await connected(server.client("/", { query: { room: "r1" }, extraHeaders: { "x-app": "a" } }));
    const socket = await connection;
    const req = socket.request;
    expect(req).not.toBeInstanceOf(IncomingMessage);
    expect(req.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(req.url).toContain("room=r1");
    expect(req.url).toContain(`transport=${transport}`);
    expect(req.method).toBe("GET");
    expect(req.httpVersion).toBe("1.1");
    expect(req.socket.remoteAddress).toContain("127.0.0.1");
    expect(req.connection.remoteAddress).toBe(req.socket.remoteAddress);
    expect(typeof req.socket.remotePort).toBe("number");
    expect(req.socket.encrypted).toBe(false);
    expect(socket.conn.request).toBe(req);
    // the stream and its raw headers are gone
    expect(req.rawHeaders).toBeUndefined();
    expect(req._readableState).toBeUndefined();
  });

  it("keeps what middleware attached to the request before the session opened", async () => {
    server = await startServer(transport, {
      allowRequest: (req: IncomingMessage) => {
        (req as IncomingMessage & { session?: unknown }).session = { userId: "u1" };
        return true;
      },
    });
    const connection = nextConnection(server.io);
    await connected(server.client());
    const socket = await connection;
    expect(socket.request.session).toEqual({ userId: "u1" });
    expect(socket.handshake.headers).toBe(socket.request.headers);
  });

  it("socket.data starts as {} and can be replaced; no auth reads as {}", async () => {
    server = await startServer(transport);
    const connection = nextConnection(server.io);
    await connected(server.client());
    const socket = await connection;
    expect(socket.handshake.auth).toEqual({});
    expect(socket.data).toEqual({});
    (socket.data as Record<string, unknown>).n = 1;
    expect(socket.data).toEqual({ n: 1 });
    socket.data = { m: 2 };
    expect(socket.data).toEqual({ m: 2 });
  });

  it("takes what an io middleware attaches later", async () => {
    server = await startServer(transport);
    server.io.use((socket, next) => {
      socket.request.user = "u2";
      next();
    });
    const connection = nextConnection(server.io);
    await connected(server.client());
    expect((await connection).request.user).toBe("u2");
  });
});
