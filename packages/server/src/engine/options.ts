/**
 * Engine options and their defaults, collected in one `DEFAULTS` object. Every option of the
 * Engine.IO server layer is declared and documented here; `resolveOptions` merges user input
 * over the defaults once, at construction, so the hot paths read plain numbers.
 */

import type { IncomingMessage } from "node:http";
import type { PerMessageDeflateOptions } from "ws";

/** The transports an Engine.IO v4 session can run on. */
export type TransportName = "polling" | "websocket";

/**
 * Allowed origins for CORS and for the Origin check: `true` or `"*"` allow every origin; a
 * string, a list or a RegExp is an allow-list; a function decides per request.
 */
export type CorsOrigin =
  | true
  | "*"
  | string
  | readonly string[]
  | RegExp
  | ((origin: string, req: IncomingMessage) => boolean);

/** CORS settings. Setting `cors` at all also makes the engine answer OPTIONS preflights (204). */
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
  /** `Access-Control-Max-Age` of preflight answers, in seconds. Unset by default. */
  maxAge?: number;
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
  /** Milliseconds between server pings. Default 25000. */
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
  /** Transports accepted, for handshakes and upgrades. Default `["polling", "websocket"]`. */
  transports: readonly TransportName[];
  /** Whether polling sessions may upgrade to WebSocket. Default `true`. */
  allowUpgrades: boolean;
  /** WebSocket permessage-deflate (`ws` options, or `true` for its defaults). Default `false`. */
  perMessageDeflate: boolean | PerMessageDeflateOptions;
  /** CORS and Origin allow-list; `false` (default) sends no CORS headers and checks no Origin. */
  cors: false | CorsOptions;
  /** Gate for new sessions, see {@link AllowRequest}. Default: accept all. */
  allowRequest: AllowRequest | undefined;
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
  /** Most packets accepted in one polling body. Default 1000. */
  maxPacketsPerPayload: number;
}

/** The default of every {@link EngineOptions} field. */
export const DEFAULTS: Readonly<EngineOptions> = Object.freeze({
  path: "/socket.io/",
  pingInterval: 25_000,
  pingTimeout: 20_000,
  upgradeTimeout: 10_000,
  maxHttpBufferSize: 1e6,
  transports: Object.freeze(["polling", "websocket"] as const),
  allowUpgrades: true,
  perMessageDeflate: false,
  cors: false,
  allowRequest: undefined,
  cookie: false,
  maxBufferedBytes: 4 * 1024 * 1024,
  volatileBufferedBytes: 256 * 1024,
  maxPacketsPerPayload: 1000,
});

/**
 * Merge user options over {@link DEFAULTS}, normalizing the path to end with `/`.
 *
 * @throws {TypeError} when a timing or size option is not a positive number
 */
export function resolveOptions(options: Partial<EngineOptions> = {}): EngineOptions {
  const merged: EngineOptions = { ...DEFAULTS };
  for (const key of Object.keys(options) as (keyof EngineOptions)[]) {
    const value = options[key];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of [
    "pingInterval",
    "pingTimeout",
    "upgradeTimeout",
    "maxHttpBufferSize",
    "maxBufferedBytes",
    "volatileBufferedBytes",
    "maxPacketsPerPayload",
  ] as const) {
    const value = merged[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(`EngineOptions.${key} must be a positive number, got ${String(value)}`);
    }
  }
  const path = merged.path.endsWith("/") ? merged.path : `${merged.path}/`;
  merged.path = path.startsWith("/") ? path : `/${path}`;
  return merged;
}
