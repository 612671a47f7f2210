/**
 * The broadcast API a Namespace and the Server share (`nsp.to(room).emit`, `io.emit`,
 * `io.fetchSockets()`, …): each method starts a BroadcastOperator that targets every socket of
 * the namespace (the main namespace for the Server) and applies one step to it. Written once
 * here instead of twice as delegations.
 */
import type {
  AllButLast,
  DecorateAcknowledgementsWithMultipleResponses,
  EventNames,
  EventNamesWithAck,
  EventParams,
  EventsMap,
} from "@volley/protocol";
import type { Room, SocketId } from "./adapter-types.js";
import type { BroadcastAckResult, BroadcastOperator } from "./broadcast-operator.js";
import type { RemoteSocket } from "./remote-socket.js";
import { TypedEmitter } from "./typed-events.js";

/** Broadcast methods over every socket of a namespace. */
export abstract class BroadcastApi<
  ListenEvents extends EventsMap,
  ReservedEvents extends EventsMap,
  EmitEvents extends EventsMap,
  SocketData,
> extends TypedEmitter<ListenEvents, ReservedEvents> {
  /** A fresh operator targeting every socket of the namespace. */
  protected abstract operator(): BroadcastOperator<EmitEvents, SocketData>;

  /** Targets a room. */
  to(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().to(room);
  }

  /** Alias of to. */
  in(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().in(room);
  }

  /** Leaves out a room. */
  except(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().except(room);
  }

  /** Emits to every socket of the namespace. */
  emit<Ev extends EventNames<EmitEvents>>(
    ev: Ev,
    ...args: EventParams<DecorateAcknowledgementsWithMultipleResponses<EmitEvents>, Ev>
  ): boolean {
    return this.operator().emit(ev, ...args);
  }

  /** Emits to every socket and resolves with their acknowledgements. */
  emitWithAck<Ev extends EventNamesWithAck<EmitEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<EmitEvents, Ev>>
  ): Promise<BroadcastAckResult<EmitEvents, Ev>> {
    return this.operator().emitWithAck(ev, ...args);
  }

  /** Sends a `message` event to every socket. */
  send(...args: unknown[]): this {
    (this.operator().emit as (ev: string, ...args: unknown[]) => boolean)("message", ...args);
    return this;
  }

  /** Alias of send. */
  write(...args: unknown[]): this {
    return this.send(...args);
  }

  /** Compression flag of the next broadcast. */
  compress(compress: boolean): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().compress(compress);
  }

  /** The next broadcast may be dropped for clients that cannot take it now. */
  get volatile(): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().volatile;
  }

  /** The next broadcast reaches this node's sockets only. */
  get local(): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().local;
  }

  /** Acknowledgements of the next broadcast must arrive within `ms`. */
  timeout(ms: number): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().timeout(ms);
  }

  /** Every socket of the namespace, on every node. */
  fetchSockets(): Promise<RemoteSocket<EmitEvents, SocketData>[]> {
    return this.operator().fetchSockets();
  }

  /** The ids of every socket of the namespace, on every node (socket.io's `allSockets()`). */
  allSockets(): Promise<Set<SocketId>> {
    return this.operator().allSockets();
  }

  /** Makes every socket join rooms. */
  socketsJoin(room: Room | Room[]): void {
    this.operator().socketsJoin(room);
  }

  /** Makes every socket leave rooms. */
  socketsLeave(room: Room | Room[]): void {
    this.operator().socketsLeave(room);
  }

  /** Disconnects every socket. */
  disconnectSockets(close = false): void {
    this.operator().disconnectSockets(close);
  }
}
