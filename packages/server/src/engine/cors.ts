/**
 * CORS and the Origin check. `originVerdict` is the one check used on every request of a
 * session (handshake, polls, posts, SSE streams and the WebSocket upgrade): the `cors`
 * option's `origin` when set — with the `cors` package's semantics (a boolean, a string, a
 * RegExp, an array mixing strings and RegExps, or a function `(origin, callback)`) — else
 * same-origin only unless `allowCrossOrigin`. Allowed requests then get their CORS headers and
 * preflight answers from the `cors` package itself (`corsHeaders`), as engine.io does; the
 * package alone would only omit the headers for a foreign origin, which stops nothing outside
 * a browser's fetch (a WebSocket is not covered by CORS), hence our refusal first.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import corsPackage from "cors";
import type { CorsOptions, CorsOrigin, StaticOrigin } from "./options.js";

const DEFAULT_METHODS = ["GET", "POST"];

function matchesStatic(allowed: StaticOrigin, origin: string): boolean {
  if (allowed === true || allowed === "*") return true;
  if (allowed === false) return false;
  if (typeof allowed === "string") return allowed === origin;
  if (allowed instanceof RegExp) {
    allowed.lastIndex = 0;
    return allowed.test(origin);
  }
  for (const entry of allowed) {
    if (matchesStatic(entry, origin)) return true;
  }
  return false;
}

function ignore(): void {}

/**
 * Ask a function origin rule. It may answer through its callback (the `cors` package's
 * `(origin, callback)`), synchronously or not, or by returning a boolean. A thrown error, an
 * error passed to the callback refuses; a function that never answers leaves the request
 * waiting, as it would with the `cors` package (the HTTP server's timeouts end it).
 */
function askFunction(
  rule: Extract<CorsOrigin, (...args: never[]) => unknown>,
  origin: string,
): boolean | Promise<boolean> {
  let settle: (allowed: boolean) => void = ignore;
  let early: boolean | undefined;
  const callback = (err: Error | null | undefined, allow?: StaticOrigin): void => {
    const verdict =
      (err === null || err === undefined) && allow !== undefined
        ? matchesStatic(allow, origin)
        : false;
    if (settle === ignore) early ??= verdict;
    else settle(verdict);
    settle = ignore;
  };
  let returned: unknown;
  try {
    returned = rule(origin, callback);
  } catch {
    return false;
  }
  if (typeof returned === "boolean") return returned;
  if (early !== undefined) return early;
  if (returned instanceof Promise) {
    return returned.then(
      (value) => (typeof value === "boolean" ? value : (early ?? false)),
      () => false,
    );
  }
  return new Promise((resolve) => {
    settle = resolve;
  });
}

/**
 * Whether the request's `Origin` passes: a boolean, or a promise of one when `cors.origin` is a
 * function that answers later. A request without `Origin` (non-browser clients) always passes.
 * With `cors` (and an `origin` other than `false`), its rule decides. Without `cors`, only the
 * server's own origin passes (secure by default: a page on another site cannot open a
 * WebSocket, or any other transport, riding the user's cookies), unless `allowCrossOrigin`
 * restores socket.io's permissive default.
 */
export function originVerdict(
  cors: false | CorsOptions,
  allowCrossOrigin: boolean,
  req: IncomingMessage,
): boolean | Promise<boolean> {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (cors !== false && cors.origin !== false) {
    const rule = cors.origin ?? "*";
    return typeof rule === "function" ? askFunction(rule, origin) : matchesStatic(rule, origin);
  }
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

/** Adds CORS headers to an allowed request; answers preflights. */
export type CorsHeaders = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The `cors` package's middleware for requests that passed `originVerdict`: the origin is then
 * known to be allowed, so it is reflected (or `*` for an any-origin rule without credentials).
 * Preflights (OPTIONS) are answered with `optionsSuccessStatus` (204 by default). Without
 * `cors`, or with `origin: false`, no CORS headers are sent. Built once per engine.
 */
export function corsHeaders(cors: false | CorsOptions): CorsHeaders | undefined {
  if (cors === false || cors.origin === false) return undefined;
  const any = cors.origin === undefined || cors.origin === true || cors.origin === "*";
  const middleware = corsPackage({
    origin: any && !cors.credentials ? "*" : true,
    methods: [...(cors.methods ?? DEFAULT_METHODS)],
    ...(cors.allowedHeaders === undefined ? {} : { allowedHeaders: [...cors.allowedHeaders] }),
    ...(cors.exposedHeaders === undefined ? {} : { exposedHeaders: [...cors.exposedHeaders] }),
    ...(cors.credentials === undefined ? {} : { credentials: cors.credentials }),
    ...(cors.maxAge === undefined ? {} : { maxAge: cors.maxAge }),
    optionsSuccessStatus: cors.optionsSuccessStatus ?? 204,
  });
  // a static origin makes the package synchronous: `next` has been called when it returns
  return (req, res) => middleware(req, res, ignore);
}

/** The Origin rule of `cors`, for log lines ("allow-list [...]", "RegExp /…/", "function"). */
export function describeOriginRule(cors: false | CorsOptions): string {
  if (cors === false) {
    return "same origin only: no cors option (set cors.origin, or allowCrossOrigin: true)";
  }
  const allowed = cors.origin ?? "*";
  if (allowed === false) return "same origin only (cors.origin: false)";
  if (allowed === true || allowed === "*") return "any origin";
  if (typeof allowed === "string") return `only ${JSON.stringify(allowed)}`;
  if (allowed instanceof RegExp) return `RegExp ${String(allowed)}`;
  if (typeof allowed === "function") return "the cors.origin function";
  return `allow-list [${allowed.map((o) => (o instanceof RegExp ? String(o) : JSON.stringify(o))).join(",")}]`;
}
