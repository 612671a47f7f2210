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

const kTimer = Symbol("volley.firstRequestTimer");

interface Watched {
  [kTimer]?: NodeJS.Timeout | undefined;
}

function closeIdle(socket: Socket, log: ScopedLog | undefined, ms: number): void {
  (socket as Watched)[kTimer] = undefined;
  log?.("closed a connection from %s: no request within %d ms", socket.remoteAddress, ms);
  socket.destroy();
}

/** A request or upgrade arrived on `socket`: it is no longer waiting for its first one. */
export function requestStarted(socket: Socket): void {
  const watched = socket as Watched;
  if (watched[kTimer] !== undefined) {
    clearTimeout(watched[kTimer]);
    watched[kTimer] = undefined;
  }
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
    if ((socket as Watched)[kTimer] !== undefined) return; // another engine watches it
    const timer = setTimeout(closeIdle, ms, socket, log, ms);
    timer.unref();
    (socket as Watched)[kTimer] = timer;
    socket.once("close", onSocketClose);
  };
  server.on(event, onConnection);
  return () => {
    server.off(event, onConnection);
  };
}
