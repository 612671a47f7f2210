/**
 * Player slots of one match, with reconnection to the same slot.
 *
 * Joining hands out a slot and a secret token. When the player's connection drops, the slot is
 * held for a grace period: presenting the token again (after a reload or a network cut) gives the
 * same slot back, score and all. When the grace period runs out the slot is freed. Timers come
 * from an injected scheduler so tests can drive time.
 */
import { randomBytes } from "node:crypto";

export interface Slot {
  index: number;
  /** Public id, shown to other players in snapshots. */
  playerId: string;
  name: string;
  /** Secret that reclaims this slot; only ever sent to its owner. */
  token: string;
  connected: boolean;
}

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type ClaimResult = { slot: Slot; resumed: boolean } | { slot: null; resumed: false };

export class SlotTable {
  private readonly slots: (Slot | undefined)[];
  private readonly graceTimers = new Map<string, unknown>();

  constructor(
    readonly size: number,
    private readonly graceMs: number,
    /** Called when a disconnected slot's grace period ends and the slot is freed. */
    private readonly onExpire: (slot: Slot) => void,
    private readonly scheduler: Scheduler = realScheduler,
    private readonly makeId: (bytes: number) => string = (bytes) =>
      randomBytes(bytes).toString("hex"),
  ) {
    this.slots = new Array(size).fill(undefined);
  }

  /**
   * Resumes the slot owning `token` if there is one, else takes the lowest free slot.
   * Returns `slot: null` when the match is full.
   */
  claim(name: string, token?: string): ClaimResult {
    const owned = token ? this.byToken(token) : undefined;
    if (owned) {
      this.cancelGrace(owned.playerId);
      owned.connected = true;
      return { slot: owned, resumed: true };
    }
    const index = this.slots.indexOf(undefined);
    if (index < 0) return { slot: null, resumed: false };
    const slot: Slot = {
      index,
      playerId: this.makeId(6),
      name: this.uniqueName(name),
      token: this.makeId(16),
      connected: true,
    };
    this.slots[index] = slot;
    return { slot, resumed: false };
  }

  /** The player's connection is gone: keep the slot for the grace period. */
  disconnect(playerId: string): void {
    const slot = this.byPlayerId(playerId);
    if (!slot?.connected) return;
    slot.connected = false;
    this.cancelGrace(playerId);
    const timer = this.scheduler.setTimeout(() => {
      this.graceTimers.delete(playerId);
      this.free(slot);
      this.onExpire(slot);
    }, this.graceMs);
    this.graceTimers.set(playerId, timer);
  }

  /** The player left on purpose: free the slot now. */
  release(playerId: string): Slot | undefined {
    const slot = this.byPlayerId(playerId);
    if (!slot) return undefined;
    this.cancelGrace(playerId);
    this.free(slot);
    return slot;
  }

  byToken(token: string): Slot | undefined {
    return this.slots.find((s) => s?.token === token);
  }

  byPlayerId(playerId: string): Slot | undefined {
    return this.slots.find((s) => s?.playerId === playerId);
  }

  /** Occupied slots, connected or in their grace period. */
  get occupied(): Slot[] {
    return this.slots.filter((s): s is Slot => s !== undefined);
  }

  /** Stops every grace timer (match shutdown). */
  dispose(): void {
    for (const timer of this.graceTimers.values()) this.scheduler.clearTimeout(timer);
    this.graceTimers.clear();
  }

  private free(slot: Slot): void {
    if (this.slots[slot.index] === slot) this.slots[slot.index] = undefined;
  }

  private cancelGrace(playerId: string): void {
    const timer = this.graceTimers.get(playerId);
    if (timer === undefined) return;
    this.scheduler.clearTimeout(timer);
    this.graceTimers.delete(playerId);
  }

  /** "Ada", then "Ada 2", "Ada 3"…: names identify players on the scoreboard. */
  private uniqueName(name: string): string {
    const taken = new Set(this.occupied.map((s) => s.name.toLowerCase()));
    if (!taken.has(name.toLowerCase())) return name;
    for (let n = 2; ; n++) {
      const candidate = `${name.slice(0, 13)} ${n}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }
}
