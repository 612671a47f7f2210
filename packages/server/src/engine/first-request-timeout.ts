/**
 * Closes TCP connections that send no request within a bound. Node's `headersTimeout` and
 * `requestTimeout` start counting only once a request has begun, and the socket idle
 * `timeout` is off by default, so a connection that connects and never sends a byte holds a
 * file descriptor and memory forever: enough of them exhaust the server. Each new connection
 * of the HTTP server gets one timer here, cleared by its first request or upgrade (the engine's
 * `request` and `upgrade` listeners, which see every one, call `requestStarted`); nothing else
 * is touched (no server timeout is set or changed, connections that are serving requests,
 * between keep-alive requests or upgraded are never closed by it).
 *
 * TLS servers are watched from `secureConnection` (a TLS handshake that never completes is
 * bounded by Node's `handshakeTimeout`).
 */

import type { Server } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Socket } from "node:net";
import type { ScopedLog } from "../logger.js";

/**
 * The pending timers by socket. A Map rather than a property and a `once` listener on the
 * socket: both would stay on every upgraded connection for its whole life (a symbol property
 * grows the socket's property store; `once` keeps a bound wrapper and turns the `close`
 * listener into an array), about 0.2 KB per idle connection. Entries live until the first
 * request, the timeout or the close, whichever comes first.
 */
const timers = new Map<Socket, NodeJS.Timeout>();

function closeIdle(socket: Socket, log: ScopedLog | undefined, ms: number): void {
  forget(socket);
  log?.("closed a connection from %s: no request within %d ms", socket.remoteAddress, ms);
  socket.destroy();
}

function forget(socket: Socket): void {
  timers.delete(socket);
  socket.removeListener("close", onSocketClose);
}

/** A request or upgrade arrived on `socket`: it is no longer waiting for its first one. */
export function requestStarted(socket: Socket): void {
  const timer = timers.get(socket);
  if (timer === undefined) return;
  clearTimeout(timer);
  forget(socket);
}

function onSocketClose(this: Socket): void {
  requestStarted(this);
}

/**
 * Watch the new connections of `server`; returns a function that stops watching (connections
 * already watched keep their timer until their first request).
 * `ms` 0 watches nothing.
 */
export function watchFirstRequest(
  server: Server | HttpsServer,
  ms: number,
  log: ScopedLog | undefined,
): () => void {
  if (ms <= 0) return () => {};
  const event = "setSecureContext" in server ? "secureConnection" : "connection";
  const onConnection = (socket: Socket): void => {
    if (timers.has(socket)) return; // another engine watches it
    const timer = setTimeout(closeIdle, ms, socket, log, ms);
    timer.unref();
    timers.set(socket, timer);
    socket.on("close", onSocketClose);
  };
  server.on(event, onConnection);
  return () => {
    server.off(event, onConnection);
  };
}
