/**
 * What the server does with browser input once the event contract (`gameEvents` in
 * shared/events.ts) has accepted its shape: a per-player queue of input frames, and the token
 * bucket of the match-creation quota (a lobby rule answered `too_many_matches`; the message
 * rate itself is Volley's flood control, see GAME_SERVER_OPTIONS). Inputs can only steer (the
 * contract clamps sticks into the unit disc), so a client cannot move faster than the rules
 * allow; a flooding client is bounded by the queue (at most `maxInputsPerTick` frames per tick)
 * and by the server's `limits`. Nothing here throws.
 */
import type { InputFrame } from "../shared/events.js";

export const QUEUE_LIMITS = {
  /** Frames waiting per player; beyond it the oldest are dropped. */
  maxQueuedFrames: 8,
  /** A backlog above this is drained two frames per tick instead of one. */
  catchUpThreshold: 3,
  maxInputsPerTick: 2,
  /** Sequence numbers may not jump further ahead than this. */
  maxSeqJump: 10_000,
} as const;

/**
 * One player's pending inputs. Keeps frames in sequence order, ignores repeats (the client
 * resends recent frames) and drops the oldest when a client sends faster than the tick.
 */
export class InputQueue {
  private frames: InputFrame[] = [];
  private lastQueued = -1;
  /** The last sequence number the simulation applied (reported back in snapshots). */
  lastApplied = -1;

  push(frames: readonly InputFrame[]): void {
    for (const frame of frames) {
      if (frame.seq <= this.lastQueued) continue;
      if (this.lastQueued >= 0 && frame.seq - this.lastQueued > QUEUE_LIMITS.maxSeqJump) continue;
      this.frames.push(frame);
      this.lastQueued = frame.seq;
    }
    const excess = this.frames.length - QUEUE_LIMITS.maxQueuedFrames;
    if (excess > 0) this.frames.splice(0, excess);
  }

  /** The frames to simulate this tick: one normally, two while catching up on a backlog. */
  take(): InputFrame[] {
    const count =
      this.frames.length > QUEUE_LIMITS.catchUpThreshold ? QUEUE_LIMITS.maxInputsPerTick : 1;
    const taken = this.frames.splice(0, count);
    const last = taken[taken.length - 1];
    if (last) this.lastApplied = last.seq;
    return taken;
  }

  get size(): number {
    return this.frames.length;
  }
}

/** Token bucket: `ratePerSecond` sustained, bursts up to `burst`; time is passed in (ms). */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Spends one token; false when the caller is over the limit and the message should be dropped. */
  allow(now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
