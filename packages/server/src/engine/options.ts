/**
 * Engine options: every option of the Engine.IO server layer is declared once here, with its
 * type and documentation (`EngineOptions`), its check (`ENGINE_OPTION_CHECKS`) and its default
 * (`DEFAULTS`). `resolveEngineOptions` validates user input against the checks and merges it
 * over the defaults once, at construction, so the hot paths read plain numbers.
 */

import type { IncomingMessage } from "node:http";
import { check, type OptionChecks, resolveOptions } from "@volley/protocol";
import type { Logger } from "../logger.js";
import type { ConnectionGate } from "./address-limiter.js";
import type { HttpCompressionOptions } from "./transports/http-compression.js";
import { TRANSPORT_NAMES, type TransportName } from "./transports/index.js";
import type { PerMessageDeflateOptions } from "./transports/transport.js";

export type { HttpCompressionOptions, PerMessageDeflateOptions, TransportName };

/** An origin rule without a function: the `cors` package's static forms. */
export type StaticOrigin = boolean | string | RegExp | readonly (string | RegExp)[];

/**
 * Allowed origins for CORS and for the Origin check, with the `cors` package's semantics:
 * `true` or `"*"` allow every origin; `false` sends no CORS headers (same-origin requests only);
 * a string, a RegExp or an array mixing both is an allow-list; a function decides per request,
 * answering through `callback(err, allow)` (`allow` any static form) like the `cors` package
 * (synchronously or later), or by returning a boolean.
 */
export type CorsOrigin =
  | StaticOrigin
  | ((origin: string, callback: (err: Error | null, allow?: StaticOrigin) => void) => unknown);

/**
 * CORS settings, as the `cors` package takes them (its `preflightContinue` and per-request
 * delegate are not supported). Setting `cors` also makes the engine answer OPTIONS preflights.
 */
export interface CorsOptions {
  /**
   * Allowed origins. With an allow-list (anything but `true`/`"*"`), every request of a session
   * carrying a foreign `Origin` header (handshake, polls, posts and the WebSocket upgrade) is
   * refused with 403 `{"code":4,"message":"Forbidden"}`. Requests without `Origin` (non-browser
   * clients) are allowed. Default `"*"`.
   */
  origin?: CorsOrigin;
  /** Send `Access-Control-Allow-Credentials: true` (the origin is then echoed, never `*`). */
  credentials?: boolean;
  /** `Access-Control-Allow-Methods` of preflight answers. Default `["GET", "POST"]`. */
  methods?: readonly string[];
  /** `Access-Control-Allow-Headers`; default: echo `Access-Control-Request-Headers`. */
  allowedHeaders?: readonly string[];
  /** `Access-Control-Expose-Headers` of every answer. Unset by default. */
  exposedHeaders?: readonly string[];
  /** `Access-Control-Max-Age` of preflight answers, in seconds. Unset by default. */
  maxAge?: number;
  /** Status of preflight answers. Default 204. */
  optionsSuccessStatus?: number;
}

/** The `io` session cookie set on the handshake answer, like engine.io's `cookie` option. */
export interface CookieOptions {
  /** Cookie name. Default `"io"`. */
  name?: string;
  /** Cookie path. Default `"/"`. */
  path?: string;
  /** Default `true`. */
  httpOnly?: boolean;
  /** Default `"lax"`. */
  sameSite?: "strict" | "lax" | "none";
  /** Default `false`. */
  secure?: boolean;
  /** `Domain` attribute; unset by default. */
  domain?: string;
  /** `Max-Age` in seconds; unset by default (a session cookie). */
  maxAge?: number;
}

/**
 * Decides whether a handshake (a request without `sid`) may open a session. `true` accepts;
 * `false` refuses with 403 "Forbidden"; a string refuses with 403 and that string as the
 * message. A thrown error or rejected promise refuses with 403 "Forbidden" (never a crash).
 */
export type AllowRequest = (req: IncomingMessage) => boolean | string | Promise<boolean | string>;

/** Options of {@link EngineServer}. */
export interface EngineOptions {
  /** URL path the engine answers on; other paths are left to the application. Default `"/socket.io/"`. */
  path: string;
  /**
   * Milliseconds between server pings. Default 25000. Heartbeat deadlines keep to a tick of at
   * most 1/20 of the shorter of `pingInterval` and `pingTimeout` (heartbeat-schedule.ts).
   */
  pingInterval: number;
  /** Milliseconds to wait for the pong after a ping before closing with "ping timeout". Default 20000. */
  pingTimeout: number;
  /** Milliseconds a polling→WebSocket upgrade may take before the probe WebSocket is dropped. Default 10000. */
  upgradeTimeout: number;
  /**
   * Largest polling body and largest WebSocket message, in bytes (413 / close 1009 beyond it).
   * Also advertised to clients as `maxPayload`. Default 1e6.
   */
  maxHttpBufferSize: number;
  /**
   * Transports accepted, for handshakes and upgrades: any of the registered `"polling"`,
   * `"websocket"` and `"sse"`. Default `["polling", "websocket", "sse"]`.
   */
  transports: readonly TransportName[];
  /** Whether sessions may upgrade (polling → WebSocket or SSE, SSE → WebSocket). Default `true`. */
  allowUpgrades: boolean;
  /** WebSocket permessage-deflate (`ws` options, or `true` for its defaults). Default `false`. */
  perMessageDeflate: boolean | PerMessageDeflateOptions;
  /**
   * CORS and Origin allow-list. `false` (default) sends no CORS headers and accepts browser
   * requests from the server's own origin only (see `allowCrossOrigin`).
   */
  cors: false | CorsOptions;
  /**
   * Without `cors`, a browser request (one with an `Origin` header) whose origin is not the
   * server's own host (`Host`, or a proxy's `X-Forwarded-Host`) is refused on every transport,
   * WebSocket upgrades included: 403 `{"code":4,"message":"Forbidden"}`, a `connection_error`
   * (`context.name` `"ORIGIN_NOT_ALLOWED"`) and a debug log line. This stops cross-site
   * WebSocket hijacking, which CORS does not cover. `true` restores socket.io's permissive
   * default (every origin accepted when `cors` is not set). Requests without `Origin`
   * (non-browser clients) are never affected. Ignored when `cors` is set. Default `false`.
   */
  allowCrossOrigin: boolean;
  /**
   * Compress long-polling responses of at least `threshold` bytes with gzip or deflate when the
   * client accepts it (`Accept-Encoding`), as engine.io does; packets sent with
   * `compress: false` are not compressed. `false` turns it off. Not applied to SSE (a stream
   * whose events must reach the client as they are written) nor to WebSocket (see
   * `perMessageDeflate`). Default `{ threshold: 1024 }`.
   */
  httpCompression: false | HttpCompressionOptions;
  /**
   * Serve the browser client: `<path>socket.io.js` (a global `io`, like socket.io's bundle),
   * `socket.io.min.js`, `socket.io.esm.min.js` and their `.map` files, built from the installed
   * `@volley/client` package, with an ETag and `Cache-Control: public, max-age=0`. Answers 404
   * (logged once) when `@volley/client` is not installed. Default `true`, as socket.io.
   */
  serveClient: boolean;
  /** Gate for new sessions, see {@link AllowRequest}. Default: accept all. */
  allowRequest: AllowRequest | undefined;
  /**
   * Rate gate for handshakes, checked before `allowRequest` (e.g. an `AddressLimiter`: new
   * sessions per client address). Refused handshakes get HTTP 429 with `Retry-After`. The io
   * layer sets it from its `limits.connections` option. Default: none.
   */
  connectionGate: ConnectionGate | undefined;
  /** Set an `io` cookie holding the sid on the handshake answer. Default `false`. */
  cookie: boolean | CookieOptions;
  /**
   * Hard bound on a session's unsent bytes (polling queue, or WebSocket `bufferedAmount` plus
   * queue). Past it the session closes with "send buffer overflow", so a client that stops
   * reading cannot grow server memory without limit. Default 4 MiB.
   */
  maxBufferedBytes: number;
  /** Soft bound: past this many unsent bytes, volatile messages are dropped. Default 256 KiB. */
  volatileBufferedBytes: number;
  /** Most packets accepted in one polling (or SSE) POST body. Default 1000. */
  maxPacketsPerPayload: number;
  /**
   * Milliseconds a new TCP connection to the HTTP server the engine is attached to may stay
   * without sending a request (or upgrade) before it is closed: Node's `headersTimeout` only
   * starts once a request has begun, so a connection that never sends a byte would stay open
   * forever. Applies to servers the app passes in and to the one `listen` creates; connections
   * serving requests or upgraded are never touched, and no server timeout is changed. `0`
   * turns it off. Default 30000.
   */
  firstRequestTimeout: number;
  /**
   * Where the engine's log lines go (refused origins, failed handshakes, sessions opening and
   * closing, upgrades, buffer overflows). Default: the `debug` package under `volley:engine`,
   * silent unless `DEBUG=volley:engine` (or `volley:*`) is set.
   */
  logger: Logger | undefined;
}

/** The default of every {@link EngineOptions} field. */
export const DEFAULTS: Readonly<EngineOptions> = Object.freeze({
  path: "/socket.io/",
  pingInterval: 25_000,
  pingTimeout: 20_000,
  upgradeTimeout: 10_000,
  maxHttpBufferSize: 1e6,
  transports: Object.freeze(["polling", "websocket", "sse"] as const),
  allowUpgrades: true,
  perMessageDeflate: false,
  cors: false,
  allowCrossOrigin: false,
  httpCompression: Object.freeze({ threshold: 1024 }),
  serveClient: true,
  allowRequest: undefined,
  connectionGate: undefined,
  cookie: false,
  maxBufferedBytes: 4 * 1024 * 1024,
  volatileBufferedBytes: 256 * 1024,
  maxPacketsPerPayload: 1000,
  firstRequestTimeout: 30_000,
  logger: undefined,
});

/** Largest delay a Node timer takes (longer ones fire at once). */
const MAX_DELAY = 2 ** 31 - 1;
const delay = check.number(1, MAX_DELAY);
const size = check.number(1, Number.MAX_SAFE_INTEGER);

/**
 * How each engine option is checked. A plain object, so that a layer above (the io layer) can
 * merge its own checks with these into one declaration of its options.
 */
export const ENGINE_OPTION_CHECKS: OptionChecks<EngineOptions> = {
  path: check.string,
  pingInterval: delay,
  pingTimeout: delay,
  upgradeTimeout: delay,
  maxHttpBufferSize: size,
  transports: check.listOf(TRANSPORT_NAMES),
  allowUpgrades: check.boolean,
  perMessageDeflate: check.either(check.boolean, check.object),
  cors: check.either(check.boolean, check.object),
  allowCrossOrigin: check.boolean,
  httpCompression: check.either(check.boolean, check.object),
  serveClient: check.boolean,
  allowRequest: check.func,
  connectionGate: check.object,
  cookie: check.either(check.boolean, check.object),
  maxBufferedBytes: size,
  volatileBufferedBytes: size,
  maxPacketsPerPayload: size,
  firstRequestTimeout: check.number(0, MAX_DELAY),
  logger: check.func,
};

/**
 * Validate `input` against {@link ENGINE_OPTION_CHECKS} and merge it over {@link DEFAULTS},
 * normalizing the path to start and end with `/`. `cors: true` means `{}` (every origin).
 *
 * @throws {InvalidOptionError} (a TypeError, `code: "INVALID_OPTION"`) for an unknown option,
 * a value of the wrong type, or an unknown transport name (naming the closest valid one)
 * @example
 * resolveEngineOptions({ pingInterval: 10_000, transports: ["websocket"] });
 */
export function resolveEngineOptions(
  input: Partial<EngineOptions> = {},
  where = "new EngineServer()",
): EngineOptions {
  const resolved = resolveOptions<EngineOptions>(ENGINE_OPTION_CHECKS, DEFAULTS, input, where);
  if ((resolved.cors as unknown) === true) resolved.cors = {};
  if ((resolved.httpCompression as unknown) === true) resolved.httpCompression = {};
  const path = resolved.path.endsWith("/") ? resolved.path : `${resolved.path}/`;
  resolved.path = path.startsWith("/") ? path : `/${path}`;
  return resolved;
}
