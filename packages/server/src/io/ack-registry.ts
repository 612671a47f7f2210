/**
 * Pending acknowledgements of one socket: id -> callback, with an optional timer. Entries are
 * removed when the ack arrives, when it times out and when the socket disconnects, so ack ids
 * never leak. A timer exists only for an ack that has a timeout; timers share one bound callback.
 */
import { AckTimeoutError } from "./errors.js";

type AckCallback = (...args: unknown[]) => unknown;

interface PendingAck {
  fn: AckCallback;
  /** `(err, ...args)` style: called with `null` first on success, with an Error on failure. */
  withError: boolean;
  timer: NodeJS.Timeout | undefined;
}

/** The acknowledgements one socket is waiting for. */
export class AckRegistry {
  private readonly pending = new Map<number, PendingAck>();

  /** @param report receives what an ack callback throws or rejects with */
  constructor(private readonly report: (err: unknown) => void) {}

  /** Number of acks still pending. */
  get size(): number {
    return this.pending.size;
  }

  /** Whether an ack with this id is pending. */
  has(id: number): boolean {
    return this.pending.has(id);
  }

  /**
   * Waits for the ack `id`. With `timeoutMs`, `fn` gets an AckTimeoutError when it does not
   * arrive in time (`withError` must then be true).
   */
  add(id: number, fn: AckCallback, withError: boolean, timeoutMs?: number): void {
    const timer = timeoutMs === undefined ? undefined : setTimeout(this.onTimeout, timeoutMs, id);
    this.pending.set(id, { fn, withError, timer });
  }

  /** Delivers an ack; returns false for an unknown (late or never sent) id, which is ignored. */
  resolve(id: number, args: unknown[]): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    this.pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.withError) this.call(entry.fn, [null, ...args]);
    else this.call(entry.fn, args);
    return true;
  }

  /** Forgets an ack without calling it. */
  delete(id: number): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(id);
  }

  /** Fails every `(err, …)` ack with `err` and forgets the others (on disconnect). */
  failAll(err: Error): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      if (entry.timer) clearTimeout(entry.timer);
      if (entry.withError) this.call(entry.fn, [err]);
    }
  }

  private readonly onTimeout = (id: number): void => {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    this.call(entry.fn, [new AckTimeoutError()]);
  };

  private call(fn: AckCallback, args: unknown[]): void {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(this.report);
    } catch (err) {
      this.report(err);
    }
  }
}
