/**
 * The default fate of an error thrown by a user callback when the app installed no error hook:
 * reported the way a DOM event listener's error is, asynchronously, after the library finished
 * its own work. Never swallowed: browsers show it in the console and fire `window.onerror`; in
 * Node it is an uncaught exception, as a throwing EventEmitter listener would be.
 */

/** Re-throws `err` from a fresh task, outside the library's call stack. */
export function reportErrorAsync(err: unknown): void {
  const report = (globalThis as { reportError?: (err: unknown) => void }).reportError;
  if (typeof report === "function") {
    report(err);
    return;
  }
  setTimeout(() => {
    throw err;
  }, 0);
}
