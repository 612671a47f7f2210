/**
 * Write coalescing: sessions that got packets during the current tick are flushed once, in a
 * microtask queued when the first of them got a packet, by one shared callback. A broadcast to N sessions therefore costs one
 * array push per session (no closure, no timer), and each session writes everything it got in
 * that tick at once: one polling response, or one corked batch of WebSocket frames (one
 * syscall). The microtask runs as soon as the current callback (an I/O event, a timer, a
 * `setImmediate` turn) returns, so latency is unaffected. Queued as a reaction to one resolved
 * promise rather than with `process.nextTick` (a tick also runs Node's unhandled-rejection
 * bookkeeping each time, `processPromiseRejections`, visible on the per-ack path) or
 * `queueMicrotask` (which builds an AsyncResource and a bound function per call: about twice
 * the cost, once per ack and twice per new connection).
 */

/** Something with buffered writes to push out once per tick. */
export interface Flushable {
  /** Set while the object waits in the queue, so it is queued at most once per tick. */
  flushScheduled: boolean;
  /** Write out what was buffered. */
  flush(): void;
}

let pending: Flushable[] = [];
let spare: Flushable[] = [];
let tickScheduled = false;
const RESOLVED = Promise.resolve();

function rethrow(error: unknown): never {
  throw error;
}

function runFlushes(): void {
  tickScheduled = false;
  const batch = pending;
  pending = spare;
  let failure: { error: unknown } | undefined;
  for (let i = 0; i < batch.length; i++) {
    const item = batch[i]!;
    item.flushScheduled = false;
    try {
      item.flush();
    } catch (error) {
      // A throwing listener (e.g. on "drain") must not starve the other sessions of the batch.
      failure ??= { error };
    }
  }
  batch.length = 0;
  spare = batch;
  // thrown from a tick of its own, an uncaught exception as before (not a rejected promise)
  if (failure) process.nextTick(rethrow, failure.error);
}

/** Queue `item.flush()` for the end of the current callback (no-op when already queued). */
export function scheduleFlush(item: Flushable): void {
  if (item.flushScheduled) return;
  item.flushScheduled = true;
  pending.push(item);
  if (!tickScheduled) {
    tickScheduled = true;
    void RESOLVED.then(runFlushes);
  }
}
