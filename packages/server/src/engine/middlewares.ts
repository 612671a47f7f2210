/**
 * `engine.use(fn)`: express-style `(req, res, next)` middlewares run on every HTTP request of
 * the engine (handshake, polls, posts, SSE streams) and on the WebSocket upgrade, before the
 * request is routed — how apps share express-session or passport with their sockets
 * (`socket.request.session`). As engine.io does, an upgrade gets a stand-in response
 * ({@link UpgradeResponse}) whose headers go into the `101 Switching Protocols` answer.
 */

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

/**
 * An express-style middleware: call `next()` to go on, `next(err)` to refuse the request
 * (400 `{"code":3,"message":"Bad request"}`, `connection_error` context `MIDDLEWARE_FAILURE`).
 * On a WebSocket upgrade `res` is an {@link UpgradeResponse}.
 */
export type EngineMiddleware = {
  // method syntax makes the parameters bivariant, so connect/express middlewares (typed with
  // their own `Request`/`Response`, which extend Node's) are accepted as they are, as in
  // engine.io
  bivariant(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
}["bivariant"];

/**
 * Run `middlewares` in order on one request; `done(err)` once, after the last one called
 * `next()` (`err` undefined) or as soon as one fails (called `next(err)` or threw). A middleware
 * that calls `next` twice is ignored the second time.
 */
export function runMiddlewares(
  middlewares: readonly EngineMiddleware[],
  req: IncomingMessage,
  res: ServerResponse,
  done: (err: unknown) => void,
): void {
  let index = 0;
  let finished = false;
  const step = (err?: unknown): void => {
    if (finished) return;
    if (err !== undefined && err !== null) {
      finished = true;
      done(err);
      return;
    }
    const middleware = middlewares[index++];
    if (middleware === undefined) {
      finished = true;
      done(undefined);
      return;
    }
    let called = false;
    const next = (e?: unknown): void => {
      if (called) return;
      called = true;
      step(e);
    };
    try {
      middleware(req, res, next);
    } catch (thrown) {
      next(thrown ?? new Error("middleware threw"));
    }
  };
  step();
}

/**
 * The `res` middlewares see on a WebSocket upgrade (no `ServerResponse` exists there): headers
 * they set are added to the 101 answer; `end()` (a middleware refusing on its own) destroys
 * the socket. Like engine.io's stand-in, `writeHead`/`write` do nothing.
 */
export class UpgradeResponse {
  /** Headers set by middlewares, written into the 101 answer. */
  readonly headers: OutgoingHttpHeaders = {};
  readonly req: IncomingMessage;
  private readonly socket: Duplex;
  statusCode = 101;
  headersSent = false;

  constructor(req: IncomingMessage, socket: Duplex) {
    this.req = req;
    this.socket = socket;
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    this.headers[name.toLowerCase()] = value as string | string[];
    return this;
  }

  getHeader(name: string): number | string | string[] | undefined {
    return this.headers[name.toLowerCase()];
  }

  getHeaders(): OutgoingHttpHeaders {
    return { ...this.headers };
  }

  hasHeader(name: string): boolean {
    return this.headers[name.toLowerCase()] !== undefined;
  }

  removeHeader(name: string): void {
    delete this.headers[name.toLowerCase()];
  }

  writeHead(): this {
    return this;
  }

  write(): boolean {
    return true;
  }

  end(): this {
    this.socket.destroy();
    return this;
  }

  /** Express-style middlewares sometimes listen for the response's end; it never comes here. */
  on(): this {
    return this;
  }

  once(): this {
    return this;
  }
}
