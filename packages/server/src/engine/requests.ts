/**
 * The path of a plain HTTP request (polling, SSE) on the engine path: the Origin check, the
 * CORS headers and preflight answer, the middlewares, routing, then admission of a new session,
 * the session's own transport, or the start of an upgrade probe, with the
 * `initial_headers`/`headers` events applied to the answer. Every step after an asynchronous
 * one runs guarded: what throws becomes a 500, never a crash. The engine server hands each step
 * what it needs through {@link RequestHost}; the synchronous path allocates no closure.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { EngineErrorCode } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import { type AdmissionState, admit } from "./admission.js";
import { sessionCookie } from "./cookie.js";
import { type CorsHeaders, originVerdict } from "./cors.js";
import { type EngineMiddleware, runMiddlewares } from "./middlewares.js";
import type { EngineOptions } from "./options.js";
import { middlewareFailure, originRefusal } from "./refusals.js";
import { answerHeaders, type HeadersEmitter, setHeaders } from "./response-headers.js";
import { type Kind, type Refusal, type Route, upgradeRefusal } from "./routes.js";
import type { EngineSession } from "./session.js";
import { type GatedEngine, tooManyConnections } from "./too-many-requests.js";
import type { Transport } from "./transports/transport.js";

/** What the request path needs from the engine server. */
export interface RequestHost extends HeadersEmitter {
  readonly options: Readonly<EngineOptions>;
  readonly log: ScopedLog | undefined;
  readonly middlewares: readonly EngineMiddleware[];
  readonly admission: AdmissionState;
  /** The per-address connection rate gate (too-many-requests.ts). */
  readonly gate: GatedEngine;
  /** The `cors` option's headers and preflight answers, undefined without CORS. */
  readonly cors: CorsHeaders | undefined;
  /** Where a plain request goes (routes.ts). */
  routeRequest(req: IncomingMessage): Route;
  /** Answer the refusal, log it and emit `connection_error`. */
  refuseRequest(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void;
  /** Answer 500 to a request whose handling threw. */
  internalError(res: ServerResponse, err: unknown): void;
  /** Register a session opened on `transport` (announced with `announce`). */
  register(req: IncomingMessage, transport: Transport, kind: Kind, sid: string): EngineSession;
  /** Emit `connection` for a registered session. */
  announce(session: EngineSession): void;
}

type Step = (host: RequestHost, req: IncomingMessage, res: ServerResponse) => void;

/** Handle one plain HTTP request on the engine path. */
export function handleRequest(host: RequestHost, req: IncomingMessage, res: ServerResponse): void {
  const { cors, allowCrossOrigin } = host.options;
  const verdict = originVerdict(cors, allowCrossOrigin, req);
  if (verdict === true) afterOrigin(host, req, res);
  else if (verdict === false) host.refuseRequest(req, res, originRefusal(req, cors, host.log));
  else {
    verdict.then((allowed) => {
      if (res.destroyed) return;
      if (allowed) guarded(host, req, res, afterOrigin);
      else host.refuseRequest(req, res, originRefusal(req, cors, host.log));
    });
  }
}

function afterOrigin(host: RequestHost, req: IncomingMessage, res: ServerResponse): void {
  const cors = host.cors;
  if (cors !== undefined) {
    cors(req, res);
    if (req.method === "OPTIONS") return; // the preflight is answered
  }
  if (host.middlewares.length === 0) {
    dispatch(host, req, res);
    return;
  }
  runMiddlewares(host.middlewares, req, res, (err) => {
    if (err !== undefined) host.refuseRequest(req, res, middlewareFailure(err));
    else if (!res.writableEnded && !res.destroyed) guarded(host, req, res, dispatch);
  });
}

/** Run a later step (after an asynchronous one); what it throws becomes a 500. */
function guarded(host: RequestHost, req: IncomingMessage, res: ServerResponse, step: Step): void {
  try {
    step(host, req, res);
  } catch (err) {
    host.internalError(res, err);
  }
}

function dispatch(host: RequestHost, req: IncomingMessage, res: ServerResponse): void {
  const route = host.routeRequest(req);
  if ("refusal" in route) {
    host.refuseRequest(req, res, route.refusal);
  } else if ("open" in route) {
    const kind = route.open;
    if (tooManyConnections(host.gate, req, res)) return;
    admit(host.admission, req, (refused, id) => {
      if (refused) host.refuseRequest(req, res, refused);
      else if (!res.destroyed) open(host, kind, req, res, id);
    });
  } else if (!route.probe) {
    setHeaders(res, answerHeaders(host, req, false, undefined, undefined));
    if (!route.session.handleRequest(route.kind.definition.name, req, res)) {
      host.refuseRequest(req, res, {
        code: EngineErrorCode.BAD_REQUEST,
        context: { name: "TRANSPORT_MISMATCH", transport: route.kind.definition.name },
      });
    }
  } else {
    probe(host, route.session, route.kind, req, res);
  }
}

function open(
  host: RequestHost,
  kind: Kind,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): void {
  if (kind.factory.opensWith !== "request") return;
  const transport = kind.factory.create();
  const session = host.register(req, transport, kind, id);
  const cookie = sessionCookie(host.options.cookie, session.id);
  setHeaders(res, answerHeaders(host, req, true, undefined, cookie));
  transport.handleRequest?.(req, res);
  host.announce(session);
}

function probe(
  host: RequestHost,
  session: EngineSession,
  kind: Kind,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (kind.factory.opensWith !== "request") return;
  const transport = kind.factory.create();
  if (session.attachProbe(transport)) {
    setHeaders(res, answerHeaders(host, req, false, undefined, undefined));
    transport.handleRequest?.(req, res);
  } else {
    transport.close(false);
    host.refuseRequest(req, res, upgradeRefusal(session, kind));
  }
}
