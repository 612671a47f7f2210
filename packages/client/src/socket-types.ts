/**
 * The types of a namespace socket's public surface: disconnect reasons and details in
 * socket.io-client's shape, the connect error, the reserved events, and the emit arguments
 * (with or without `timeout`). Kept apart from socket.ts, which holds the behaviour.
 */
import type {
  DecorateAcknowledgements,
  EventNames,
  EventParams,
  EventsMap,
} from "@volley/protocol";

/** Why a socket disconnected, as socket.io-client reports it. */
export type DisconnectReason =
  | "io server disconnect"
  | "io client disconnect"
  | "ping timeout"
  | "transport close"
  | "transport error"
  | "parse error"
  | "forced close";

/**
 * The second argument of `disconnect`, in socket.io-client's shape: for "transport close", what
 * closed it (`{ description: "websocket connection closed", context: closeEvent }`,
 * `{ description: "transport closed by the server" }`, `{ description: "network connection
 * lost" }`); for "transport error" and "parse error", the Error. Absent for the other reasons.
 */
export type DisconnectDescription = Error | { description: string; context?: unknown };

/** The error of `connect_error`: `data` is what the server's middleware attached. */
export interface ConnectError extends Error {
  data?: unknown;
  /** For connection failures: what happened, readable (see `ConnectionError`). */
  description?: unknown;
  /** For connection failures: a `ConnectionErrorCode` ("HTTP_ERROR", "PROBABLY_CORS", …). */
  code?: string;
}

/** Events a socket emits locally; they cannot be sent with `emit`. */
export interface SocketReservedEvents {
  connect: () => void;
  connect_error: (error: ConnectError) => void;
  disconnect: (reason: DisconnectReason, description?: DisconnectDescription) => void;
}

/**
 * The arguments of `emit(event, ...args)`; after `timeout(ms)` (`WithTimeout`), the ack
 * callback receives an error first.
 */
export type EmitArgs<
  M extends EventsMap,
  E extends EventNames<M>,
  WithTimeout extends boolean,
> = WithTimeout extends true
  ? EventParams<DecorateAcknowledgements<M>, E & EventNames<DecorateAcknowledgements<M>>>
  : EventParams<M, E>;
