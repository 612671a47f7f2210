/**
 * A chainable, immutable description of "who receives this" (rooms, exceptions, flags) that
 * ends in an emit, an emit with acknowledgements gathered from every recipient, or a bulk
 * operation (fetchSockets, socketsJoin, socketsLeave, disconnectSockets) run by the adapter.
 */
import type {
  AllButLast,
  DecorateAcknowledgementsWithMultipleResponses,
  DefaultEventsMap,
  DefaultSocketData,
  EventNames,
  EventNamesWithAck,
  EventParams,
  EventsMap,
  FirstNonErrorArg,
  Last,
} from "@volley/protocol";
import type { Adapter } from "./adapter.js";
import type { BroadcastFlags, BroadcastOptions, Room, SocketId } from "./adapter-types.js";
import { broadcastEvent, emitWithAckPromise } from "./broadcast-emit.js";
import { RemoteSocket } from "./remote-socket.js";

/** What `emitWithAck` on a broadcast resolves with: every recipient's first ack argument. */
export type BroadcastAckResult<
  Map extends EventsMap,
  Ev extends EventNames<Map>,
> = FirstNonErrorArg<Last<EventParams<Map, Ev>>>[];

/**
 * Targets of a broadcast.
 * @example io.to("room1").to("room2").except("banned").volatile.emit("tick", 42);
 */
export class BroadcastOperator<
  EmitEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> {
  constructor(
    private readonly adapter: Adapter,
    private readonly rooms: Set<Room> = new Set(),
    private readonly exceptRooms: Set<Room> = new Set(),
    private readonly flags: BroadcastFlags = {},
  ) {}

  /** Targets the sockets of `room` too (several calls add rooms; recipients are de-duplicated). */
  to(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    const rooms = new Set(this.rooms);
    for (const r of Array.isArray(room) ? room : [room]) rooms.add(r);
    return new BroadcastOperator(this.adapter, rooms, this.exceptRooms, this.flags);
  }

  /** Alias of to. */
  in(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.to(room);
  }

  /** Leaves out the sockets of `room`. */
  except(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    const exceptRooms = new Set(this.exceptRooms);
    for (const r of Array.isArray(room) ? room : [room]) exceptRooms.add(r);
    return new BroadcastOperator(this.adapter, this.rooms, exceptRooms, this.flags);
  }

  /** Whether to compress. */
  compress(compress: boolean): BroadcastOperator<EmitEvents, SocketData> {
    return this.withFlags({ compress });
  }

  /** Drop the packet for recipients that cannot take it now. */
  get volatile(): BroadcastOperator<EmitEvents, SocketData> {
    return this.withFlags({ volatile: true });
  }

  /** Only this node's sockets. */
  get local(): BroadcastOperator<EmitEvents, SocketData> {
    return this.withFlags({ local: true });
  }

  /** Acknowledgements must all arrive within `ms`, else the callback gets an error. */
  timeout(ms: number): BroadcastOperator<EmitEvents, SocketData> {
    return this.withFlags({ timeout: ms });
  }

  private withFlags(flags: BroadcastFlags): BroadcastOperator<EmitEvents, SocketData> {
    return new BroadcastOperator(this.adapter, this.rooms, this.exceptRooms, {
      ...this.flags,
      ...flags,
    });
  }

  private get options(): BroadcastOptions {
    return { rooms: this.rooms, except: this.exceptRooms, flags: this.flags };
  }

  /**
   * Emits to every target. With a function as last argument, it receives `(err, responses)`
   * once every recipient acknowledged (or the timeout passed: `err` then holds the partial list).
   */
  emit<Ev extends EventNames<EmitEvents>>(
    ev: Ev,
    ...args: EventParams<DecorateAcknowledgementsWithMultipleResponses<EmitEvents>, Ev>
  ): boolean {
    broadcastEvent(this.adapter, this.options, ev, args);
    return true;
  }

  /**
   * Emits and resolves with every recipient's response; rejects with an AckTimeoutError
   * (whose `responses` holds the partial list) on timeout.
   * @example const replies = await io.timeout(1000).emitWithAck("ready?");
   */
  emitWithAck<Ev extends EventNamesWithAck<EmitEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<EmitEvents, Ev>>
  ): Promise<BroadcastAckResult<EmitEvents, Ev>> {
    return emitWithAckPromise(
      (e, ...a) => broadcastEvent(this.adapter, this.options, e, a),
      ev,
      args,
    );
  }

  /** The matching sockets, on every node. */
  async fetchSockets(): Promise<RemoteSocket<EmitEvents, SocketData>[]> {
    const sockets = await this.adapter.fetchSockets(this.options);
    return sockets.map(
      (details) => new RemoteSocket<EmitEvents, SocketData>(this.adapter, details),
    );
  }

  /**
   * The ids of the matching sockets, on every node: socket.io's older `allSockets()`, kept for
   * code ported from it (`fetchSockets()` gives the sockets themselves).
   */
  async allSockets(): Promise<Set<SocketId>> {
    const sockets = await this.adapter.fetchSockets(this.options);
    return new Set(sockets.map((details) => details.id));
  }

  /** Makes the matching sockets join rooms. */
  socketsJoin(room: Room | Room[]): void {
    this.adapter.addSockets(this.options, Array.isArray(room) ? room : [room]);
  }

  /** Makes the matching sockets leave rooms. */
  socketsLeave(room: Room | Room[]): void {
    this.adapter.delSockets(this.options, Array.isArray(room) ? room : [room]);
  }

  /** Disconnects the matching sockets (and closes their sessions when `close`). */
  disconnectSockets(close = false): void {
    this.adapter.disconnectSockets(this.options, close);
  }
}
