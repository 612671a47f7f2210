/**
 * CORS and the Origin allow-list. `originAllowed` is the one check used on every request of a
 * session (handshake, polls, posts and the WebSocket upgrade); `applyCors` adds the response
 * headers and `answerPreflight` answers OPTIONS with 204.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { CorsOptions, CorsOrigin } from "./options.js";

const DEFAULT_METHODS = "GET,POST";

function matches(allowed: CorsOrigin, origin: string, req: IncomingMessage): boolean {
  if (allowed === true || allowed === "*") return true;
  if (typeof allowed === "string") return allowed === origin;
  if (allowed instanceof RegExp) {
    allowed.lastIndex = 0;
    return allowed.test(origin);
  }
  if (typeof allowed === "function") {
    try {
      return allowed(origin, req) === true;
    } catch {
      return false;
    }
  }
  return allowed.includes(origin);
}

/**
 * Whether the request's `Origin` passes the allow-list. Always true without `cors`, with an
 * allow-all origin, or when the request carries no `Origin` header (non-browser clients).
 */
export function originAllowed(cors: false | CorsOptions, req: IncomingMessage): boolean {
  if (cors === false) return true;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return matches(cors.origin ?? "*", origin, req);
}

/** Set the CORS response headers of an allowed request (no-op without `cors` or `Origin`). */
export function applyCors(
  cors: false | CorsOptions,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (cors === false) return;
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const allowed = cors.origin ?? "*";
  if (allowed === "*" && !cors.credentials) {
    res.setHeader("Access-Control-Allow-Origin", "*");
  } else {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
  }
  if (cors.credentials) res.setHeader("Access-Control-Allow-Credentials", "true");
}

/** Answer a CORS preflight (OPTIONS) with 204 and the allowed methods and headers. */
export function answerPreflight(
  cors: CorsOptions,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  res.setHeader("Access-Control-Allow-Methods", cors.methods?.join(",") ?? DEFAULT_METHODS);
  const requested = req.headers["access-control-request-headers"];
  const headers = cors.allowedHeaders?.join(",") ?? requested;
  if (headers) res.setHeader("Access-Control-Allow-Headers", headers);
  if (cors.maxAge !== undefined) res.setHeader("Access-Control-Max-Age", String(cors.maxAge));
  res.writeHead(204, { "Content-Length": "0" });
  res.end();
}

/** The Origin rule of `cors`, for log lines ("allow-list [...]", "RegExp /…/", "function"). */
export function describeOriginRule(cors: false | CorsOptions): string {
  if (cors === false) return "no cors option";
  const allowed = cors.origin ?? "*";
  if (allowed === true || allowed === "*") return "any origin";
  if (typeof allowed === "string") return `only ${JSON.stringify(allowed)}`;
  if (allowed instanceof RegExp) return `RegExp ${String(allowed)}`;
  if (typeof allowed === "function") return "the cors.origin function";
  return `allow-list ${JSON.stringify(allowed)}`;
}
