/**
 * Errors the io layer creates or hands to users, and the disconnect reasons it reports.
 * Reasons match Socket.IO's strings so ported `disconnect` handlers keep working.
 */

/** Why a socket disconnected (the `disconnect` / `disconnecting` event argument). */
export type DisconnectReason =
  | "transport error"
  | "transport close"
  | "forced close"
  | "ping timeout"
  | "parse error"
  | "server shutting down"
  | "forced server close"
  | "send buffer overflow"
  | "client namespace disconnect"
  | "server namespace disconnect";

/** Reasons after which the session is kept for connection state recovery (as Socket.IO). */
export const RECOVERABLE_DISCONNECT_REASONS: ReadonlySet<DisconnectReason> = new Set([
  "transport error",
  "transport close",
  "forced close",
  "ping timeout",
  "server shutting down",
  "forced server close",
]);

/**
 * An error for `next(err)` in a middleware; `data` reaches the client in CONNECT_ERROR
 * (`socket.on("connect_error", (err) => err.data)`).
 * @example io.use((socket, next) => next(new MiddlewareError("not authorized", { code: 401 })));
 */
export class MiddlewareError extends Error {
  constructor(
    message: string,
    public readonly data?: unknown,
  ) {
    super(message);
    this.name = "MiddlewareError";
  }
}

/** An acknowledgement did not arrive in time. Broadcasts attach the responses received so far. */
export class AckTimeoutError extends Error {
  constructor(
    message = "operation has timed out",
    public readonly responses: unknown[] = [],
  ) {
    super(message);
    this.name = "AckTimeoutError";
  }
}

/** The socket disconnected while an acknowledgement with a timeout was pending. */
export class SocketDisconnectedError extends Error {
  constructor(message = "socket has been disconnected") {
    super(message);
    this.name = "SocketDisconnectedError";
  }
}

/** Normalises anything thrown into an Error. */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
