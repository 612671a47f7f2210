/**
 * Pending acknowledgements of one socket, server or client: id -> callback, with an optional
 * timeout. Entries leave when the ack arrives, when it times out and when the socket
 * disconnects, so ids never leak. Only an ack with a timeout gets a timer, and every timer
 * shares one bound callback (no closure per ack). Ack ids are allocated by the caller: the
 * server counts them per namespace, the client per socket.
 */
import { AckTimeoutError } from "./errors.js";

/** An acknowledgement callback. */
export type AckCallback = (...args: unknown[]) => unknown;

/** How an acknowledgement is waited for. */
export interface AckOptions {
  /** `(err, ...args)` style: called with `null` first on success, with an Error on failure. */
  withError?: boolean;
  /** Ms before the callback gets an `AckTimeoutError` (`withError` must then be true). */
  timeout?: number | undefined;
  /** Runs just before a timed-out callback (e.g. to drop the packet from a retry queue). */
  onTimeout?: ((id: number) => void) | undefined;
}

interface PendingAck {
  fn: AckCallback;
  withError: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  onTimeout: ((id: number) => void) | undefined;
}

/** The acknowledgements one socket is waiting for. */
export class AckRegistry {
  // `#` members: the client's bundler shortens them (TypeScript `private` names stay whole)
  readonly #pending = new Map<number, PendingAck>();
  readonly #report: (err: unknown) => void;
  readonly #onTimedOut: (() => void) | undefined;

  /**
   * @param report receives what a callback throws or rejects with (after the registry's work)
   * @param onTimedOut called once per ack that timed out (the server counts them for monitoring)
   */
  constructor(report: (err: unknown) => void, onTimedOut?: () => void) {
    this.#report = report;
    this.#onTimedOut = onTimedOut;
  }

  /** Number of acks still pending. */
  get size(): number {
    return this.#pending.size;
  }

  /** Whether an ack with this id is pending. */
  has(id: number): boolean {
    return this.#pending.has(id);
  }

  /** Waits for the ack `id`. */
  add(id: number, fn: AckCallback, options: AckOptions = {}): void {
    const timeout = options.timeout;
    const timer = timeout === undefined ? undefined : setTimeout(this.#onTimeout, timeout, id);
    const withError = options.withError ?? timeout !== undefined;
    this.#pending.set(id, { fn, withError, timer, onTimeout: options.onTimeout });
  }

  /** Delivers an ack; returns false for an unknown (late or duplicate) id, which is ignored. */
  resolve(id: number, args: unknown[]): boolean {
    const entry = this.#pending.get(id);
    if (!entry) return false;
    this.#pending.delete(id);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    if (entry.withError) this.#call(entry.fn, [null, ...args]);
    else this.#call(entry.fn, args);
    return true;
  }

  /** Forgets an ack without calling it. */
  delete(id: number): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    this.#pending.delete(id);
  }

  /**
   * Fails every `(err, …)` ack with `err` and forgets the others (on disconnect), except those
   * `keep(id)` holds back (still buffered, so they will be sent later).
   */
  failAll(err: Error, keep?: (id: number) => boolean): void {
    const failed: PendingAck[] = [];
    for (const [id, entry] of this.#pending) {
      if (keep?.(id)) continue;
      this.#pending.delete(id);
      if (entry.timer !== undefined) clearTimeout(entry.timer);
      if (entry.withError) failed.push(entry);
    }
    // the registry is consistent before any user callback runs
    for (const entry of failed) this.#call(entry.fn, [err]);
  }

  readonly #onTimeout = (id: number): void => {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#pending.delete(id);
    this.#onTimedOut?.();
    if (entry.onTimeout) {
      try {
        entry.onTimeout(id);
      } catch (err) {
        this.#report(err);
      }
    }
    this.#call(entry.fn, [new AckTimeoutError()]);
  };

  #call(fn: AckCallback, args: unknown[]): void {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch(this.#report);
    } catch (err) {
      this.#report(err);
    }
  }
}
