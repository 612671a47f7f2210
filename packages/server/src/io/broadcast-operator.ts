/**
 * A chainable, immutable description of "who receives this" (rooms, exceptions, flags) that
 * ends in an emit, an emit with acknowledgements gathered from every recipient, or a bulk
 * operation (fetchSockets, socketsJoin, socketsLeave, disconnectSockets) run by the adapter.
 */
import { type Packet, PacketType } from "@volley/protocol";
import type { Adapter, BroadcastFlags, BroadcastOptions, Room } from "./adapter.js";
import { AckTimeoutError } from "./errors.js";
import { RemoteSocket } from "./remote-socket.js";
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
} from "./typed-events.js";

const RESERVED_EMIT = new Set([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);

/** What `emitWithAck` on a broadcast resolves with: every recipient's first ack argument. */
export type BroadcastAckResult<
  Map extends EventsMap,
  Ev extends EventNames<Map>,
> = FirstNonErrorArg<Last<EventParams<Map, Ev>>>[];

type AckCallback = (err: Error | null, responses: unknown[]) => void;

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
    if (RESERVED_EMIT.has(ev)) throw new Error(`"${ev}" is a reserved event name`);
    const data: unknown[] = [ev, ...args];
    const packet: Packet = { type: PacketType.EVENT, nsp: this.nsp, data };
    const last = data[data.length - 1];
    if (typeof last !== "function") {
      this.adapter.broadcast(packet, this.options);
      return true;
    }
    data.pop();
    this.emitWithAcks(packet, last as AckCallback);
    return true;
  }

  private get nsp(): string {
    return this.adapter.nsp.name;
  }

  private emitWithAcks(packet: Packet, ack: AckCallback): void {
    const responses: unknown[] = [];
    let done = false;
    let expectedServers = -1;
    let servers = 0;
    let expectedClients = 0;
    const timer =
      this.flags.timeout === undefined
        ? undefined
        : setTimeout(() => {
            done = true;
            ack(new AckTimeoutError("operation has timed out", responses.slice()), responses);
          }, this.flags.timeout);
    const check = (): void => {
      if (!done && expectedServers === servers && responses.length === expectedClients) {
        done = true;
        if (timer) clearTimeout(timer);
        ack(null, responses);
      }
    };
    this.adapter.broadcastWithAck(
      packet,
      this.options,
      (clientCount) => {
        expectedClients += clientCount;
        servers++;
        check();
      },
      (response) => {
        if (done) return;
        responses.push(response);
        check();
      },
    );
    this.adapter.serverCount().then(
      (count) => {
        expectedServers = count;
        check();
      },
      (err: unknown) => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        ack(err instanceof Error ? err : new Error(String(err)), responses);
      },
    );
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
    return new Promise((resolve, reject) => {
      const ack: AckCallback = (err, responses) =>
        err ? reject(err) : resolve(responses as BroadcastAckResult<EmitEvents, Ev>);
      (this.emit as (ev: string, ...args: unknown[]) => boolean)(ev, ...args, ack);
    });
  }

  /** The matching sockets, on every node. */
  async fetchSockets(): Promise<RemoteSocket<EmitEvents, SocketData>[]> {
    const sockets = await this.adapter.fetchSockets(this.options);
    return sockets.map(
      (details) => new RemoteSocket<EmitEvents, SocketData>(this.adapter, details),
    );
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
