/**
 * @volley/server: a Socket.IO v5 server with typed events. Port a Socket.IO server by changing
 * the import: `import { Server } from "@volley/server"`. The engine layer is available on its
 * own as `@volley/server/engine`.
 */
export {
  createHttpServer,
  type EngineCloseReason,
  type EngineConnectionError,
  type EngineOptions,
  EngineServer,
  EngineSession,
} from "./engine/index.js";
export {
  type Adapter,
  type AdapterEvents,
  type BroadcastFlags,
  type BroadcastOptions,
  deserializeBroadcastOptions,
  type PrivateSessionId,
  type RestoredSession,
  type Room,
  type SerializedBroadcastOptions,
  type Session,
  type SocketDetails,
  type SocketId,
  serializeBroadcastOptions,
} from "./io/adapter.js";
export type { AnyListener } from "./io/any-listeners.js";
export { type BroadcastAckResult, BroadcastOperator } from "./io/broadcast-operator.js";
export {
  AckTimeoutError,
  type DisconnectReason,
  MiddlewareError,
  RECOVERABLE_DISCONNECT_REASONS,
  SocketDisconnectedError,
} from "./io/errors.js";
export type { Handshake } from "./io/handshake.js";
export { InMemoryAdapter } from "./io/in-memory-adapter.js";
export { type Middleware, Namespace, type NamespaceReservedEvents } from "./io/namespace.js";
export {
  type AdapterFactory,
  type AllowRequestCallback,
  type ConnectionStateRecoveryOptions,
  DEFAULTS,
  type ServerOptions,
} from "./io/options.js";
export { type NamespaceMatcher, ParentNamespace } from "./io/parent-namespace.js";
export { RemoteSocket } from "./io/remote-socket.js";
export { Server, type ServerReservedEvents } from "./io/server.js";
export {
  type PacketMiddleware,
  Socket,
  type SocketReservedEvents,
} from "./io/socket.js";
export type {
  AckResult,
  DecorateAcknowledgements,
  DecorateAcknowledgementsWithMultipleResponses,
  DefaultEventsMap,
  DefaultSocketData,
  EventNames,
  EventNamesWithAck,
  EventParams,
  EventsMap,
} from "./io/typed-events.js";
