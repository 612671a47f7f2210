/**
 * CORS and the Origin check. `originAllowed` is the one check used on every request of a
 * session (handshake, polls, posts, SSE streams and the WebSocket upgrade): the `cors`
 * allow-list when set, else same-origin only unless `allowCrossOrigin`; `applyCors` adds the response
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
 * Whether the request's `Origin` passes. A request without `Origin` (non-browser clients) always
 * does. With `cors`, its allow-list decides. Without `cors`, only the server's own origin passes
 * (secure by default: a page on another site cannot open a WebSocket, or any other transport,
 * riding the user's cookies), unless `allowCrossOrigin` restores socket.io's permissive default.
 */
export function originAllowed(
  cors: false | CorsOptions,
  allowCrossOrigin: boolean,
  req: IncomingMessage,
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (cors !== false) return matches(cors.origin ?? "*", origin, req);
  return allowCrossOrigin || sameOrigin(origin, req);
}

const DEFAULT_PORTS: Record<string, string> = {
  "http:": "80",
  "https:": "443",
  "ws:": "80",
  "wss:": "443",
};

/** `host[:port]` lower-cased, without the scheme's default port. */
function normalHost(host: string, protocol: string): string {
  const lower = host.trim().toLowerCase();
  const port = DEFAULT_PORTS[protocol];
  return port !== undefined && lower.endsWith(`:${port}`)
    ? lower.slice(0, -port.length - 1)
    : lower;
}

/**
 * Whether `origin` names the host the request was sent to: its `Host` header, or the first
 * `X-Forwarded-Host` a reverse proxy set (a browser cannot add that header to a WebSocket or a
 * simple cross-origin request). `null` and malformed origins are foreign.
 */
export function sameOrigin(origin: string, req: IncomingMessage): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === "") return false;
  const own = normalHost(url.host, url.protocol);
  const host = req.headers.host;
  if (host !== undefined && normalHost(host, url.protocol) === own) return true;
  const forwarded = req.headers["x-forwarded-host"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0];
  return first !== undefined && normalHost(first, url.protocol) === own;
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
  if (cors === false) {
    return "same origin only: no cors option (set cors.origin, or allowCrossOrigin: true)";
  }
  const allowed = cors.origin ?? "*";
  if (allowed === true || allowed === "*") return "any origin";
  if (typeof allowed === "string") return `only ${JSON.stringify(allowed)}`;
  if (allowed instanceof RegExp) return `RegExp ${String(allowed)}`;
  if (typeof allowed === "function") return "the cors.origin function";
  return `allow-list ${JSON.stringify(allowed)}`;
}
