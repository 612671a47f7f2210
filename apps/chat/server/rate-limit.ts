/**
 * A sliding-window rate limiter keyed by user: at most `limit` events in any `windowMs`.
 * Pure bookkeeping with an injectable clock, so tests need no timers.
 */

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Timestamps of the events still inside the window, oldest first, per key. */
  readonly #hits = new Map<string, number[]>();

  constructor({ limit, windowMs, now = Date.now }: RateLimitOptions) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new RangeError("limit >= 1 and windowMs > 0");
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Records an event for `key` and tells whether it is allowed (refused events are not counted). */
  tryConsume(key: string): boolean {
    const now = this.#now();
    const hits = this.#prune(key, now);
    if (hits.length >= this.#limit) return false;
    hits.push(now);
    this.#hits.set(key, hits);
    return true;
  }

  /** Milliseconds until `key` may send again (0 when it may now). */
  retryAfter(key: string): number {
    const now = this.#now();
    const hits = this.#prune(key, now);
    if (hits.length < this.#limit) return 0;
    return hits[0]! + this.#windowMs - now;
  }

  /** Forgets a key (its user left). */
  reset(key: string): void {
    this.#hits.delete(key);
  }

  /** Forgets every key whose events have all left the window; returns how many. */
  sweep(): number {
    const now = this.#now();
    let removed = 0;
    for (const key of [...this.#hits.keys()]) {
      if (this.#prune(key, now).length === 0) removed++;
    }
    return removed;
  }

  /** Number of keys tracked; for tests and leak checks. */
  get size(): number {
    return this.#hits.size;
  }

  #prune(key: string, now: number): number[] {
    const hits = this.#hits.get(key) ?? [];
    let drop = 0;
    while (drop < hits.length && hits[drop]! <= now - this.#windowMs) drop++;
    if (drop > 0) hits.splice(0, drop);
    if (hits.length === 0) this.#hits.delete(key);
    return hits;
  }
}

/** Parses "10/1000" (events per milliseconds), as used by the CHAT_MESSAGE_RATE variable. */
export function parseRate(spec: string | undefined, fallback: { limit: number; windowMs: number }) {
  const match = spec?.match(/^\s*(\d+)\s*\/\s*(\d+)\s*$/);
  if (!match) return fallback;
  const limit = Number(match[1]);
  const windowMs = Number(match[2]);
  return limit >= 1 && windowMs > 0 ? { limit, windowMs } : fallback;
}
