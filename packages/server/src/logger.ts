/**
 * The opt-in debug logger of the server, shared by the engine and io layers. Off by default:
 * `scopedLog` then returns `undefined` and every call site is a single `if (log)` check, so a
 * silent server pays nothing per message. Switch it on with `DEBUG=volley:*` (the `debug`
 * package's convention, which socket.io users already know) or pass a `logger` option to send
 * the lines anywhere (pino, winston, a test array).
 *
 * @example
 * // DEBUG=volley:engine node server.js
 * // or: new Server(httpServer, { logger: (scope, message, ...args) => pino.debug({ scope, args }, message) })
 */
import createDebug from "debug";

/** Where a log line comes from. */
export type LogScope = "volley:engine" | "volley:io" | "volley:adapter";

/**
 * Receives every log line when given as the `logger` option. `message` may hold printf-style
 * placeholders (`%s`, `%d`, `%o`) for `args`, as `debug` and `console.log` format them.
 */
export type Logger = (scope: LogScope, message: string, ...args: unknown[]) => void;

/** A log function bound to one scope. */
export type ScopedLog = (message: string, ...args: unknown[]) => void;

/**
 * The log function of `scope`: the `logger` option when given, else `debug(scope)` when
 * `DEBUG` enables it, else `undefined` (nothing to call, nothing to format).
 */
export function scopedLog(scope: LogScope, logger: Logger | undefined): ScopedLog | undefined {
  if (logger) {
    return (message, ...args) => {
      try {
        logger(scope, message, ...args);
      } catch (err) {
        // a broken logger must not break the work being logged
        console.error("[volley] the logger option threw:", err);
      }
    };
  }
  const debug = createDebug(scope);
  return debug.enabled ? (message, ...args) => debug(message, ...args) : undefined;
}
