/**
 * Reconnection delays: exponential backoff with jitter, as a pure function plus a tiny counter.
 * delay(n) = min(max, base · 2ⁿ ± base · 2ⁿ · jitter · r), r uniform in [0, 1).
 */

export interface BackoffOptions {
  /** Delay of the first attempt, in ms. */
  min: number;
  /** Upper bound of any delay, in ms. */
  max: number;
  /** Relative jitter in [0, 1]. */
  jitter: number;
  /** Growth factor per attempt. Default 2. */
  factor?: number;
}

/**
 * The delay before attempt number `attempt` (0-based). `random` is injectable for tests.
 *
 * @example
 * backoffDelay(0, { min: 1000, max: 5000, jitter: 0 }); // 1000
 * backoffDelay(3, { min: 1000, max: 5000, jitter: 0 }); // 5000 (capped)
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const { min, max, jitter, factor = 2 } = options;
  let ms = min * factor ** attempt;
  if (jitter > 0) {
    const r = random();
    const deviation = Math.floor(r * jitter * ms);
    // The low bit of the scaled random picks the sign, as socket.io-client does.
    ms = (Math.floor(r * 10) & 1) === 0 ? ms - deviation : ms + deviation;
  }
  return Math.floor(Math.max(0, Math.min(ms, max)));
}

/** Counts attempts and hands out their delays. */
export class Backoff {
  attempts = 0;

  constructor(
    public options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay of the next attempt; increments the attempt count. */
  duration(): number {
    return backoffDelay(this.attempts++, this.options, this.random);
  }

  reset(): void {
    this.attempts = 0;
  }
}
