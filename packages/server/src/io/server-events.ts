/**
 * The events a Server emits locally and the names and listener types `io.on` takes: the
 * server's own (`new_namespace`, `error`), the main namespace's (`connection`) and server-side
 * events. Types only, apart from server.ts so that file reads as behaviour.
 */
import type {
  ContractIssue,
  EventsMap,
  InvalidArgumentsAnswer,
  ReservedOrUserEventNames,
  ReservedOrUserListener,
} from "@volley/protocol";
import type { LimitExceeded } from "./limits/limit-exceeded.js";
import type { Namespace } from "./namespace.js";
import type { NamespaceReservedEvents } from "./namespace-types.js";
import type { Socket } from "./socket.js";

/** Events the Server emits locally (`connection`/`connect` are the main namespace's). */
export interface ServerReservedEvents<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  ServerSideEvents extends EventsMap,
  SocketData,
> extends NamespaceReservedEvents<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
  /** A namespace was created (by `io.of(name)` or dynamically). */
  new_namespace: (nsp: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void;
  /**
   * A user handler threw or rejected (event listener, ack callback, middleware after `next`,
   * connection listener). Without a listener the error is logged with console.error.
   */
  error: (
    err: Error,
    socket?: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  ) => void;
  /**
   * The limits took an action (dropped an event, disconnected a client, refused a handshake, a
   * CONNECT or a join). For metrics and logs; see the `limits` option.
   */
  limit_exceeded: (
    info: LimitExceeded<Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>,
  ) => void;
  /**
   * The event contract (`events` option) refused an event: it never reached a handler, and the
   * client's ack (if it asked for one) was answered with `{ error, issues }`. For logs and metrics.
   */
  invalid_event: (
    refused: InvalidEvent<Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>,
  ) => void;
}

/** What `io.on("invalid_event")` receives: an event the contract refused. */
export interface InvalidEvent<Sock> {
  /** The socket that sent it. */
  socket: Sock;
  /** The event name as the client sent it. */
  event: string;
  /** `invalid_arguments`, or `unknown_event` (with `rejectUnknownEvents`). */
  error: InvalidArgumentsAnswer["error"];
  /** Where and what (argument index first), as answered to the client. */
  issues: ContractIssue[];
}

/** The events `io.on` takes: the server's own, the main namespace's, and server-side ones. */
export type ServerEventName<
  L extends EventsMap,
  E extends EventsMap,
  S extends EventsMap,
  D,
> = ReservedOrUserEventNames<ServerReservedEvents<L, E, S, D>, S>;

/** The listener type of a {@link ServerEventName}. */
export type ServerListener<
  L extends EventsMap,
  E extends EventsMap,
  S extends EventsMap,
  D,
  Ev extends string,
> = ReservedOrUserListener<ServerReservedEvents<L, E, S, D>, S, Ev>;
