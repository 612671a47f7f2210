/**
 * Every client option declared once with its default (`DEFAULTS`), and how `io()`, `new
 * Manager()` and `manager.socket()` resolve what they get. The checks (an `InvalidOptionError`
 * naming the option, the value, what was expected and the closest valid name) live in
 * `option-checks.ts` and run in development only: a production build (`process.env.NODE_ENV`
 * replaced by "production", as Vite, webpack and esbuild do) drops them. The Manager reads the
 * engine, reconnection and policy options; each Socket reads its own (`auth`, `retries`,
 * `ackTimeout`).
 */
import { type ContractDirections, InvalidOptionError, type Parser } from "@volley/protocol";
import type { ErrorHook } from "./error-reporter.js";
import type { Logger } from "./logger.js";
import { checkClientOptions, checkOneOption, checkSocketOptions } from "./option-checks.js";
import type { TransportName } from "./transport-names.js";

export { TRANSPORT_NAMES, type TransportName } from "./transport-names.js";

/** Options of one Engine.IO session (and of the Manager that owns it). */
export interface ManagerOptions {
  /** Engine.IO endpoint path. Default `"/socket.io/"`. */
  path: string;
  /**
   * Transports to use, in order: the first opens the session, later ones are upgrades (probed
   * in this order when the server offers them; the first that works is kept). `"sse"` needs
   * `import "@volley/client/sse"`; the default list skips it until then.
   */
  transports: TransportName[];
  /** When the first transport fails to open, try the next one instead of failing. */
  tryAllTransports: boolean;
  /** Whether to upgrade (to WebSocket, else SSE) when the server offers it. */
  upgrade: boolean;
  /** After an upgrade succeeded once, open the next sessions directly on that transport. */
  rememberUpgrade: boolean;
  /** Send cookies with cross-origin HTTP requests (`fetch` credentials "include"). */
  withCredentials: boolean;
  /** Extra HTTP headers for polling and SSE requests and the WebSocket handshake (Node only for WS). */
  extraHeaders: Record<string, string>;
  /** Extra query parameters sent with every Engine.IO request. */
  query: Record<string, string>;
  /** Connect timeout in ms: the handshake must complete within it. `false` disables it. */
  timeout: number | false;
  /** Reconnect automatically after an unexpected disconnection. */
  reconnection: boolean;
  /** How many reconnection attempts before giving up (`reconnect_failed`). */
  reconnectionAttempts: number;
  /** First reconnection delay in ms; doubles at each attempt. */
  reconnectionDelay: number;
  /** Upper bound of the reconnection delay in ms. */
  reconnectionDelayMax: number;
  /** Jitter applied to each delay, between 0 and 1. */
  randomizationFactor: number;
  /** Open the connection as soon as the Manager (or the socket) is created. */
  autoConnect: boolean;
  /**
   * The packet parser, in socket.io's `{ Encoder, Decoder }` shape (`@volley/msgpack-parser`,
   * `socket.io-msgpack-parser`); it must match the server's. Default: the built-in text codec.
   */
  parser: Parser | undefined;
  /**
   * Node: the connection does not keep the process alive (the WebSocket's TCP socket, the
   * heartbeat, connect and reconnect timers are unref'ed), so a script can exit while
   * connected. A long-polling request in flight still holds the process, as in socket.io-client.
   */
  autoUnref: boolean;
  /**
   * Browsers: close the connection silently on `beforeunload` (no `disconnect` event while the
   * page unloads, in every browser). Default `false`, as in socket.io-client 4.7+.
   */
  closeOnBeforeunload: boolean;
  /**
   * Use the `setTimeout`/`clearTimeout` found when the client loaded rather than the current
   * globals, so a fake clock installed later does not drive reconnection or heartbeats.
   */
  useNativeTimers: boolean;
  /**
   * Receives what an app callback threw (a listener, an effect, an ack callback, the `auth`
   * function, the logger), after the library finished its own work. Without it, the error is
   * reported as a DOM event listener's error is (`reportError`, or an uncaught exception in Node).
   */
  onError: ErrorHook | undefined;
  /** Receives debug lines `(scope, message, ...args)`; in Node, `DEBUG=volley:*` logs to stderr. */
  logger: Logger | undefined;
}

/** Options of one namespace socket. */
export interface SocketOptions {
  /** Sent in the CONNECT packet: an object, or a function that hands it to a callback. */
  auth: Record<string, unknown> | ((cb: (data: Record<string, unknown>) => void) => void);
  /** Retry each emit up to this many times when its ack times out (at-least-once delivery). */
  retries: number;
  /** Default ack timeout in ms for emits with a callback (none when undefined). */
  ackTimeout: number | undefined;
  /**
   * Most packets `socket.sendBuffer` holds while disconnected (default 1000; `Infinity` for no
   * bound). Past it an emit is refused: its ack callback (or `emitWithAck` promise) gets a
   * `SendBufferFullError` at once, an emit without ack is dropped (and logged).
   */
  maxSendBuffer: number;
  /**
   * The event contract from `defineEvents` (shared with the server). It types the socket
   * (`io(url, { events })` infers its event maps) and, with `validateIncoming`, checks what the
   * server sends. Default: none.
   */
  events: ContractDirections | undefined;
  /**
   * With `events`, check each server event against `serverToClient` before listeners see it:
   * a mismatch is reported (`onError`, source "contract") and never delivered; the check code
   * is loaded on demand. Default: on when `process.env.NODE_ENV` is defined (Node, or a bundler
   * that defines it) and not "production".
   */
  validateIncoming: boolean | undefined;
}

/** Options of `io()` only: whether to share a Manager. */
export interface CacheOptions {
  /** Always create a new Manager (no multiplexing). */
  forceNew: boolean;
  /** Share a Manager between sockets of the same origin and path. Default `true`. */
  multiplex: boolean;
}

/** Options accepted by `io()`: engine, reconnection and socket options, plus caching flags. */
export interface IoOptions
  extends Partial<ManagerOptions>,
    Partial<SocketOptions>,
    Partial<CacheOptions> {}

/** Default values of every option. */
export const DEFAULTS = {
  path: "/socket.io/",
  transports: ["polling", "websocket", "sse"],
  tryAllTransports: false,
  upgrade: true,
  rememberUpgrade: false,
  withCredentials: false,
  extraHeaders: {},
  query: {},
  timeout: 20_000,
  reconnection: true,
  reconnectionAttempts: Number.POSITIVE_INFINITY,
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 5_000,
  randomizationFactor: 0.5,
  autoConnect: true,
  parser: undefined,
  autoUnref: false,
  closeOnBeforeunload: false,
  useNativeTimers: false,
  onError: undefined,
  logger: undefined,
  auth: {},
  retries: 0,
  ackTimeout: undefined,
  maxSendBuffer: 1000,
  events: undefined,
  validateIncoming: undefined,
  forceNew: false,
  multiplex: true,
} as const satisfies ManagerOptions & SocketOptions & CacheOptions;

export type ResolvedOptions = ManagerOptions & SocketOptions & CacheOptions;

/** `input` over `defaults`; keys whose value is `undefined` count as absent. */
function merge<T>(defaults: T, input: object | undefined): T {
  const resolved = { ...defaults } as Record<string, unknown>;
  for (const [name, value] of Object.entries(input ?? {})) {
    if (value !== undefined) resolved[name] = value;
  }
  return resolved as T;
}

/**
 * Whether checks run: `process.env.NODE_ENV` is replaced by bundlers (a production build folds
 * the test to `false` and drops the checks); without a bundler a browser has no `process`, and
 * the ReferenceError means production. What a check throws passes through.
 */
function rethrowUnlessNoProcess(error: unknown): void {
  if (!(error instanceof ReferenceError)) throw error;
}

/**
 * Checks (development) what `io()` or `new Manager()` got and fills in the defaults.
 * @throws {InvalidOptionError} an unknown option (with the closest name), a wrong type, an
 * unknown transport name
 */
export function resolveClientOptions(input: object | undefined, where: string): ResolvedOptions {
  try {
    if (process.env.NODE_ENV !== "production") checkClientOptions(input, where);
  } catch (error) {
    rethrowUnlessNoProcess(error);
  }
  const resolved = merge(DEFAULTS as unknown as ResolvedOptions, input);
  // fresh copies: a Manager may change its own (`query` from the URL)
  resolved.transports = [...new Set(resolved.transports)];
  resolved.query = { ...resolved.query };
  return resolved;
}

/**
 * Checks (development) one Manager option set after construction (`manager.reconnectionDelay(500)`).
 * @throws {InvalidOptionError} a wrong type or range
 */
export function checkManagerOption<K extends keyof ManagerOptions>(
  name: K,
  value: ManagerOptions[K],
  where: string,
): ManagerOptions[K] {
  try {
    if (process.env.NODE_ENV !== "production") checkOneOption(name, value, where);
  } catch (error) {
    rethrowUnlessNoProcess(error);
  }
  return value;
}

/** Checks (development) the options of `manager.socket(nsp, options)` and fills in defaults. */
export function resolveSocketOptions(
  input: object | undefined,
  defaults: SocketOptions,
  where: string,
): SocketOptions & { autoConnect?: boolean } {
  try {
    if (process.env.NODE_ENV !== "production") checkSocketOptions(input, where);
  } catch (error) {
    rethrowUnlessNoProcess(error);
  }
  return merge(defaults, input);
}

export { InvalidOptionError };
