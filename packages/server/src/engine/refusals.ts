/**
 * What the engine says when it refuses: the refusal of a foreign Origin or a failed
 * middleware, the log line naming the request and the reason, and the answer to an error
 * thrown while serving (500, a log line and a process warning, never a crash). The server
 * sends the Engine.IO error answers (http-errors.ts) and emits `connection_error`.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { EngineErrorCode, engineErrorMessage } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import { describeOriginRule } from "./cors.js";
import type { CorsOptions } from "./options.js";
import type { Refusal } from "./routes.js";

/** The refusal of a request whose Origin did not pass; logged with the rule that refused it. */
export function originRefusal(
  req: IncomingMessage,
  cors: false | CorsOptions,
  log: ScopedLog | undefined,
): Refusal {
  const origin = req.headers.origin;
  log?.(
    "refused origin %s (rule: %s) on %s %s",
    origin,
    describeOriginRule(cors),
    req.method,
    req.url,
  );
  return { code: EngineErrorCode.FORBIDDEN, context: { name: "ORIGIN_NOT_ALLOWED", origin } };
}

/** The refusal of a request a middleware failed (engine.io's `MIDDLEWARE_FAILURE`). */
export function middlewareFailure(error: unknown): Refusal {
  return { code: EngineErrorCode.BAD_REQUEST, context: { name: "MIDDLEWARE_FAILURE", error } };
}

/** Log a refusal; returns the message sent to the client. */
export function logRefusal(
  req: IncomingMessage,
  refusal: Refusal,
  log: ScopedLog | undefined,
): string {
  const message = refusal.message ?? engineErrorMessage(refusal.code);
  log?.(
    "refused %s %s: %d %s %s",
    req.method,
    req.url,
    refusal.code,
    message,
    JSON.stringify(refusal.context),
  );
  return message;
}

/** Answer 500 to a request whose handling threw, log it and raise a process warning. */
export function internalError(res: ServerResponse, err: unknown, log: ScopedLog | undefined): void {
  if (!res.headersSent && !res.destroyed) {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end();
  }
  log?.("internal error: %o", err);
  process.emitWarning(err instanceof Error ? err : String(err), "VolleyEngineWarning");
}
