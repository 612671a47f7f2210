/**
 * The in-memory adapter's `sids` (socket id -> its rooms), compact for the common case.
 *
 * Why: almost every socket is in its own room plus at most one other, and a `Set` with its
 * hash table costs about 120 B per connection for that. Here the stored value is the room name
 * alone while it can be: the socket's own id means "in its own room only", another string `r`
 * means "in its own room, then `r`" (in that order), and anything else is a `Set` as before.
 * To socket.io code it is still a `Map<SocketId, Set<Room>>`: `get` and iteration hand out a
 * fresh `Set` for a compact entry (never stored; mutating it changes nothing, so change rooms
 * through the adapter, as with socket.io's adapter). `has`, `keys`, `size` and `delete` are
 * the Map's own.
 *
 * Membership changes go through `add` and `remove`, which keep the compact form.
 */
import type { Room, SocketId } from "./adapter-types.js";

/** A stored value: a room name in the compact form, else the rooms themselves. */
type Stored = Room | Set<Room>;

export class SidRooms extends Map<SocketId, Set<Room>> {
  /** Whether socket `id` is in `room`, without building a Set. */
  contains(id: SocketId, room: Room): boolean {
    const stored = this.stored(id);
    if (stored === undefined) return false;
    if (typeof stored === "string") return room === id || room === stored;
    return stored.has(room);
  }

  /** Records that `id` has no rooms yet, unless it is known. */
  ensure(id: SocketId): void {
    if (!super.has(id)) super.set(id, new Set());
  }

  /** Adds `room` to the rooms of `id` (created when unknown); false when already there. */
  add(id: SocketId, room: Room): boolean {
    const stored = this.stored(id);
    if (stored === undefined) {
      this.store(id, room === id ? id : new Set([room]));
      return true;
    }
    if (typeof stored === "string") {
      if (room === id || room === stored) return false;
      this.store(id, stored === id ? room : new Set([id, stored, room]));
      return true;
    }
    if (stored.has(room)) return false;
    // the first room of an empty entry being the own room: compact from here on
    if (stored.size === 0 && room === id) this.store(id, id);
    else stored.add(room);
    return true;
  }

  /** Removes `room` from the rooms of `id`; false when it was not there. */
  remove(id: SocketId, room: Room): boolean {
    const stored = this.stored(id);
    if (stored === undefined) return false;
    if (typeof stored !== "string") return stored.delete(room);
    if (stored === id) {
      if (room !== id) return false;
      this.store(id, new Set());
    } else if (room === id) this.store(id, new Set([stored]));
    else if (room === stored) this.store(id, id);
    else return false;
    return true;
  }

  /** The rooms of `id` as an array (a snapshot: callers may change rooms while iterating). */
  list(id: SocketId): Room[] {
    const stored = this.stored(id);
    if (stored === undefined) return [];
    if (typeof stored !== "string") return [...stored];
    return stored === id ? [id] : [id, stored];
  }

  /** The ids of the sockets that are in their own room. */
  *inOwnRoom(): Generator<SocketId> {
    for (const [id, stored] of super.entries() as MapIterator<[SocketId, Stored]>) {
      if (typeof stored === "string" || stored.has(id)) yield id;
    }
  }

  override get(id: SocketId): Set<Room> | undefined {
    const stored = this.stored(id);
    return stored === undefined ? undefined : expand(id, stored);
  }

  override *entries(): MapIterator<[SocketId, Set<Room>]> {
    for (const [id, stored] of super.entries() as MapIterator<[SocketId, Stored]>) {
      yield [id, expand(id, stored)];
    }
  }

  override [Symbol.iterator](): MapIterator<[SocketId, Set<Room>]> {
    return this.entries();
  }

  override *values(): MapIterator<Set<Room>> {
    for (const [, rooms] of this.entries()) yield rooms;
  }

  override forEach(
    callback: (rooms: Set<Room>, id: SocketId, map: Map<SocketId, Set<Room>>) => void,
    thisArg?: unknown,
  ): void {
    for (const [id, rooms] of this.entries()) callback.call(thisArg, rooms, id, this);
  }

  private stored(id: SocketId): Stored | undefined {
    return super.get(id) as Stored | undefined;
  }

  private store(id: SocketId, value: Stored): void {
    super.set(id, value as Set<Room>);
  }
}

function expand(id: SocketId, stored: Stored): Set<Room> {
  if (typeof stored !== "string") return stored;
  return stored === id ? new Set([id]) : new Set([id, stored]);
}
