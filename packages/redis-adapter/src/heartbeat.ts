/**
 * Node liveness: which other nodes are alive, from the heartbeats (and any other message) they
 * send. A node silent for `timeout` ms, or one that said goodbye, is gone: the adapter stops
 * counting it in `serverCount()` and stops waiting for its answers.
 */

/** What the liveness tracker asks of its owner. */
export interface HeartbeatCallbacks {
  /** Time to tell the others this node is alive. */
  beat(): void;
  /** Node `uid` is gone (silent too long, closed, or forgotten during an outage). */
  gone(uid: string): void;
}

/** The other nodes of one namespace and when each was last heard from. */
export class Heartbeat {
  private readonly lastSeen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly interval: number,
    private readonly timeout: number,
    private readonly callbacks: HeartbeatCallbacks,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts beating (and sweeping out silent nodes) every `interval` ms. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.callbacks.beat();
      this.sweep();
    }, this.interval);
    this.timer.unref();
  }

  /** Stops the timer (the known nodes are kept until `clear`). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Node `uid` showed a sign of life; returns true when it was not known yet. */
  seen(uid: string): boolean {
    const known = this.lastSeen.has(uid);
    this.lastSeen.set(uid, this.now());
    return !known;
  }

  /** Node `uid` left. */
  remove(uid: string): void {
    if (this.lastSeen.delete(uid)) this.callbacks.gone(uid);
  }

  /** Forgets every node (nothing can be heard from them, e.g. while Redis is down). */
  clear(): void {
    for (const uid of [...this.lastSeen.keys()]) this.remove(uid);
  }

  /** Removes the nodes silent for longer than `timeout`. */
  sweep(): void {
    const threshold = this.now() - this.timeout;
    for (const [uid, seenAt] of [...this.lastSeen]) {
      if (seenAt < threshold) this.remove(uid);
    }
  }

  /** The live nodes' ids (silent ones are swept out first). */
  liveNodes(): string[] {
    this.sweep();
    return [...this.lastSeen.keys()];
  }
}
