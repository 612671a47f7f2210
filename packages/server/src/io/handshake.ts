/**
 * `socket.handshake`: what the client sent when it connected (headers, query, auth, address…),
 * built from the request that opened the engine session, as Socket.IO does (on first access:
 * most servers never read it, and an idle socket should not carry a copy of its request).
 */
import type { IncomingHttpHeaders } from "node:http";
import { type ParsedUrlQuery, parse as parseQuery } from "node:querystring";
import type { HandshakeRequest } from "../engine/index.js";

/** What the client sent when it connected, as Socket.IO's `socket.handshake`. */
export interface Handshake {
  headers: IncomingHttpHeaders;
  /** Date of creation, as a string. */
  time: string;
  /** The peer's IP address. */
  address: string;
  /** Whether the request was cross-domain (had an Origin header). */
  xdomain: boolean;
  /** Whether the connection is over TLS. */
  secure: boolean;
  /** Date of creation, in ms since the epoch. */
  issued: number;
  /** The URL of the request that opened the engine session. */
  url: string;
  /** Its query parameters (`EIO`, `transport` and the client's `query` option). */
  query: ParsedUrlQuery;
  /** The auth object of the CONNECT packet (`{}` when none). */
  auth: Record<string, unknown>;
}

/** Builds the handshake of a socket. */
export function buildHandshake(
  req: HandshakeRequest,
  address: string,
  auth: Record<string, unknown>,
  issued: number = Date.now(),
): Handshake {
  const url = req.url;
  const query = url.indexOf("?");
  return {
    headers: req.headers,
    time: new Date(issued).toString(),
    address,
    xdomain: req.headers.origin !== undefined,
    secure: req.encrypted,
    issued,
    url,
    query: query === -1 ? {} : parseQuery(url.slice(query + 1)),
    auth,
  };
}
