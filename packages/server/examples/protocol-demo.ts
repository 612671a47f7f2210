/**
 * Protocol demo server: plain protocol endpoints for interop checks with any Engine.IO /
 * Socket.IO client. The engine half is an Engine.IO v4 echo at `/engine.io/` (every message is
 * sent straight back to its sender, text as text, binary as binary). The Socket.IO half is a
 * Socket.IO v5 server at `/socket.io/` (see `attachSocketIoDemo`). Both attach to the same HTTP
 * server (see `createProtocolDemo`).
 *
 * Run: `pnpm build && pnpm --filter @volley/server example:protocol-demo` (PORT, default 3000;
 * listens on all interfaces, dual-stack, until SIGTERM/SIGINT).
 */

import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { Server as SocketIoServer } from "@volley/server";
import { createHttpServer, EngineServer } from "@volley/server/engine";

/** The demo: one HTTP server, the endpoints attached to it, and a graceful `close()`. */
export interface ProtocolDemo {
  server: Server;
  engine: EngineServer;
  io: SocketIoServer;
  close(): Promise<void>;
}

/** The HTTP server every section attaches to; paths nobody serves answer 404. */
export function createDemoHttpServer(): Server {
  return createHttpServer((_req, res) => {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("Not found");
  });
}

/**
 * Engine half: an Engine.IO v4 echo endpoint at `/engine.io/` (pingInterval 300 ms, pingTimeout
 * 200 ms, max payload 1,000,000 bytes, polling and websocket with upgrades, CORS origin `*`).
 */
export function attachEngineEcho(server: Server): EngineServer {
  const engine = new EngineServer({
    path: "/engine.io/",
    pingInterval: 300,
    pingTimeout: 200,
    maxHttpBufferSize: 1_000_000,
    transports: ["polling", "websocket"],
    allowUpgrades: true,
    cors: { origin: "*" },
  });
  engine.on("connection", (session) => {
    session.on("message", (data) => session.send(data));
  });
  engine.attach(server);
  return engine;
}

/**
 * Socket.IO half: a Socket.IO v5 server at `/socket.io/` (pingInterval 300 ms, pingTimeout
 * 200 ms, max payload 1,000,000 bytes, connectTimeout 1000 ms, CORS origin `*`, no connection
 * state recovery, no middleware). Namespaces `/` and `/custom`; any other is refused with
 * CONNECT_ERROR `{"message":"Invalid namespace"}`. Every connection first receives `auth` with
 * its handshake auth (`{}` when none). In `/`, `message` is answered by `message-back` with the
 * same arguments, and `message-with-ack` is acknowledged with the same arguments.
 */
export function attachSocketIoDemo(server: Server): SocketIoServer {
  const io = new SocketIoServer(server, {
    path: "/socket.io/",
    pingInterval: 300,
    pingTimeout: 200,
    maxHttpBufferSize: 1_000_000,
    connectTimeout: 1000,
    cors: { origin: "*" },
  });
  io.on("connection", (socket) => {
    socket.emit("auth", socket.handshake.auth);
    socket.on("message", (...args: unknown[]) => {
      socket.emit("message-back", ...args);
    });
    socket.on("message-with-ack", (...args: unknown[]) => {
      const ack = args.pop();
      if (typeof ack === "function") ack(...args);
    });
  });
  io.of("/custom").on("connection", (socket) => {
    socket.emit("auth", socket.handshake.auth);
  });
  return io;
}

/** Build the demo server (not listening yet). */
export function createProtocolDemo(): ProtocolDemo {
  const server = createDemoHttpServer();
  const engine = attachEngineEcho(server);
  const io = attachSocketIoDemo(server);
  return {
    server,
    engine,
    io,
    async close() {
      await io.close();
      await engine.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

/** Listen on `port` on all interfaces (dual-stack `::`, or `0.0.0.0` without IPv6). */
export function listenAllInterfaces(server: Server, port: number): Promise<number> {
  const attempt = (host: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      server.once("error", onError);
      server.listen(port, host, () => {
        server.off("error", onError);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  return attempt("::").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EAFNOSUPPORT" || err.code === "EADDRNOTAVAIL") return attempt("0.0.0.0");
    throw err;
  });
}

async function main(): Promise<void> {
  const demo = createProtocolDemo();
  const port = await listenAllInterfaces(demo.server, Number(process.env.PORT ?? 3000));
  console.log(`Listening on http://localhost:${port}`);
  const stop = (): void => {
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
