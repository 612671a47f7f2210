/**
 * What `fetchSockets()` returns: a serialisable view of a socket that may live on another node
 * (id, handshake, rooms, data) with the operations that route through the adapter.
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
import type {
  BroadcastFlags,
  BroadcastOptions,
  Room,
  SocketDetails,
  SocketId,
} from "./adapter-types.js";
import { broadcastEvent, emitWithAckPromise } from "./broadcast-emit.js";
import type { Handshake } from "./handshake.js";

/**
 * A socket found by fetchSockets, local or remote.
 * @example for (const s of await io.in("room").fetchSockets()) s.emit("hi", s.data);
 */
export class RemoteSocket<
  EmitEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> {
  readonly id: SocketId;
  readonly handshake: Handshake;
  readonly rooms: Set<Room>;
  readonly data: SocketData;

  constructor(
    private readonly adapter: Adapter,
    details: SocketDetails,
    private readonly flags: BroadcastFlags = {},
  ) {
    this.id = details.id;
    this.handshake = details.handshake;
    this.rooms = new Set(details.rooms);
    this.data = details.data as SocketData;
  }

  /** Emits to this socket (acks get `(err, responses)` as with any broadcast). */
  emit<Ev extends EventNames<EmitEvents>>(
    ev: Ev,
    ...args: EventParams<DecorateAcknowledgementsWithMultipleResponses<EmitEvents>, Ev>
  ): boolean {
    broadcastEvent(this.adapter, this.target(this.flags), ev, args);
    return true;
  }

  /** Emits and resolves with the socket's response (in a one-element list, as any broadcast). */
  emitWithAck<Ev extends EventNamesWithAck<EmitEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<EmitEvents, Ev>>
  ): Promise<FirstNonErrorArg<Last<EventParams<EmitEvents, Ev>>>[]> {
    const target = this.target(this.flags);
    return emitWithAckPromise((e, ...a) => broadcastEvent(this.adapter, target, e, a), ev, args);
  }

  /** Acknowledgements of the next emit must arrive within `ms`. */
  timeout(ms: number): RemoteSocket<EmitEvents, SocketData> {
    const details = { id: this.id, handshake: this.handshake, rooms: this.rooms, data: this.data };
    return new RemoteSocket(this.adapter, details, { ...this.flags, timeout: ms });
  }

  /** Joins rooms. */
  join(room: Room | Room[]): void {
    this.adapter.addSockets(this.target(), Array.isArray(room) ? room : [room]);
  }

  /** Leaves rooms. */
  leave(room: Room | Room[]): void {
    this.adapter.delSockets(this.target(), Array.isArray(room) ? room : [room]);
  }

  /** Disconnects this socket (closing its session when `close`). */
  disconnect(close = false): this {
    this.adapter.disconnectSockets(this.target(), close);
    return this;
  }

  private target(flags: BroadcastFlags = {}): BroadcastOptions {
    return { rooms: new Set([this.id]), except: new Set<Room>(), flags };
  }
}
