/**
 * Plain totals, keyed by a label value, that event listeners bump with an integer add; the
 * Prometheus metrics read them at scrape time. This keeps prom-client's label hashing off the
 * per-packet and per-event paths: a listener pays a Map lookup at most.
 */

/** Counts per label value (one Map; a missing key is zero). */
export class Tally {
  private readonly counts = new Map<string, number>();

  /** Adds `n` (1 by default) under `key`. */
  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  /** Every key and its total. */
  entries(): IterableIterator<[string, number]> {
    return this.counts.entries();
  }
}
