/**
 * The io layer's own error vocabulary: the disconnect reasons it reports (Socket.IO's strings,
 * so ported `disconnect` handlers keep working) and the middleware error. The errors shared
 * with the client (AckTimeoutError, SocketDisconnectedError, VolleyError) live in
 * `@volley/protocol`.
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
