/**
 * The chat's rooms: which exist, who is in each (by socket, shown by nickname) and each room's
 * history. Indexed both ways (room -> sockets, socket -> rooms) so a disconnect is cheap. Pure
 * bookkeeping: the socket handlers in `chat-server.ts` mirror it into Volley rooms.
 */
import { CHAT_LIMITS, DEFAULT_ROOM, type RoomSummary } from "./events.js";
import { RoomHistory } from "./history.js";

export interface Room {
  readonly name: string;
  readonly history: RoomHistory;
  /** socket id -> nickname */
  readonly members: Map<string, string>;
  /** Last join, leave or message; the least recently active empty room is evicted first. */
  lastActive: number;
}

export interface RoomDirectoryOptions {
  maxRooms?: number;
  historySize?: number;
  now?: () => number;
}

export type EnsureResult =
  | { ok: true; room: Room; created: boolean }
  | { ok: false; reason: "limit" };

export class RoomDirectory {
  readonly #rooms = new Map<string, Room>();
  readonly #socketRooms = new Map<string, Set<string>>();
  readonly #maxRooms: number;
  readonly #historySize: number;
  readonly #now: () => number;

  constructor({
    maxRooms = CHAT_LIMITS.maxRooms,
    historySize = CHAT_LIMITS.historySize,
    now = Date.now,
  }: RoomDirectoryOptions = {}) {
    this.#maxRooms = maxRooms;
    this.#historySize = historySize;
    this.#now = now;
    this.ensure(DEFAULT_ROOM);
  }

  get(name: string): Room | undefined {
    return this.#rooms.get(name);
  }

  /**
   * Returns the room, creating it if needed. At the limit, the least recently active empty room
   * (never `general`) makes way; when every room is occupied, creation is refused.
   */
  ensure(name: string): EnsureResult {
    const existing = this.#rooms.get(name);
    if (existing) return { ok: true, room: existing, created: false };
    if (this.#rooms.size >= this.#maxRooms && !this.#evictOne())
      return { ok: false, reason: "limit" };
    const room: Room = {
      name,
      history: new RoomHistory(this.#historySize),
      members: new Map(),
      lastActive: this.#now(),
    };
    this.#rooms.set(name, room);
    return { ok: true, room, created: true };
  }

  /** Adds a socket to a room; `changed` is true when the nickname was not present before. */
  join(room: Room, socketId: string, nickname: string): { changed: boolean } {
    const changed = !this.#hasNickname(room, nickname);
    room.members.set(socketId, nickname);
    room.lastActive = this.#now();
    const rooms = this.#socketRooms.get(socketId) ?? new Set<string>();
    rooms.add(room.name);
    this.#socketRooms.set(socketId, rooms);
    return { changed };
  }

  /** Removes a socket from a room; `changed` is true when its nickname is no longer present. */
  leave(name: string, socketId: string): { changed: boolean } {
    const room = this.#rooms.get(name);
    const nickname = room?.members.get(socketId);
    if (!room || nickname === undefined) return { changed: false };
    room.members.delete(socketId);
    room.lastActive = this.#now();
    const rooms = this.#socketRooms.get(socketId);
    rooms?.delete(name);
    if (rooms?.size === 0) this.#socketRooms.delete(socketId);
    return { changed: !this.#hasNickname(room, nickname) };
  }

  /** Removes a socket from every room; returns the rooms whose member list changed. */
  leaveAll(socketId: string): string[] {
    const changed: string[] = [];
    for (const name of [...(this.#socketRooms.get(socketId) ?? [])]) {
      if (this.leave(name, socketId).changed) changed.push(name);
    }
    return changed;
  }

  isMember(name: string, socketId: string): boolean {
    return this.#rooms.get(name)?.members.has(socketId) ?? false;
  }

  roomsOf(socketId: string): string[] {
    return [...(this.#socketRooms.get(socketId) ?? [])];
  }

  /** Distinct nicknames in the room, sorted case-insensitively. */
  members(name: string): string[] {
    const room = this.#rooms.get(name);
    if (!room) return [];
    return [...new Set(room.members.values())].sort((a, b) =>
      a.localeCompare(b, "en", { sensitivity: "base" }),
    );
  }

  /** Every room with its member count: `general` first, then by name. */
  summaries(): RoomSummary[] {
    return [...this.#rooms.values()]
      .map((room) => ({ name: room.name, members: new Set(room.members.values()).size }))
      .sort((a, b) =>
        a.name === DEFAULT_ROOM ? -1 : b.name === DEFAULT_ROOM ? 1 : a.name.localeCompare(b.name),
      );
  }

  get size(): number {
    return this.#rooms.size;
  }

  #hasNickname(room: Room, nickname: string): boolean {
    for (const member of room.members.values()) if (member === nickname) return true;
    return false;
  }

  #evictOne(): boolean {
    let victim: Room | undefined;
    for (const room of this.#rooms.values()) {
      if (room.name === DEFAULT_ROOM || room.members.size > 0) continue;
      if (!victim || room.lastActive < victim.lastActive) victim = room;
    }
    if (!victim) return false;
    this.#rooms.delete(victim.name);
    return true;
  }
}
