// Small statistics for the bench: a mergeable log-bucketed latency histogram (2% resolution,
// constant memory, travels over IPC as JSON) and the median/min/max of repeated runs.

const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);

/** Latencies in microseconds; bucket b holds values in [GROWTH^(b-1), GROWTH^b). */
export class Histogram {
  constructor() {
    this.buckets = new Map();
    this.count = 0;
    this.min = Number.POSITIVE_INFINITY;
    this.max = 0;
  }

  record(us) {
    const bucket = us < 1 ? 0 : Math.floor(Math.log(us) / LOG_GROWTH) + 1;
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    this.count++;
    if (us < this.min) this.min = us;
    if (us > this.max) this.max = us;
  }

  /** The value at quantile q (0..1), as the geometric middle of its bucket. */
  quantile(q) {
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.count));
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const key of keys) {
      seen += this.buckets.get(key);
      if (seen >= rank) {
        const middle = key === 0 ? 0.5 : GROWTH ** (key - 0.5);
        return Math.min(Math.max(middle, this.min), this.max);
      }
    }
    return this.max;
  }

  toJSON() {
    return { buckets: [...this.buckets], count: this.count, min: this.min, max: this.max };
  }

  /** Adds a histogram received as JSON (from another process). */
  merge(json) {
    for (const [key, n] of json.buckets) this.buckets.set(key, (this.buckets.get(key) ?? 0) + n);
    this.count += json.count;
    if (json.count > 0) {
      this.min = Math.min(this.min, json.min);
      this.max = Math.max(this.max, json.max);
    }
    return this;
  }
}

export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{ median, min, max, n }` of the finite values, or undefined when there are none. */
export function summarize(values) {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  return {
    median: median(finite),
    min: Math.min(...finite),
    max: Math.max(...finite),
    n: finite.length,
  };
}

export function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function max(values) {
  let result = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > result) result = v;
  return result;
}
