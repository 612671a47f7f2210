/**
 * `@volley/server/engine`: the Engine.IO v4 server layer (sessions over HTTP long-polling,
 * WebSocket and Server-Sent Events: handshake, heartbeat, upgrade, limits). The io layer builds
 * on `EngineServer` and `EngineSession`; nothing here knows about Socket.IO packets.
 *
 * Transports are exported as their registry (`TRANSPORTS`) and interfaces, not as classes: the
 * WebSocket one is built on `ws`, whose types a consumer should not need.
 */

export type { Logger, LogScope } from "../logger.js";
export {
  type AddressedRequest,
  AddressLimiter,
  type AddressLimiterOptions,
  type ConnectionGate,
  clientAddress,
  isLoopback,
} from "./address-limiter.js";
export type { GenerateId } from "./admission.js";
export { EngineCloseReason } from "./close-reasons.js";
export { type HeartbeatTarget, HeartbeatTimer } from "./heartbeat.js";
export { HeartbeatSchedule, heartbeatTick, type ScheduledBeat } from "./heartbeat-schedule.js";
export { type EngineConnectionError, errorBody, errorStatus } from "./http-errors.js";
export { createHttpServer, HTTP_SERVER_DEFAULTS, type HttpServerTimeouts } from "./http-server.js";
export { type EngineMiddleware, UpgradeResponse } from "./middlewares.js";
export {
  type AllowRequest,
  type CookieOptions,
  type CorsOptions,
  type CorsOrigin,
  DEFAULTS,
  ENGINE_OPTION_CHECKS,
  type EngineOptions,
  type HttpCompressionOptions,
  type PerMessageDeflateOptions,
  resolveEngineOptions,
  type StaticOrigin,
} from "./options.js";
export type { EnginePacketEvent } from "./packet-events.js";
export { PreparedMessage } from "./prepared-message.js";
export type { HandshakeRequest, RequestPeer } from "./request-snapshot.js";
export { EngineServer, type EngineServerEvents } from "./server.js";
export {
  EngineSession,
  type EngineSessionEvents,
  type EngineSessionState,
  type SendOptions,
  type SessionOwner,
  type SessionSettings,
} from "./session.js";
export { generateSid } from "./sid.js";
export { TOO_MANY_CONNECTIONS } from "./too-many-requests.js";
export { TRANSPORT_NAMES, TRANSPORTS, type TransportName } from "./transports/index.js";
export type {
  OutboundPacket,
  RequestTransportFactory,
  Transport,
  TransportDefinition,
  TransportFactory,
  TransportHandler,
  TransportSettings,
  UpgradeTransportFactory,
} from "./transports/transport.js";
