/**
 * Errors that server and client hand to users, with stable codes (as `ws` does): an app checks
 * `err.code`, never the message. Every code is listed in `VolleyErrorCode`.
 */

/** Every code a VolleyError (or a subclass) may carry. */
export const VolleyErrorCode = {
  /** An acknowledgement did not arrive within its timeout. */
  ACK_TIMEOUT: "ACK_TIMEOUT",
  /** The socket disconnected while an acknowledgement was pending. */
  SOCKET_DISCONNECTED: "SOCKET_DISCONNECTED",
  /** `emit` was called with a name reserved by the protocol (`connect`, `disconnect`, …). */
  RESERVED_EVENT: "RESERVED_EVENT",
  /** A client socket's send buffer (emits made while disconnected) is at `maxSendBuffer`. */
  SEND_BUFFER_FULL: "SEND_BUFFER_FULL",
  /** An option has an unknown name, a wrong type or a value out of range. */
  INVALID_OPTION: "INVALID_OPTION",
  /** An emit asked for an ack while the socket already waits for as many as its limit allows. */
  PENDING_ACKS_LIMIT: "PENDING_ACKS_LIMIT",
  /** `defineEvents` was given something that is not `{ args: [schemas], ack? }` per event. */
  INVALID_CONTRACT: "INVALID_CONTRACT",
  /** An outgoing event did not match the contract (development checks, `validateOutgoing`). */
  INVALID_OUTGOING_EVENT: "INVALID_OUTGOING_EVENT",
  /** A received event did not match the contract (client development checks). */
  INVALID_INCOMING_EVENT: "INVALID_INCOMING_EVENT",
} as const;
export type VolleyErrorCode = (typeof VolleyErrorCode)[keyof typeof VolleyErrorCode];

/** The base of Volley's typed errors. */
export class VolleyError extends Error {
  constructor(
    readonly code: VolleyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "VolleyError";
  }
}

/**
 * An acknowledgement did not arrive in time. Broadcasts attach the responses received so far.
 * @example socket.timeout(1000).emit("ping", (err) => { if (err?.code === "ACK_TIMEOUT") … });
 */
export class AckTimeoutError extends VolleyError {
  constructor(
    message = "operation has timed out",
    readonly responses: unknown[] = [],
  ) {
    super("ACK_TIMEOUT", message);
    this.name = "AckTimeoutError";
  }
}

/** The socket disconnected while an acknowledgement was pending. */
export class SocketDisconnectedError extends VolleyError {
  constructor(message = "socket has been disconnected") {
    super("SOCKET_DISCONNECTED", message);
    this.name = "SocketDisconnectedError";
  }
}

/**
 * An emit with an acknowledgement was refused: the socket already waits for `limit` acks
 * (the server's `limits.pendingAcks`). The packet was not sent.
 */
export class PendingAcksLimitError extends VolleyError {
  constructor(readonly limit: number) {
    super("PENDING_ACKS_LIMIT", `too many acknowledgements pending (limit ${limit})`);
    this.name = "PendingAcksLimitError";
  }
}

/**
 * An emit made while disconnected found the socket's send buffer full (`maxSendBuffer`): it was
 * not buffered, and will never be sent.
 * @example socket.emit("move", x, (err) => { if (err?.code === "SEND_BUFFER_FULL") … });
 */
export class SendBufferFullError extends VolleyError {
  constructor(readonly limit: number) {
    super("SEND_BUFFER_FULL", `the send buffer is full (maxSendBuffer: ${limit}): emit refused`);
    this.name = "SendBufferFullError";
  }
}

/** Normalises anything thrown into an Error. */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
