/**
 * Test helpers for the engine layer: an engine on an ephemeral loopback port, raw HTTP
 * requests, and official `engine.io-client` sockets that are always cleaned up.
 */

import { once } from "node:events";
import { type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Socket, type SocketOptions } from "engine.io-client";
import {
  createHttpServer,
  type EngineOptions,
  EngineServer,
  type EngineSession,
} from "../../src/engine/index.js";

export const PATH = "/engine.io/";

export interface TestEngine {
  engine: EngineServer;
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** An engine attached to a fresh HTTP server on 127.0.0.1:0. */
export async function startEngine(
  options: Partial<EngineOptions> = {},
  setup?: (server: Server) => void,
): Promise<TestEngine> {
  const server = createHttpServer();
  setup?.(server);
  const engine = new EngineServer({ path: PATH, ...options });
  engine.attach(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return {
    engine,
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await engine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

/** One HTTP request on its own connection; resolves with the whole answer. */
export function rawRequest(port: number, opts: RawRequest = {}): Promise<RawResponse> {
  const path = opts.path ?? `${PATH}?${opts.query ?? "EIO=4&transport=polling"}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: opts.method ?? "GET",
        path,
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** Open a polling session with raw HTTP; returns its sid and handshake. */
export async function rawHandshake(port: number, headers?: Record<string, string>) {
  const res = await rawRequest(port, { headers });
  if (res.status !== 200 || !res.body.startsWith("0"))
    throw new Error(`handshake failed: ${res.status} ${res.body}`);
  const handshake = JSON.parse(res.body.slice(1).split("\x1e")[0]!) as {
    sid: string;
    upgrades: string[];
    pingInterval: number;
    pingTimeout: number;
    maxPayload: number;
  };
  return { sid: handshake.sid, handshake, res };
}

const clients = new Set<Socket>();

/** An engine.io-client socket to the test engine, closed by `closeClients()`. */
export function connectClient(port: number, opts: Partial<SocketOptions> = {}): Socket {
  const socket = new Socket(`http://127.0.0.1:${port}`, { path: PATH, ...opts });
  clients.add(socket);
  return socket;
}

/** Close every client opened by `connectClient`. */
export function closeClients(): void {
  for (const c of clients) c.close();
  clients.clear();
}

/**
 * Resolves once the next HTTP request reached the server; the engine (registered first) has
 * handled it by then. Call before sending the request.
 */
export function requestArrived(server: Server): Promise<void> {
  return new Promise((resolve) => server.once("request", () => resolve()));
}

/** The next session the engine opens. */
export function nextSession(engine: EngineServer): Promise<EngineSession> {
  return new Promise((resolve) => engine.once("connection", resolve));
}

/** Resolve on the first `event` of an engine.io-client socket. */
export function clientEvent<T = unknown>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) =>
    (socket as unknown as { once(e: string, f: (v: T) => void): void }).once(event, resolve),
  );
}
