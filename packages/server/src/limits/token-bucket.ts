/**
 * Token buckets as plain numbers, refilled by arithmetic on use from a monotonic clock: no
 * timer per bucket and no allocation per take, so one can sit on every connection and be
 * consulted for every packet. Rates are per second; `burst` is the bucket's size. The pure
 * functions work on two numbers (tokens, stamp) that a limiter keeps as its own fields, so a
 * connection's buckets cost no object of their own; `TokenBucket` bundles them where a map
 * of buckets is kept (per address).
 */

/** The state of one bucket. */
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

/** The tokens a bucket holding `tokens` at `stamp` holds at `now` (never past `burst`). */
export function tokensAt(tokens: number, stamp: number, rate: BucketRate, now: number): number {
  const elapsed = now - stamp;
  if (elapsed <= 0) return tokens;
  return Math.min(tokens + (elapsed * rate.perSecond) / 1000, rate.burst);
}

/**
 * The ms until a bucket holding `tokens` can pay `cost` (0: it can now). A cost larger than
 * the bucket is capped at `burst`, so one large packet needs a full bucket rather than being
 * refused forever.
 */
export function waitFor(tokens: number, cost: number, rate: BucketRate): number {
  const needed = Math.min(cost, rate.burst);
  if (tokens >= needed) return 0;
  if (rate.perSecond <= 0) return Number.MAX_SAFE_INTEGER;
  return Math.ceil(((needed - tokens) * 1000) / rate.perSecond);
}

/**
 * Takes `cost` tokens at `now` (ms, monotonic). Returns 0 when they were taken, else the ms
 * until they will be there (nothing is taken then).
 */
export function take(bucket: TokenBucket, rate: BucketRate, cost: number, now: number): number {
  bucket.tokens = tokensAt(bucket.tokens, bucket.stamp, rate, now);
  bucket.stamp = now;
  const wait = waitFor(bucket.tokens, cost, rate);
  if (wait === 0) bucket.tokens -= Math.min(cost, rate.burst);
  return wait;
}

/** Whether the bucket would be full at `now` (an idle key that can be forgotten). */
export function isFull(bucket: TokenBucket, rate: BucketRate, now: number): boolean {
  return tokensAt(bucket.tokens, bucket.stamp, rate, now) >= rate.burst;
}
