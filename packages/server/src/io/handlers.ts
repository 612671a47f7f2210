/**
 * How the io layer calls user code, written once: `callSafely` for listeners and callbacks,
 * `runMiddlewares` for the connection middlewares of a namespace and the packet middlewares of
 * a socket. The policy: the library has finished its own work before user code runs, and what
 * user code throws or rejects with is reported (to `io.on("error")`), never thrown into the
 * library and never swallowed.
 */
import { toError } from "@volley/protocol";

/** Where errors thrown by user code go: the server's error event (with the socket when known). */
export type ReportError = (err: unknown, socket?: object) => void;

/** A user handler, whatever its signature. */
export type Handler = (...args: never[]) => unknown;

/**
 * Calls `fn` with `args`; a throw or a rejected promise goes to `report` (with `socket`).
 * No closure is created unless `fn` returns a promise.
 */
export function callSafely(
  fn: Handler,
  thisArg: unknown,
  args: readonly unknown[],
  report: ReportError,
  socket?: object,
): void {
  try {
    const result: unknown = (fn as (...a: unknown[]) => unknown).apply(thisArg, args as unknown[]);
    if (result instanceof Promise) result.catch((err: unknown) => report(err, socket));
  } catch (err) {
    report(err, socket);
  }
}

/** A middleware's `next`: no argument to go on, an error to stop. */
export type Next = (err?: Error & { data?: unknown }) => void;

/**
 * Runs `fns` in order, each with `(subject, next)`, then `done()`; the first `next(err)` (or a
 * throw or rejection before `next` was called) ends the chain with `done(err)`. What a
 * middleware throws or rejects with after it called `next` cannot change the outcome any more:
 * it is reported, not lost. `done` is called exactly once.
 */
export function runMiddlewares<Subject>(
  fns: readonly ((subject: Subject, next: Next) => unknown)[],
  subject: Subject,
  done: (err?: Error & { data?: unknown }) => void,
  report: ReportError,
  socket?: object,
): void {
  const step = (index: number): void => {
    const fn = fns[index];
    if (!fn) {
      done();
      return;
    }
    let called = false;
    const next: Next = (err) => {
      if (called) return;
      called = true;
      if (err) done(toError(err));
      else step(index + 1);
    };
    const fail = (err: unknown): void => {
      if (called) report(err, socket);
      else next(toError(err));
    };
    try {
      const result: unknown = fn(subject, next);
      if (result instanceof Promise) result.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
  step(0);
}
