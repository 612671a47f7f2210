/**
 * What `fetchSockets()` returns: a serialisable view of a socket that may live on another node
 * (id, handshake, rooms, data) with the operations that route through the adapter.
 */
import type { Adapter, Room, SocketDetails, SocketId } from "./adapter.js";
import { BroadcastOperator } from "./broadcast-operator.js";
import type { Handshake } from "./handshake.js";
import type {
  DecorateAcknowledgementsWithMultipleResponses,
  DefaultEventsMap,
  DefaultSocketData,
  EventNames,
  EventParams,
  EventsMap,
} from "./typed-events.js";

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
  private readonly operator: BroadcastOperator<EmitEvents, SocketData>;

  constructor(
    private readonly adapter: Adapter,
    details: SocketDetails,
  ) {
    this.id = details.id;
    this.handshake = details.handshake;
    this.rooms = new Set(details.rooms);
    this.data = details.data as SocketData;
    this.operator = new BroadcastOperator(adapter, new Set([this.id]));
  }

  /** Emits to this socket (acks get `(err, responses)` as with any broadcast). */
  emit<Ev extends EventNames<EmitEvents>>(
    ev: Ev,
    ...args: EventParams<DecorateAcknowledgementsWithMultipleResponses<EmitEvents>, Ev>
  ): boolean {
    return this.operator.emit(ev, ...args);
  }

  /** Acknowledgements must arrive within `ms`. */
  timeout(ms: number): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator.timeout(ms);
  }

  /** Joins rooms. */
  join(room: Room | Room[]): void {
    this.adapter.addSockets(this.selector, Array.isArray(room) ? room : [room]);
  }

  /** Leaves rooms. */
  leave(room: Room | Room[]): void {
    this.adapter.delSockets(this.selector, Array.isArray(room) ? room : [room]);
  }

  /** Disconnects this socket (closing its session when `close`). */
  disconnect(close = false): this {
    this.adapter.disconnectSockets(this.selector, close);
    return this;
  }

  private get selector() {
    return { rooms: new Set([this.id]), except: new Set<Room>(), flags: {} };
  }
}
