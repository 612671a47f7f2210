/**
 * The order of a node's own broadcasts to its own clients. A recoverable broadcast is delivered
 * locally once its Redis Stream append answers (the offset is the entry's id); everything sent
 * after it waits behind it, so local clients see the node's broadcasts in emit order. Local
 * delivery must never wait on Redis, though: when Redis goes down (`releaseAll`, called on the
 * link's `onDown`), every waiting broadcast is delivered at once, in order and without an
 * offset, instead of when Redis comes back, after newer ones.
 */

/** One waiting local delivery. */
export interface PendingDelivery {
  /** Delivered already (released by an outage): the append's answer came too late. */
  readonly delivered: boolean;
  /** The append answered (or failed): deliver it once everything before it is delivered. */
  settle(): void;
}

interface Entry extends PendingDelivery {
  ready: boolean;
  delivered: boolean;
  run(): void;
}

/** A FIFO of local deliveries (one per adapter). */
export class LocalOrder {
  private readonly queue: Entry[] = [];

  /** Deliver now, or right after the deliveries still waiting. */
  now(run: () => void): void {
    if (this.queue.length === 0) run();
    else this.push(run, true);
  }

  /** A delivery that waits for `settle()` (and for everything before it). */
  later(run: () => void): PendingDelivery {
    return this.push(run, false);
  }

  /** Redis is gone: deliver everything waiting, in order. */
  releaseAll(): void {
    for (const entry of this.queue) entry.ready = true;
    this.drain();
  }

  /** Deliveries waiting (none: a delivery may run at once). */
  get size(): number {
    return this.queue.length;
  }

  private push(run: () => void, ready: boolean): Entry {
    const order = this;
    const entry: Entry = {
      ready,
      delivered: false,
      run,
      settle() {
        if (entry.delivered) return;
        entry.ready = true;
        order.drain();
      },
    };
    this.queue.push(entry);
    return entry;
  }

  private drain(): void {
    while (this.queue.length > 0 && this.queue[0]!.ready) {
      const entry = this.queue.shift()!;
      entry.delivered = true;
      entry.run();
    }
  }
}
