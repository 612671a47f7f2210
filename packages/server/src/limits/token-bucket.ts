/**
 * A token bucket as two plain numbers, refilled by arithmetic on use from a monotonic clock:
 * no timer per bucket and no allocation per take, so it can sit on every connection and be
 * consulted for every packet. Rates are per second; `burst` is the bucket's size.
 */

/** The mutable state of one bucket (fields of a limiter object, never a closure). */
export interface TokenBucket {
  /** Tokens left at `stamp` (may be fractional). */
  tokens: number;
  /** The clock reading (ms) `tokens` was computed at. */
  stamp: number;
}

/** A rate: `perSecond` tokens refill each second, up to `burst`. */
export interface BucketRate {
  readonly perSecond: number;
  readonly burst: number;
}

/** A full bucket at `now`. */
export function fullBucket(rate: BucketRate, now: number): TokenBucket {
  return { tokens: rate.burst, stamp: now };
}

/**
 * Takes `cost` tokens at `now` (ms, monotonic). Returns 0 when they were taken, else the ms
 * until they will be there (nothing is taken then). A cost larger than the bucket is capped at
 * `burst`, so one large packet needs a full bucket rather than being refused forever.
 */
export function take(bucket: TokenBucket, rate: BucketRate, cost: number, now: number): number {
  const elapsed = now - bucket.stamp;
  if (elapsed > 0) {
    const refilled = bucket.tokens + (elapsed * rate.perSecond) / 1000;
    bucket.tokens = Math.min(refilled, rate.burst);
    bucket.stamp = now;
  }
  const needed = Math.min(cost, rate.burst);
  if (bucket.tokens >= needed) {
    bucket.tokens -= needed;
    return 0;
  }
  if (rate.perSecond <= 0) return Number.POSITIVE_INFINITY;
  return Math.ceil(((needed - bucket.tokens) * 1000) / rate.perSecond);
}

/** Whether the bucket would be full at `now` (an idle key that can be forgotten). */
export function isFull(bucket: TokenBucket, rate: BucketRate, now: number): boolean {
  return bucket.tokens + ((now - bucket.stamp) * rate.perSecond) / 1000 >= rate.burst;
}
