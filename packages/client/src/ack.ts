/**
 * Pending acknowledgements of one socket: id → callback, with an optional timeout. No timer is
 * created unless a timeout is set. Callbacks registered "with error" receive `(err, ...args)`.
 */

type AckCallback = (...args: unknown[]) => void;

interface PendingAck {
  callback: AckCallback;
  withError: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class AckTimeoutError extends Error {
  constructor() {
    super("operation has timed out");
    this.name = "AckTimeoutError";
  }
}

export class AckRegistry {
  #pending = new Map<number, PendingAck>();
  #nextId = 0;

  /** Allocates the next ack id of this socket. */
  nextId(): number {
    return this.#nextId++;
  }

  /**
   * Registers `callback` for ack `id`. With a `timeout`, the callback gets an
   * `AckTimeoutError` if no ack arrives in time, and `onTimeout` runs first.
   */
  register(
    id: number,
    callback: AckCallback,
    options: { withError?: boolean; timeout?: number | undefined; onTimeout?: () => void } = {},
  ): void {
    const { timeout, onTimeout } = options;
    const withError = options.withError ?? timeout !== undefined;
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(() => {
            if (!this.#pending.delete(id)) return;
            onTimeout?.();
            callback(new AckTimeoutError());
          }, timeout);
    this.#pending.set(id, { callback, withError, timer });
  }

  /** Delivers an ACK; returns false for an unknown (late or duplicate) id. */
  resolve(id: number, args: unknown[]): boolean {
    const ack = this.#pending.get(id);
    if (!ack) return false;
    this.#pending.delete(id);
    if (ack.timer !== undefined) clearTimeout(ack.timer);
    if (ack.withError) ack.callback(null, ...args);
    else ack.callback(...args);
    return true;
  }

  /**
   * Fails pending acks on disconnection, except `keep(id)` ones (still buffered, so they will
   * be sent later). Callbacks that do not take an error are dropped silently.
   */
  rejectAll(error: Error, keep: (id: number) => boolean = () => false): void {
    for (const [id, ack] of this.#pending) {
      if (keep(id)) continue;
      this.#pending.delete(id);
      if (ack.timer !== undefined) clearTimeout(ack.timer);
      if (ack.withError) ack.callback(error);
    }
  }

  get size(): number {
    return this.#pending.size;
  }
}
