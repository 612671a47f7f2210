/**
 * The path of an HTTP upgrade (WebSocket) on the engine path: the Origin check, the
 * middlewares (with a stand-in response whose headers go into the `101`), routing, admission of
 * a new session or the start of an upgrade probe, and the `initial_headers`/`headers` events.
 * Every step after the first runs guarded: what throws refuses the upgrade, never a crash.
 * The engine server hands each step what it needs through {@link UpgradeHost}.
 */

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { EngineErrorCode } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import { type AdmissionState, admit } from "./admission.js";
import { sessionCookie } from "./cookie.js";
import { originVerdict } from "./cors.js";
import { abortUpgrade } from "./http-errors.js";
import { type EngineMiddleware, runMiddlewares, UpgradeResponse } from "./middlewares.js";
import type { EngineOptions } from "./options.js";
import { middlewareFailure, originRefusal } from "./refusals.js";
import { answerHeaders, type HeadersEmitter } from "./response-headers.js";
import type { Kind, Refusal, Route } from "./routes.js";
import type { EngineSession } from "./session.js";
import { type GatedEngine, tooManyConnections } from "./too-many-requests.js";
import type { Transport } from "./transports/transport.js";

/** What the upgrade path needs from the engine server. */
export interface UpgradeHost extends HeadersEmitter {
  readonly options: Readonly<EngineOptions>;
  readonly log: ScopedLog | undefined;
  readonly middlewares: readonly EngineMiddleware[];
  readonly admission: AdmissionState;
  /** The per-address connection rate gate (too-many-requests.ts). */
  readonly gate: GatedEngine;
  /** Where an upgrade request goes (routes.ts). */
  routeUpgrade(req: IncomingMessage): Route;
  /** Whether `session` may start an upgrade to `kind` now. */
  mayUpgrade(session: EngineSession, kind: Kind): boolean;
  /** Answer the refusal, log it and emit `connection_error`. */
  refuseUpgrade(req: IncomingMessage, socket: Duplex, refusal: Refusal): void;
  /** A session opened on `transport`: register and announce it (or close it if closing). */
  openUpgraded(req: IncomingMessage, transport: Transport, kind: Kind, sid: string): void;
}

/** Handle one upgrade on the engine path. */
export function handleUpgrade(
  host: UpgradeHost,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const { cors, allowCrossOrigin } = host.options;
  const verdict = originVerdict(cors, allowCrossOrigin, req);
  if (verdict === true) afterOrigin(host, req, socket, head);
  else if (verdict === false) host.refuseUpgrade(req, socket, originRefusal(req, cors, host.log));
  else {
    verdict.then((allowed) => {
      if (socket.destroyed) return;
      if (allowed) guarded(host, req, socket, head, undefined, false);
      else host.refuseUpgrade(req, socket, originRefusal(req, cors, host.log));
    });
  }
}

function afterOrigin(host: UpgradeHost, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  if (host.middlewares.length === 0) {
    dispatch(host, req, socket, head, undefined);
    return;
  }
  const res = new UpgradeResponse(req, socket);
  runMiddlewares(host.middlewares, req, res as unknown as ServerResponse, (err) => {
    if (err !== undefined) host.refuseUpgrade(req, socket, middlewareFailure(err));
    else if (!socket.destroyed) guarded(host, req, socket, head, res.headers, true);
  });
}

/** Run a later step (after an asynchronous one); what it throws refuses the upgrade. */
function guarded(
  host: UpgradeHost,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  base: OutgoingHttpHeaders | undefined,
  afterMiddlewares: boolean,
): void {
  try {
    if (afterMiddlewares) dispatch(host, req, socket, head, base);
    else afterOrigin(host, req, socket, head);
  } catch {
    abortUpgrade(socket, EngineErrorCode.BAD_REQUEST);
  }
}

function dispatch(
  host: UpgradeHost,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  base: OutgoingHttpHeaders | undefined,
): void {
  const route = host.routeUpgrade(req);
  if ("refusal" in route) {
    host.refuseUpgrade(req, socket, route.refusal);
    return;
  }
  if ("session" in route) {
    const { session, kind } = route;
    if (kind.factory.opensWith !== "upgrade") return;
    const headers = answerHeaders(host, req, false, base, undefined);
    kind.factory.accept(req, socket, head, headers, (probe) => {
      // the session may have changed while the upgrade completed
      if (!host.mayUpgrade(session, kind) || !session.attachProbe(probe)) probe.close(false);
    });
    return;
  }
  const kind = route.open;
  if (tooManyConnections(host.gate, req, socket)) return;
  admit(host.admission, req, (refused, sid) => {
    if (refused) {
      host.refuseUpgrade(req, socket, refused);
      return;
    }
    if (socket.destroyed || kind.factory.opensWith !== "upgrade") return;
    const cookie = sessionCookie(host.options.cookie, sid);
    const headers = answerHeaders(host, req, true, base, cookie);
    kind.factory.accept(req, socket, head, headers, (transport) =>
      host.openUpgraded(req, transport, kind, sid),
    );
  });
}
