/**
 * `createHttpServer()`: the Node HTTP server Volley creates when the user gives none, with
 * timeouts that stop connections which never complete a request from holding resources.
 *
 * For your own `http.createServer()` (or express's `app.listen()`), use the same settings:
 * `headersTimeout` 10 s and `requestTimeout` 30 s (time to receive headers / the whole request;
 * long-polling GETs are received at once, so neither cuts a held poll), `keepAliveTimeout` 5 s,
 * and a socket idle `timeout` (`server.setTimeout`) comfortably above `pingInterval +
 * pingTimeout` (a held poll is idle for up to `pingInterval`); WebSocket connections are not
 * affected (`ws` clears the socket timeout on upgrade).
 */

import { createServer, type RequestListener, type Server } from "node:http";

/** Timeouts of {@link createHttpServer}, in milliseconds. */
export interface HttpServerTimeouts {
  /** Time allowed to receive the request headers. Default 10000. */
  headersTimeout: number;
  /** Time allowed to receive the whole request. Default 30000. */
  requestTimeout: number;
  /** Idle time before a keep-alive connection between requests is closed. Default 5000. */
  keepAliveTimeout: number;
  /** Socket inactivity limit; must exceed `pingInterval` (held polls are idle). Default 120000. */
  idleTimeout: number;
}

/** Defaults of {@link createHttpServer}. */
export const HTTP_SERVER_DEFAULTS: Readonly<HttpServerTimeouts> = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  idleTimeout: 120_000,
});

/**
 * An `http.Server` with request, header, keep-alive and idle timeouts set.
 *
 * @example
 * const server = createHttpServer(app);   // app: an express app or any request listener
 * new EngineServer().attach(server);
 * server.listen(3000);
 */
export function createHttpServer(
  listener?: RequestListener,
  timeouts: Partial<HttpServerTimeouts> = {},
): Server {
  const t = { ...HTTP_SERVER_DEFAULTS, ...timeouts };
  const server = createServer({
    headersTimeout: Math.min(t.headersTimeout, t.requestTimeout),
    requestTimeout: t.requestTimeout,
    keepAliveTimeout: t.keepAliveTimeout,
  });
  if (listener) server.on("request", listener);
  server.setTimeout(t.idleTimeout);
  return server;
}
