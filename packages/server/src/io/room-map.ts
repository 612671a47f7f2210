/**
 * The in-memory adapter's `rooms` (room -> socket ids), with every socket's own room implicit.
 *
 * Why: each socket joins the room named after its id, so storing those rooms costs one Map
 * entry and one single-member Set per connection (about 0.2 KB of every idle one) for what
 * the socket -> rooms index (`sids`) already says. Here a socket's own room is not stored
 * while the socket is its only member: it is read from `sids` (socket `id` is in room `id`
 * when `sids.contains(id, id)`). To socket.io code it is still an ordinary `Map`: `get`, `has`,
 * `size` and iteration include the own rooms (as a fresh `Set {id}` each time, never stored;
 * do not mutate what `get` returns, as with socket.io's adapter). When another socket joins a
 * socket's own room, that room is stored like any other from then on.
 *
 * Membership changes go through `join` and `leave` (the adapter calls them before it updates
 * `sids`); `set`, `delete` and `clear` from outside act on stored rooms only.
 */
import type { Room, SocketId } from "./adapter-types.js";
import type { SidRooms } from "./sid-rooms.js";

/** What {@link RoomMap.leave} did: not a member, left, or left and the room is gone. */
export type LeaveResult = 0 | 1 | 2;

export class RoomMap extends Map<Room, Set<SocketId>> {
  /** Own rooms that are not stored (their socket is their only member). */
  private implicit = 0;
  private readonly sids: SidRooms;

  constructor(sids: SidRooms) {
    super();
    this.sids = sids;
  }

  /** Whether `room` is a socket's own room held implicitly. */
  isImplicit(room: Room): boolean {
    return this.sids.contains(room as SocketId, room) && !super.has(room);
  }

  /** The stored members of `room` (undefined for an implicit own room or no room). */
  stored(room: Room): Set<SocketId> | undefined {
    return super.get(room);
  }

  /**
   * Adds `id` to `room`, which `id` is not in yet (`sids` not updated yet); returns whether
   * the room is new.
   */
  join(room: Room, id: SocketId): boolean {
    const members = super.get(room);
    if (members !== undefined) {
      members.add(id);
      return false;
    }
    if (room === id) {
      this.implicit++;
      return true;
    }
    if (this.isImplicit(room)) {
      // another socket joins a socket's own room: store it from now on
      this.implicit--;
      super.set(room, new Set([room as SocketId, id]));
      return false;
    }
    super.set(room, new Set([id]));
    return true;
  }

  /** Removes `id` from `room` (`sids` not updated yet). */
  leave(room: Room, id: SocketId): LeaveResult {
    const members = super.get(room);
    if (members === undefined) {
      if (room !== id || !this.isImplicit(room)) return 0;
      this.implicit--;
      return 2;
    }
    if (!members.delete(id)) return 0;
    if (members.size > 0) return 1;
    super.delete(room);
    return 2;
  }

  override get size(): number {
    return super.size + this.implicit;
  }

  override get(room: Room): Set<SocketId> | undefined {
    const members = super.get(room);
    if (members !== undefined) return members;
    return this.isImplicit(room) ? new Set([room as SocketId]) : undefined;
  }

  override has(room: Room): boolean {
    return super.has(room) || this.isImplicit(room);
  }

  override set(room: Room, members: Set<SocketId>): this {
    if (this.isImplicit(room)) this.implicit--;
    return super.set(room, members);
  }

  override *entries(): MapIterator<[Room, Set<SocketId>]> {
    yield* super.entries();
    if (this.implicit === 0) return;
    for (const id of this.sids.inOwnRoom()) {
      if (!super.has(id)) yield [id, new Set([id])];
    }
  }

  override [Symbol.iterator](): MapIterator<[Room, Set<SocketId>]> {
    return this.entries();
  }

  override *keys(): MapIterator<Room> {
    for (const [room] of this.entries()) yield room;
  }

  override *values(): MapIterator<Set<SocketId>> {
    for (const [, members] of this.entries()) yield members;
  }

  override forEach(
    callback: (members: Set<SocketId>, room: Room, map: Map<Room, Set<SocketId>>) => void,
    thisArg?: unknown,
  ): void {
    for (const [room, members] of this.entries()) callback.call(thisArg, members, room, this);
  }
}
