/**
 * @volley/server: a Socket.IO v5 server with typed events. Port a Socket.IO server by changing
 * the import: `import { Server } from "@volley/server"`. The engine layer is available on its
 * own as `@volley/server/engine`.
 */

/** The vocabulary shared with the client, re-exported so existing imports keep working. */
export {
  type AckResult,
  AckTimeoutError,
  type ClientEmitEvents,
  type ClientListenEvents,
  type ContractIssue,
  ContractViolationError,
  type DecorateAcknowledgements,
  type DecorateAcknowledgementsWithMultipleResponses,
  type DefaultEventsMap,
  type DefaultSocketData,
  defineEvents,
  type EventContract,
  type EventContracts,
  type EventNames,
  type EventNamesWithAck,
  type EventParams,
  type EventsContract,
  type EventsMap,
  type InvalidArgumentsAnswer,
  InvalidOptionError,
  PendingAcksLimitError,
  type ServerEmitEvents,
  type ServerListenEvents,
  SocketDisconnectedError,
  type StandardSchemaV1,
  VolleyError,
} from "@volley/protocol";
export {
  createHttpServer,
  type EngineCloseReason,
  type EngineConnectionError,
  type EngineMiddleware,
  type EngineOptions,
  type EnginePacketEvent,
  EngineServer,
  EngineSession,
} from "./engine/index.js";
export { type Adapter, type AdapterFactory, createAdapter } from "./io/adapter.js";
export type { AdapterHost } from "./io/adapter-host.js";
export {
  type AdapterEvents,
  type BroadcastFlags,
  type BroadcastOptions,
  type ConnectionStateRecoveryOptions,
  deserializeBroadcastOptions,
  type PrivateSessionId,
  type RestoredSession,
  type Room,
  type SerializedBroadcastOptions,
  type Session,
  type SocketDetails,
  type SocketId,
  serializeBroadcastOptions,
} from "./io/adapter-types.js";
export type { AnyListener } from "./io/any-listeners.js";
export { deliverToAll, prepareBroadcast } from "./io/broadcast-delivery.js";
export { type BroadcastAckCallback, collectAcks } from "./io/broadcast-emit.js";
export { type BroadcastAckResult, BroadcastOperator } from "./io/broadcast-operator.js";
export {
  type DisconnectReason,
  MiddlewareError,
  RECOVERABLE_DISCONNECT_REASONS,
} from "./io/errors.js";
export type { Handshake } from "./io/handshake.js";
export { InMemoryAdapter } from "./io/in-memory-adapter.js";
export type { LimitExceeded, LimitOutcome } from "./io/limits/limit-exceeded.js";
export {
  type ConnectionRateOptions,
  type ConsumeLimiter,
  DEFAULT_LIMITS,
  type LimitAction,
  type LimitName,
  type LimitRule,
  type LimitsOptions,
  type RateLimitedAnswer,
  type RateLimitOptions,
  type RuleSocket,
} from "./io/limits/options.js";
export { Namespace } from "./io/namespace.js";
export type {
  Middleware,
  NamespaceOptions,
  NamespaceReservedEvents,
} from "./io/namespace-types.js";
export {
  type AllowRequestCallback,
  DEFAULTS,
  IO_OPTION_CHECKS,
  type IoOptions,
  type IoOwnOptions,
  resolveServerOptions,
  type ServerOptions,
  type TypedServerOptions,
} from "./io/options.js";
export { type NamespaceMatcher, ParentNamespace } from "./io/parent-namespace.js";
export {
  deliverPrepared,
  expectAck,
  forgetAck,
  type PreparedBroadcast,
  type Recipient,
} from "./io/recipient.js";
export { RemoteSocket } from "./io/remote-socket.js";
export { Server } from "./io/server.js";
export type { InvalidEvent, ServerReservedEvents } from "./io/server-events.js";
export { Socket } from "./io/socket.js";
export type { PacketMiddleware, SocketReservedEvents } from "./io/socket-events.js";
export type { Logger, LogScope } from "./logger.js";
