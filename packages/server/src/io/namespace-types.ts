/**
 * The types around a Namespace: its connection middlewares, the events it emits locally and how
 * the registry builds one. Apart from namespace.ts so the types read on their own and the
 * server's event types can name them without importing the class's file.
 */
import type { DefaultEventsMap, DefaultSocketData, EventsMap } from "@volley/protocol";
import type { AdapterFactory } from "./adapter.js";
import type { IoClasses } from "./class-registry.js";
import type { Socket } from "./socket.js";

/** Connection middleware: call `next()` to accept, `next(err)` to refuse (err.data reaches the client). */
export type Middleware<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = DefaultEventsMap,
  ServerSideEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> = (
  socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  next: (err?: Error & { data?: unknown }) => void,
) => void;

/** Events a Namespace emits locally. */
export interface NamespaceReservedEvents<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  ServerSideEvents extends EventsMap,
  SocketData,
> {
  connect: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void;
  connection: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void;
}

/** How a namespace is built (by the registry). */
export interface NamespaceOptions {
  /** A dynamic child: copy this parent's middlewares and connection listeners. */
  inheritFrom?: IoClasses<
    DefaultEventsMap,
    DefaultEventsMap,
    DefaultEventsMap,
    DefaultSocketData
  >["namespace"];
  /** Called when the last socket left (cleanupEmptyChildNamespaces). */
  onEmpty?: () => void;
  /** An adapter of its own instead of the server's `adapter` option (parent namespaces). */
  adapter?: AdapterFactory;
}
