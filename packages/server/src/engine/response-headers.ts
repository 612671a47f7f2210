/**
 * engine.io's `initial_headers` / `headers` events: listeners get the headers object of an
 * answer (a handshake's, then every transport answer's, WebSocket `101`s included) and what
 * they set is sent. No object is built when nobody listens and there is nothing to add.
 */

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** The part of the engine server the events go through. */
export interface HeadersEmitter {
  listenerCount(event: "headers" | "initial_headers"): number;
  emit(
    event: "headers" | "initial_headers",
    headers: OutgoingHttpHeaders,
    req: IncomingMessage,
  ): boolean;
}

/**
 * The extra headers of an answer: `base` (what upgrade middlewares set) and the session cookie,
 * then whatever `initial_headers` (`initial`: a handshake) and `headers` listeners set.
 * Undefined when there is nothing to add and nobody listens.
 */
export function answerHeaders(
  emitter: HeadersEmitter,
  req: IncomingMessage,
  initial: boolean,
  base: OutgoingHttpHeaders | undefined,
  cookie: string | undefined,
): OutgoingHttpHeaders | undefined {
  const watched =
    emitter.listenerCount("headers") > 0 ||
    (initial && emitter.listenerCount("initial_headers") > 0);
  if (!watched && base === undefined && cookie === undefined) return undefined;
  const headers: OutgoingHttpHeaders = base ?? {};
  if (cookie !== undefined) headers["Set-Cookie"] = cookie;
  if (initial) emitter.emit("initial_headers", headers, req);
  emitter.emit("headers", headers, req);
  return headers;
}

/** Set `headers` on a plain response (the transport's own `writeHead` adds the rest). */
export function setHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | undefined): void {
  if (headers === undefined) return;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
}
