/**
 * At-least-once delivery for the `retries` option, as Socket.IO defines it: emits wait in a
 * queue and leave one at a time, each with an ack; an ack error (timeout, disconnection)
 * resends the head until it has been tried `retries + 1` times, then fails it. The head is
 * resent on reconnection too. Callbacks receive `(err, ...reply)`.
 */

type Callback = (...args: unknown[]) => void;

interface QueuedEmit<Flags> {
  args: unknown[];
  flags: Flags;
  tryCount: number;
  pending: boolean;
}

export class RetryQueue<Flags> {
  readonly #items: QueuedEmit<Flags>[] = [];

  /**
   * @param retries how many times an emit is retried after its first try
   * @param send emits `args` (whose last element is the ack callback) with `flags`
   * @param canSend whether the socket is connected
   */
  constructor(
    private readonly retries: number,
    private readonly send: (args: unknown[], flags: Flags) => void,
    private readonly canSend: () => boolean,
  ) {}

  /** Queues `[event, ...args, ack?]`. */
  push(args: unknown[], flags: Flags): void {
    const ack = typeof args[args.length - 1] === "function" ? (args.pop() as Callback) : undefined;
    const item: QueuedEmit<Flags> = { args, flags, tryCount: 0, pending: false };
    args.push((error: unknown, ...reply: unknown[]) => {
      if (item !== this.#items[0]) return; // already settled
      let settled: unknown[] | undefined;
      if (!error) settled = [null, ...reply];
      else if (item.tryCount > this.retries) settled = [error];
      if (settled) this.#items.shift();
      item.pending = false;
      // the queue moves on first: an app callback that throws must not stall it
      this.drain();
      if (settled) ack?.(...settled);
    });
    this.#items.push(item);
    this.drain();
  }

  /** Sends the head if none is in flight; `force` resends it (after a reconnection). */
  drain(force = false): void {
    const item = this.#items[0];
    if (!item || !this.canSend() || (item.pending && !force)) return;
    item.pending = true;
    item.tryCount++;
    this.send(item.args, item.flags);
  }

  get size(): number {
    return this.#items.length;
  }
}
