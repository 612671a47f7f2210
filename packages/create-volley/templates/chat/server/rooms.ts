/**
 * Who is in which room, and each room's recent messages. Pure bookkeeping (no sockets), so it is
 * tested on its own; `chat.ts` wires it to Volley.
 */
import { type ChatMessage, DEFAULT_ROOM, LIMITS, type RoomSummary } from "../shared/events.js";

interface Room {
  /** socket id -> nickname */
  members: Map<string, string>;
  history: ChatMessage[];
}

export class RoomStore {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly historySize: number = LIMITS.historySize) {
    this.room(DEFAULT_ROOM);
  }

  /** Adds a socket to a room (created on first join); true if the member list changed. */
  join(name: string, socketId: string, nickname: string): boolean {
    const before = this.members(name).length;
    this.room(name).members.set(socketId, nickname);
    return this.members(name).length !== before;
  }

  /** Removes a socket from a room; true if the member list changed. */
  leave(name: string, socketId: string): boolean {
    const room = this.rooms.get(name);
    if (!room?.members.has(socketId)) return false;
    const before = this.members(name).length;
    room.members.delete(socketId);
    const changed = this.members(name).length !== before;
    if (room.members.size === 0 && name !== DEFAULT_ROOM) this.rooms.delete(name);
    return changed;
  }

  /** Removes a socket from every room; returns the rooms whose member list changed. */
  leaveAll(socketId: string): string[] {
    return [...this.rooms.keys()].filter((name) => this.leave(name, socketId));
  }

  isMember(name: string, socketId: string): boolean {
    return this.rooms.get(name)?.members.has(socketId) ?? false;
  }

  /** Distinct nicknames, sorted (two tabs of one person count once). */
  members(name: string): string[] {
    const room = this.rooms.get(name);
    return room ? [...new Set(room.members.values())].sort() : [];
  }

  history(name: string): ChatMessage[] {
    return [...(this.rooms.get(name)?.history ?? [])];
  }

  append(message: ChatMessage): void {
    const history = this.room(message.room).history;
    history.push(message);
    if (history.length > this.historySize) history.shift();
  }

  summaries(): RoomSummary[] {
    return [...this.rooms.keys()]
      .sort()
      .map((name) => ({ name, members: this.members(name).length }));
  }

  private room(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) {
      room = { members: new Map(), history: [] };
      this.rooms.set(name, room);
    }
    return room;
  }
}
