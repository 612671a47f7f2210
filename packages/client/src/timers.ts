/**
 * The timer functions the Manager and the session use. By default they are looked up on
 * `globalThis` at each call, so a fake clock a test installs later (e.g. `@sinonjs/fake-timers`)
 * drives reconnection and heartbeats; with `useNativeTimers` they are the functions found when
 * this module loaded, so an app's or a test's fake clock cannot stall the connection.
 */

/** `setTimeout` / `clearTimeout`, as the client calls them. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(handle: ReturnType<typeof setTimeout> | undefined): void;
}

const loaded = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };

const NATIVE: Timers = {
  setTimeout: (callback, ms) => loaded.setTimeout.call(globalThis, callback, ms),
  clearTimeout: (handle) => loaded.clearTimeout.call(globalThis, handle),
};

const CURRENT: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle),
};

/** The native timers when `useNative`, else whatever `globalThis` holds at each call. */
export function timersFor(useNative: boolean): Timers {
  return useNative ? NATIVE : CURRENT;
}
