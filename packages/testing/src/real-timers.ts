/**
 * The timer functions as they were when this module was loaded, before a test installs fake
 * timers (`vi.useFakeTimers()`, `mock.timers.enable()`): waits and their deadlines always run
 * on real time, so a test with a frozen clock still fails after a real timeout instead of
 * hanging.
 */
export const realSetTimeout: typeof setTimeout = globalThis.setTimeout;
export const realClearTimeout: typeof clearTimeout = globalThis.clearTimeout;
export const realSetImmediate: typeof setImmediate = globalThis.setImmediate;

/** Resolves after `ms` of real time (fake timers do not affect it). */
export function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

/** Resolves after `turns` real turns of the event loop, letting pending I/O callbacks run. */
export async function nextTurns(turns = 1): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => realSetImmediate(resolve));
}

/**
 * Settles `promise` or rejects with `TestTimeoutError(what)` after `ms` of real time.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = realSetTimeout(() => reject(new TestTimeoutError(what, ms)), ms);
    promise.then(
      (value) => {
        realClearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        realClearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A wait of @volley/testing that ran out of (real) time. */
export class TestTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    this.name = "TestTimeoutError";
  }
}
