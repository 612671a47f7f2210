/**
 * Untrusted input from browsers: shape checks, clamping, and limits.
 *
 * Every payload is `unknown` until one of these functions accepts it. Inputs can only steer
 * (a direction in the unit disc), so a client cannot move faster than the rules allow; a
 * flooding client is bounded by the queue (at most `MAX_INPUTS_PER_TICK` frames per tick) and
 * by a per-socket message rate limit. Nothing here throws.
 */
import type { InputFrame, JoinRequest } from "../shared/events.js";
import { clampInput } from "../shared/simulation.js";

export const INPUT_LIMITS = {
  /** Frames one input message may carry (the client repeats the last few). */
  maxFramesPerMessage: 4,
  /** Frames waiting per player; beyond it the oldest are dropped. */
  maxQueuedFrames: 8,
  /** A backlog above this is drained two frames per tick instead of one. */
  catchUpThreshold: 3,
  maxInputsPerTick: 2,
  /** Sequence numbers may not jump further ahead than this. */
  maxSeqJump: 10_000,
  maxNameLength: 16,
  maxCodeLength: 8,
  maxTokenLength: 64,
} as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Accepts `{ inputs: [{ seq, x, y }, …] }`; returns the frames with clamped sticks, or null. */
export function parseInputMessage(payload: unknown): InputFrame[] | null {
  if (!isRecord(payload) || !Array.isArray(payload.inputs)) return null;
  const raw = payload.inputs;
  if (raw.length === 0 || raw.length > INPUT_LIMITS.maxFramesPerMessage) return null;
  const frames: InputFrame[] = [];
  for (const item of raw) {
    if (!isRecord(item)) return null;
    const { seq, x, y } = item;
    if (!Number.isSafeInteger(seq) || (seq as number) < 0) return null;
    if (typeof x !== "number" || typeof y !== "number") return null;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    frames.push({ seq: seq as number, ...clampInput({ x, y }) });
  }
  return frames;
}

/** Accepts a join request; names are trimmed, stripped of control characters and shortened. */
export function parseJoinRequest(payload: unknown): JoinRequest | null {
  if (!isRecord(payload)) return null;
  const { code, name, token, spectate } = payload;
  if (typeof code !== "string" || code.length === 0) return null;
  if (code.length > INPUT_LIMITS.maxCodeLength) return null;
  if (name !== undefined && typeof name !== "string") return null;
  if (
    token !== undefined &&
    (typeof token !== "string" || token.length > INPUT_LIMITS.maxTokenLength)
  ) {
    return null;
  }
  if (spectate !== undefined && typeof spectate !== "boolean") return null;
  return {
    code: code.toUpperCase(),
    name: cleanName(name ?? ""),
    ...(token ? { token } : {}),
    ...(spectate ? { spectate } : {}),
  };
}

export function cleanName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return cleaned.slice(0, INPUT_LIMITS.maxNameLength) || "Player";
}

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
      if (this.lastQueued >= 0 && frame.seq - this.lastQueued > INPUT_LIMITS.maxSeqJump) continue;
      this.frames.push(frame);
      this.lastQueued = frame.seq;
    }
    const excess = this.frames.length - INPUT_LIMITS.maxQueuedFrames;
    if (excess > 0) this.frames.splice(0, excess);
  }

  /** The frames to simulate this tick: one normally, two while catching up on a backlog. */
  take(): InputFrame[] {
    const count =
      this.frames.length > INPUT_LIMITS.catchUpThreshold ? INPUT_LIMITS.maxInputsPerTick : 1;
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
