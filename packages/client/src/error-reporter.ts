/**
 * The client's one error policy: what an app callback throws (an event listener, a signal
 * effect we trigger, an ack callback, the `auth` function, the logger) never interrupts the
 * library. The library catches it, finishes its own work, then reports it: to the app's
 * `onError(error, context)` hook in a microtask, or else like a DOM event listener's error
 * (`reportErrorAsync`: `reportError` in browsers, an uncaught exception in Node).
 */
import { reportErrorAsync, toError } from "@volley/protocol";

/** What threw, for the `onError` hook. */
export interface ErrorContext {
  /**
   * `"listener"`: an event listener (`on`, `onAny`, `onAnyOutgoing`, Manager and engine events);
   * `"effect"`: a signal effect run by a state change; `"ack"`: an acknowledgement callback;
   * `"auth"`: the `auth` function; `"logger"`: the `logger` option; `"contract"`: a server
   * event that did not match the `events` contract (development checks, `validateIncoming`).
   */
  source: "listener" | "effect" | "ack" | "auth" | "logger" | "contract";
  /** The event whose listener threw (`"connect"`, `"chat:message"`, …). */
  event?: string;
  /** The namespace of the socket concerned, when there is one. */
  nsp?: string;
}

/**
 * The `onError` option: receives what an app callback threw. If it throws itself, that error
 * is reported asynchronously (never swallowed).
 *
 * @example
 * io(url, { onError: (err, { source, event }) => Sentry.captureException(err, { extra: { source, event } }) });
 */
export type ErrorHook = (error: Error, context: ErrorContext) => void;

/** Reports one error thrown by an app callback. */
export type Report = (error: unknown, context: ErrorContext) => void;

/** The report function of one Manager (and its sockets and session). */
export function createReport(hook: ErrorHook | undefined): Report {
  // browsers' reportError runs window.onerror at once: defer it past our own work too
  if (!hook) return (error) => queueMicrotask(() => reportErrorAsync(error));
  return (error, context) =>
    queueMicrotask(() => {
      try {
        hook(toError(error), context);
      } catch (hookError) {
        reportErrorAsync(hookError);
      }
    });
}
