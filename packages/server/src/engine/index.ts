/**
 * `@volley/server/engine`: the Engine.IO v4 server layer (sessions over HTTP long-polling and
 * WebSocket: handshake, heartbeat, upgrade, limits). The io layer builds on `EngineServer` and
 * `EngineSession`; nothing here knows about Socket.IO packets.
 */

export { EngineCloseReason } from "./close-reasons.js";
export { type HeartbeatTarget, HeartbeatTimer } from "./heartbeat.js";
export { type EngineConnectionError, errorBody, errorStatus } from "./http-errors.js";
export { createHttpServer, HTTP_SERVER_DEFAULTS, type HttpServerTimeouts } from "./http-server.js";
export {
  type AllowRequest,
  type CookieOptions,
  type CorsOptions,
  type CorsOrigin,
  DEFAULTS,
  type EngineOptions,
  resolveOptions,
  type TransportName,
} from "./options.js";
export { PreparedMessage } from "./prepared-message.js";
export { EngineServer, type EngineServerEvents } from "./server.js";
export {
  EngineSession,
  type EngineSessionEvents,
  type EngineSessionState,
  type SendOptions,
  type SessionSettings,
} from "./session.js";
export { generateSid } from "./sid.js";
export { PollingTransport } from "./transports/polling.js";
export type { OutboundPacket, Transport, TransportHandler } from "./transports/transport.js";
export { WebSocketTransport } from "./transports/websocket.js";
