/**
 * The default adapter: one process, rooms indexed both ways (room -> sockets, socket -> rooms),
 * each broadcast encoded once and the same frames written to every recipient. With connection
 * state recovery on, it also keeps sessions and recent packets (see recovery.ts).
 */
import { EventEmitter } from "node:events";
import { type Packet, PacketType } from "@volley/protocol";
import type { Adapter } from "./adapter.js";
import type { AdapterHost } from "./adapter-host.js";
import type {
  AdapterEvents,
  BroadcastOptions,
  PrivateSessionId,
  RestoredSession,
  Room,
  Session,
  SocketDetails,
  SocketId,
} from "./adapter-types.js";
import { deliverToAll, prepareBroadcast } from "./broadcast-delivery.js";
import { expectAck, forgetAck, type PreparedBroadcast, type Recipient } from "./recipient.js";
import { newOffset, RecoveryStore } from "./recovery.js";
import { RoomMap } from "./room-map.js";
import { SidRooms } from "./sid-rooms.js";

/** Adds the socket `id` to `found` unless excluded or already `seen`. */
function collect(
  id: SocketId,
  excluded: Set<SocketId> | undefined,
  seen: Set<SocketId> | undefined,
  sockets: ReadonlyMap<SocketId, Recipient>,
  found: Recipient[],
): void {
  if (excluded?.has(id)) return;
  if (seen) {
    if (seen.has(id)) return;
    seen.add(id);
  }
  const socket = sockets.get(id);
  if (socket) found.push(socket);
}

/** How often expired recovery sessions and packets are dropped. */
const RECOVERY_SWEEP_INTERVAL = 60_000;

/**
 * In-memory adapter for a single process.
 * @example new Server(httpServer, { adapter: (nsp) => new InMemoryAdapter(nsp) });
 */
export class InMemoryAdapter extends EventEmitter<AdapterEvents> implements Adapter {
  /** Socket -> rooms; compact while a socket is in its own room and one other (sid-rooms.ts). */
  readonly sids: SidRooms = new SidRooms();
  /** Room -> sockets; each socket's own room is implicit while it is alone in it (room-map.ts). */
  readonly rooms: RoomMap = new RoomMap(this.sids);
  private readonly recovery: RecoveryStore | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(readonly nsp: AdapterHost) {
    super();
    const recovery = nsp.recovery;
    if (recovery) {
      this.recovery = new RecoveryStore(recovery.maxDisconnectionDuration, recovery.maxPackets);
    }
  }

  init(): void {
    if (this.recovery && !this.sweepTimer) {
      const recovery = this.recovery;
      this.sweepTimer = setInterval(() => recovery.sweep(), RECOVERY_SWEEP_INTERVAL);
      this.sweepTimer.unref();
    }
  }

  close(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  serverCount(): Promise<number> {
    return Promise.resolve(1);
  }

  addAll(id: SocketId, rooms: Set<Room>): void {
    if (rooms.size === 0) this.sids.ensure(id);
    for (const room of rooms) {
      if (this.sids.contains(id, room)) continue; // the two indexes agree: already a member
      const created = this.rooms.join(room, id);
      this.sids.add(id, room);
      if (created) this.notify("create-room", room);
      this.notify("join-room", room, id);
    }
  }

  del(id: SocketId, room: Room): void {
    if (!this.sids.contains(id, room)) return;
    this.removeFromRoom(room, id);
    this.sids.remove(id, room);
  }

  delAll(id: SocketId): void {
    if (!this.sids.has(id)) return;
    for (const room of this.sids.list(id)) this.removeFromRoom(room, id);
    this.sids.delete(id);
  }

  /** Takes `id` out of `room` (before `sids` forgets it: an implicit own room reads `sids`). */
  private removeFromRoom(room: Room, id: SocketId): void {
    const left = this.rooms.leave(room, id);
    if (left === 0) return;
    this.notify("leave-room", room, id);
    if (left === 2) this.notify("delete-room", room);
  }

  /**
   * Emits a room event, only when listened (the admin UI and metrics listen; most servers do
   * not); a listener that throws cannot break the caller (join, disconnect…).
   */
  private notify<K extends keyof AdapterEvents>(event: K, ...args: AdapterEvents[K]): void {
    if (this.listenerCount(event) === 0) return;
    try {
      (this.emit as (event: K, ...args: AdapterEvents[K]) => boolean)(event, ...args);
    } catch (err) {
      this.nsp.reportError(err);
    }
  }

  socketRooms(id: SocketId): Set<Room> | undefined {
    return this.sids.get(id);
  }

  sockets(rooms: Set<Room>): Promise<Set<SocketId>> {
    const ids = new Set<SocketId>();
    for (const socket of this.recipients({ rooms, except: new Set(), flags: {} }))
      ids.add(socket.id);
    return Promise.resolve(ids);
  }

  broadcast(packet: Packet, opts: BroadcastOptions): void {
    if (
      this.recovery &&
      packet.type === PacketType.EVENT &&
      packet.id === undefined &&
      !opts.flags.volatile &&
      Array.isArray(packet.data)
    ) {
      const offset = newOffset();
      packet.data.push(offset);
      // encoded before it is stored: arguments that cannot be encoded (circular, BigInt) throw
      // to the app here, and never reach the recovery log, where a restore would replay them
      let prepared: PreparedBroadcast;
      try {
        prepared = prepareBroadcast(packet, opts.flags, this.nsp.encode);
      } catch (err) {
        packet.data.pop();
        throw err;
      }
      this.recovery.storePacket(offset, packet.data, opts);
      const recipients = this.recipients(opts);
      this.countFanOut(recipients.length);
      deliverToAll(prepared, recipients);
      return;
    }
    this.deliver(packet, opts);
  }

  /**
   * Writes a packet to the matching local sockets, encoded once, without the recovery
   * bookkeeping of `broadcast` (a cluster adapter that keeps its own recovery log calls this).
   */
  protected deliver(packet: Packet, opts: BroadcastOptions): void {
    // encoded once and framed once; the same bytes go to every recipient
    const recipients = this.recipients(opts);
    this.countFanOut(recipients.length);
    deliverToAll(prepareBroadcast(packet, opts.flags, this.nsp.encode), recipients);
  }

  /** Two integer adds on the server's counters (see ServerCounters: cheaper than an event). */
  private countFanOut(recipients: number): void {
    const counters = this.nsp.counters;
    if (counters === undefined) return;
    counters.broadcasts++;
    counters.broadcastRecipients += recipients;
  }

  broadcastWithAck(
    packet: Packet,
    opts: BroadcastOptions,
    onClientCount: (clientCount: number) => void,
    onAck: (response: unknown) => void,
  ): void {
    const id = this.nsp.nextAckId();
    packet.id = id;
    const recipients = this.recipients(opts);
    const ack = (...args: unknown[]): void => onAck(args[0]);
    for (const recipient of recipients) recipient[expectAck](id, ack);
    this.countFanOut(recipients.length);
    // the count before the packet: a cluster adapter announces it before any recipient can
    // answer (or see the packet), so a node that dies right after delivering is still waited for
    onClientCount(recipients.length);
    deliverToAll(prepareBroadcast(packet, opts.flags, this.nsp.encode), recipients);
    const timeout = opts.flags.timeout;
    if (timeout !== undefined && recipients.length > 0) {
      // forget the acks that never came, so ids cannot pile up
      const timer = setTimeout(() => {
        for (const recipient of recipients) recipient[forgetAck](id);
      }, timeout);
      timer.unref();
    }
  }

  fetchSockets(opts: BroadcastOptions): Promise<SocketDetails[]> {
    return Promise.resolve(this.recipients(opts));
  }

  addSockets(opts: BroadcastOptions, rooms: Room[]): void {
    for (const socket of this.recipients(opts)) void socket.join(rooms);
  }

  delSockets(opts: BroadcastOptions, rooms: Room[]): void {
    for (const socket of this.recipients(opts)) {
      for (const room of rooms) void socket.leave(room);
    }
  }

  disconnectSockets(opts: BroadcastOptions, close: boolean): void {
    for (const socket of this.recipients(opts)) socket.disconnect(close);
  }

  serverSideEmit(packet: unknown[]): void {
    // alone in the cluster: nobody to tell; an acknowledgement gets no responses
    const ack = packet[packet.length - 1];
    if (typeof ack === "function") process.nextTick(ack, null, []);
  }

  persistSession(session: Session): void {
    this.recovery?.persist(session);
  }

  restoreSession(pid: PrivateSessionId, offset: string): Promise<RestoredSession | null> {
    return Promise.resolve(this.recovery?.restore(pid, offset) ?? null);
  }

  /**
   * The matching local sockets, each once (a snapshot, so callers may change rooms while
   * iterating): in any of `rooms` (every socket when empty) and in none of `except`.
   */
  protected recipients(opts: BroadcastOptions): Recipient[] {
    const { rooms, except } = opts;
    const excluded = this.excludedSids(except);
    const sockets = this.nsp.sockets;
    const found: Recipient[] = [];
    if (rooms.size > 0) {
      const seen = rooms.size > 1 ? new Set<SocketId>() : undefined;
      for (const room of rooms) {
        const members = this.rooms.stored(room);
        if (members) {
          for (const id of members) collect(id, excluded, seen, sockets, found);
        } else if (this.rooms.isImplicit(room)) {
          collect(room as SocketId, excluded, seen, sockets, found);
        }
      }
    } else {
      for (const id of this.sids.keys()) collect(id, excluded, undefined, sockets, found);
    }
    return found;
  }

  private excludedSids(except: Set<Room>): Set<SocketId> | undefined {
    if (except.size === 0) return undefined;
    const ids = new Set<SocketId>();
    for (const room of except) {
      const members = this.rooms.stored(room);
      if (members) for (const id of members) ids.add(id);
      else if (this.rooms.isImplicit(room)) ids.add(room as SocketId);
    }
    return ids;
  }
}
