/**
 * Test helpers: a Server on 127.0.0.1 port 0 with official socket.io-client peers, and
 * promise helpers that wait for events (never for time).
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Socket as ClientSocket,
  io as ioc,
  type ManagerOptions,
  type SocketOptions,
} from "socket.io-client";
import { Server, type ServerOptions } from "../../src/index.js";

export type TransportName = "websocket" | "polling";
export const TRANSPORTS: TransportName[] = ["websocket", "polling"];

export interface TestServer {
  io: Server;
  httpServer: HttpServer;
  url: string;
  port: number;
  /** A socket.io-client socket (forceNew, no reconnection unless asked). */
  client(nsp?: string, opts?: Partial<ManagerOptions & SocketOptions>): ClientSocket;
  close(): Promise<void>;
}

/** Starts a Server on an ephemeral port; `transport` is the clients' only transport. */
export async function startServer(
  transport: TransportName,
  opts: Partial<ServerOptions> = {},
  httpServer: HttpServer = createServer(),
): Promise<TestServer> {
  const io = new Server(httpServer, opts);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const clients: ClientSocket[] = [];
  return {
    io,
    httpServer,
    url,
    port,
    client(nsp = "/", clientOpts = {}) {
      const socket = ioc(`${url}${nsp}`, {
        forceNew: true,
        reconnection: false,
        transports: [transport],
        ...clientOpts,
      });
      clients.push(socket);
      return socket;
    },
    async close() {
      for (const socket of clients) {
        socket.io.opts.reconnection = false;
        socket.io.reconnection(false);
        socket.disconnect();
        socket.io.engine?.close();
      }
      await io.close();
    },
  };
}

/** Resolves with the arguments of the next `event`. */
export function once<T extends unknown[] = unknown[]>(
  emitter: { once(event: string, listener: (...args: never[]) => void): unknown },
  event: string,
): Promise<T> {
  return new Promise((resolve) => {
    emitter.once(event, ((...args: T) => resolve(args)) as unknown as (...args: never[]) => void);
  });
}

/** Resolves once the client socket is connected. */
export async function connected(socket: ClientSocket): Promise<ClientSocket> {
  if (!socket.connected) {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
  }
  return socket;
}

/** Resolves with the next server-side socket of the main namespace (or `nsp`). */
export function nextConnection(io: Server, nsp = "/") {
  return new Promise<import("../../src/index.js").Socket>((resolve) => {
    io.of(nsp).once("connection", (socket) => resolve(socket as never));
  });
}

/** A raw Engine.IO client, to send hand-made Socket.IO packets. */
export async function rawClient(url: string, transport: TransportName) {
  const { Socket: EngineSocket } = await import("engine.io-client");
  const socket = new EngineSocket(url, { transports: [transport], path: "/socket.io/" });
  const messages: (string | ArrayBuffer | Buffer)[] = [];
  const waiters: (() => void)[] = [];
  socket.on("message", (data) => {
    messages.push(data as string);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return {
    socket,
    messages,
    send(data: string) {
      socket.send(data);
    },
    /** Resolves with the next message matching `predicate` (from those received so far too). */
    async next(predicate: (m: string) => boolean = () => true): Promise<string> {
      for (;;) {
        const index = messages.findIndex((m) => typeof m === "string" && predicate(m));
        if (index !== -1) return messages.splice(index, 1)[0] as string;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    closed: new Promise<string>((resolve) => socket.once("close", (reason) => resolve(reason))),
    close() {
      socket.close();
    },
  };
}
