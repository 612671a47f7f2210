/**
 * `session.request` (and so `socket.request`): what apps read from the request that opened a
 * session, copied once when the session opens, instead of the `IncomingMessage` itself.
 *
 * Why: a session lives as long as its connection, and an `IncomingMessage` kept that long pins
 * its raw header array, its stream state and its listeners (about 0.9 KB per idle connection,
 * measured in bench/README.md's per-connection budget). Apps read a handful of fields from it:
 * `headers`, `url`, `method`, the peer address through `request.socket` / `request.connection`,
 * and whatever middleware attached to the request before the session opened (`session` from
 * express-session run through `io.engine.use`, `user` from passport, …). Those are kept; the
 * stream, its socket and its raw headers are not.
 */
import { type IncomingHttpHeaders, IncomingMessage } from "node:http";
import { pooled } from "./string-pool.js";

/** The peer of the connection that opened a session (`request.socket`, `request.connection`). */
export interface RequestPeer {
  /** The peer's IP address, as `net.Socket#remoteAddress` read when the session opened. */
  readonly remoteAddress: string | undefined;
  /** The peer's port. */
  readonly remotePort: number | undefined;
  /** Whether the connection is TLS (`tls.TLSSocket#encrypted`). */
  readonly encrypted: boolean;
}

/**
 * The request that opened a session, as kept for the session's life: the fields apps read from
 * an `IncomingMessage`, plus every own enumerable property that middleware attached to the
 * request before the session opened (typed `unknown`: declare yours by augmenting this
 * interface). Properties set on it later (by an io middleware: `socket.request.user = …`) stay.
 *
 * @example
 * declare module "@volley/server" {
 *   interface HandshakeRequest { session?: { userId: string } }
 * }
 * io.on("connection", (socket) => {
 *   console.log(socket.request.headers["user-agent"], socket.request.socket.remoteAddress);
 * });
 */
export interface HandshakeRequest extends RequestPeer {
  /**
   * The request headers: a copy of `IncomingMessage#headers` (same names, same values, its
   * repeated strings shared across sessions, see string-pool.ts).
   */
  readonly headers: IncomingHttpHeaders;
  /** The request URL (path and query). */
  readonly url: string;
  /** The request method (`GET` for a handshake). */
  readonly method: string;
  /** The HTTP version (`"1.1"`). */
  readonly httpVersion: string;
  /** The connection's peer (this same object: the address fields live on it). */
  readonly socket: RequestPeer;
  /** Alias of `socket`, as on `IncomingMessage`. */
  readonly connection: RequestPeer;
  /** What middleware attached to the request (`session`, `user`, …). */
  [attached: string]: unknown;
}

/** Own properties every `IncomingMessage` has: never copied as "attached by middleware". */
const BUILT_IN: ReadonlySet<string> = new Set([
  ...Object.keys(new IncomingMessage(null as never)),
  "headers",
  "trailers",
  "headersDistinct",
  "trailersDistinct",
]);

/**
 * Headers whose values are unique per connection or secret: pooling them would only churn the
 * pool, and would keep credentials in memory after their connection is gone.
 */
const NOT_POOLED: ReadonlySet<string> = new Set([
  "sec-websocket-key",
  "cookie",
  "authorization",
  "proxy-authorization",
]);

/** Polling URLs carry a cache buster (`t=`) and later requests a `sid=`: unique, not pooled. */
const UNIQUE_URL = /[?&](?:t|sid)=/;

/** A copy of `headers` whose names and repeated string values come from the pool. */
function pooledHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy: IncomingHttpHeaders = {};
  if (headers == null) return copy; // a hand-made request (tests)
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    copy[pooled(name)] = typeof value === "string" && !NOT_POOLED.has(name) ? pooled(value) : value;
  }
  return copy;
}

function pooledUrl(url: string): string {
  return UNIQUE_URL.test(url) ? url : pooled(url);
}

class RequestSnapshot implements HandshakeRequest {
  [attached: string]: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly url: string;
  readonly method: string;
  readonly httpVersion: string;
  readonly remoteAddress: string | undefined;
  readonly remotePort: number | undefined;
  readonly encrypted: boolean;

  constructor(req: IncomingMessage) {
    const socket = req.socket as (IncomingMessage["socket"] & { encrypted?: boolean }) | null;
    this.headers = pooledHeaders(req.headers);
    this.url = pooledUrl(req.url ?? "/");
    this.method = req.method ?? "GET";
    // Node builds this string per request: the usual one is shared instead
    this.httpVersion = req.httpVersion === "1.1" ? "1.1" : req.httpVersion;
    const address = socket?.remoteAddress;
    this.remoteAddress = address === undefined ? undefined : pooled(address);
    this.remotePort = socket?.remotePort;
    this.encrypted = socket?.encrypted === true;
  }

  get socket(): RequestPeer {
    return this;
  }

  get connection(): RequestPeer {
    return this;
  }
}

/** Copies what apps read from `req` (see {@link HandshakeRequest}); `req` is not retained. */
export function snapshotRequest(req: IncomingMessage): HandshakeRequest {
  const snapshot = new RequestSnapshot(req);
  const source = req as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!BUILT_IN.has(key) && !(key in snapshot)) snapshot[key] = source[key];
  }
  return snapshot;
}
