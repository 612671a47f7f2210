/**
 * The opt-in debug logger: connection attempts, handshakes, upgrades, disconnect reasons,
 * reconnection, buffers. Off by default and free when off: `createLog` then returns
 * `undefined` and call sites are `log?.(…)`, so no message is formatted. On with the `logger`
 * option anywhere, or `DEBUG=volley:*` (or `volley:client`) in Node, through the Node-only
 * `#default-logger` import: nothing of it reaches a browser bundle.
 *
 * @example
 * io(url, { logger: (scope, message, ...args) => console.debug(scope, message, ...args) });
 * // Node: DEBUG=volley:client node app.js
 */
import { defaultLogger } from "#default-logger";
import type { Report } from "./error-reporter.js";

/** Where a client log line comes from. */
export type ClientLogScope = "volley:client";

/**
 * The `logger` option, the same shape as the server's: `message` may hold printf-style
 * placeholders (`%s`, `%d`, `%o`) for `args`.
 */
export type Logger = (scope: ClientLogScope, message: string, ...args: unknown[]) => void;

/** A log function bound to the client's scope. */
export type Log = (message: string, ...args: unknown[]) => void;

/** The log function of a Manager: `logger` when given, else `DEBUG` in Node, else none. */
export function createLog(logger: Logger | undefined, report: Report): Log | undefined {
  const target = logger ?? defaultLogger("volley:client");
  if (!target) return undefined;
  return (message, ...args) => {
    try {
      target("volley:client", message, ...args);
    } catch (error) {
      // a broken logger must not break the work being logged
      report(error, { source: "logger" });
    }
  };
}
