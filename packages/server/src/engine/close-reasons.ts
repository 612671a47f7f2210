/**
 * Why an Engine.IO session closed, as an `as const` object and its union type. The io layer
 * maps these onto Socket.IO disconnect reasons, so the strings match engine.io's.
 */

/** Every reason an {@link EngineSession} can close with. */
export const EngineCloseReason = {
  /** The client closed the transport (WebSocket close, polling `1` packet, aborted GET). */
  TRANSPORT_CLOSE: "transport close",
  /** The transport failed or the client broke the protocol (overlapping GETs, bad method…). */
  TRANSPORT_ERROR: "transport error",
  /** No pong within `pingTimeout` after a ping. */
  PING_TIMEOUT: "ping timeout",
  /** The client sent a packet or payload that does not decode. */
  PARSE_ERROR: "parse error",
  /** The server closed the session (`session.close()`). */
  FORCED_CLOSE: "forced close",
  /** `EngineServer.close()`. */
  SERVER_SHUTTING_DOWN: "server shutting down",
  /** The session's unsent bytes passed `maxBufferedBytes` (a client that stopped reading). */
  SEND_BUFFER_OVERFLOW: "send buffer overflow",
} as const;

/** Union of the values of {@link EngineCloseReason}. */
export type EngineCloseReason = (typeof EngineCloseReason)[keyof typeof EngineCloseReason];
