/**
 * The in-memory store behind connection state recovery: disconnected sessions and the recent
 * broadcast packets, each with the offset the client echoes back. Bounded by duration
 * (`maxDisconnectionDuration`) and by count (`maxPackets`); pure bookkeeping, no I/O.
 */
import { randomBytes } from "node:crypto";
import type {
  BroadcastOptions,
  PrivateSessionId,
  RestoredSession,
  Room,
  Session,
} from "./adapter-types.js";

interface StoredPacket {
  offset: string;
  emittedAt: number;
  rooms: Room[];
  except: Room[];
  data: unknown[];
}

interface StoredSession extends Session {
  disconnectedAt: number;
}

/** A fresh offset: unique, opaque, and a string (the client tells offsets by their type). */
export function newOffset(): string {
  return randomBytes(9).toString("base64url");
}

/** Whether a packet sent to `opts` would have reached a socket in `rooms`. */
function reaches(rooms: Room[], packet: StoredPacket): boolean {
  const inRooms = packet.rooms.length === 0 || packet.rooms.some((room) => rooms.includes(room));
  const excluded = packet.except.some((room) => rooms.includes(room));
  return inRooms && !excluded;
}

/** Sessions and packets kept for recovery, for one namespace. */
export class RecoveryStore {
  private readonly sessions = new Map<PrivateSessionId, StoredSession>();
  private packets: StoredPacket[] = [];

  constructor(
    private readonly maxDisconnectionDuration: number,
    private readonly maxPackets: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a broadcast whose arguments already end with `offset`. */
  storePacket(offset: string, data: unknown[], opts: BroadcastOptions): void {
    this.packets.push({
      offset,
      emittedAt: this.now(),
      rooms: [...opts.rooms],
      except: [...opts.except],
      data,
    });
    if (this.packets.length > this.maxPackets) {
      this.packets.splice(0, this.packets.length - this.maxPackets);
    }
  }

  /** Keeps a session after a recoverable disconnection. */
  persist(session: Session): void {
    this.sessions.set(session.pid, { ...session, disconnectedAt: this.now() });
  }

  /**
   * Takes a session back (it can be restored once) with the packets after `offset` that its
   * rooms would have received; null when the session or the offset is unknown or expired.
   */
  restore(pid: PrivateSessionId, offset: string): RestoredSession | null {
    const session = this.sessions.get(pid);
    if (!session) return null;
    this.sessions.delete(pid);
    if (this.now() - session.disconnectedAt > this.maxDisconnectionDuration) return null;
    const index = this.packets.findIndex((packet) => packet.offset === offset);
    if (index === -1) return null;
    const missedPackets: unknown[][] = [];
    for (let i = index + 1; i < this.packets.length; i++) {
      const packet = this.packets[i]!;
      if (reaches(session.rooms, packet)) missedPackets.push(packet.data);
    }
    const { disconnectedAt: _disconnectedAt, ...rest } = session;
    return { ...rest, missedPackets };
  }

  /** Drops expired sessions and packets (called periodically). */
  sweep(): void {
    const threshold = this.now() - this.maxDisconnectionDuration;
    for (const [pid, session] of this.sessions) {
      if (session.disconnectedAt < threshold) this.sessions.delete(pid);
    }
    const firstKept = this.packets.findIndex((packet) => packet.emittedAt >= threshold);
    if (firstKept === -1) this.packets = [];
    else if (firstKept > 0) this.packets.splice(0, firstKept);
  }

  /** Number of sessions and packets held (for tests and metrics). */
  get size(): { sessions: number; packets: number } {
    return { sessions: this.sessions.size, packets: this.packets.length };
  }
}
