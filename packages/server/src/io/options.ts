/**
 * Server options: Socket.IO's names and defaults, so a Socket.IO configuration ports unchanged.
 * Engine options (path, heartbeat, limits, CORS, transports) are passed through to the engine;
 * the rest belong to the io layer. Every default lives in `DEFAULTS`.
 */
import type { IncomingMessage } from "node:http";
import type { AllowRequest, EngineOptions } from "../engine/index.js";
import type { Adapter } from "./adapter.js";
import type { Namespace } from "./namespace.js";

/** Options of connection state recovery (Socket.IO 4.6+). */
export interface ConnectionStateRecoveryOptions {
  /** How long a disconnected session (and the packets it misses) is kept, in ms. */
  maxDisconnectionDuration: number;
  /** Whether a recovered socket skips the middlewares. */
  skipMiddlewares: boolean;
  /** Most packets kept for recovery per namespace (oldest dropped first). Volley addition. */
  maxPackets?: number;
}

/** Creates the adapter of a namespace. A class with a `(nsp)` constructor fits too. */
export type AdapterFactory = ((nsp: Namespace) => Adapter) | (new (nsp: Namespace) => Adapter);

/** Socket.IO's `allowRequest`: call back `(err, success)`; `err` (a string) is the message. */
export type AllowRequestCallback = (
  req: IncomingMessage,
  fn: (err: string | null | undefined, success: boolean) => void,
) => void;

/**
 * Every option of `new Server(…, options)`: the engine's (path, pingInterval, pingTimeout,
 * upgradeTimeout, maxHttpBufferSize, transports, allowUpgrades, perMessageDeflate, cors, cookie,
 * allowRequest, …; see the engine's options) plus the io layer's below.
 */
export interface ServerOptions extends Omit<EngineOptions, "allowRequest"> {
  /** Socket.IO's callback form or the engine's `(req) => boolean | string | Promise<…>` form. */
  allowRequest: AllowRequestCallback | AllowRequest | undefined;
  /** Ms a session may stay without joining any namespace before it is closed. Default 45000. */
  connectTimeout: number;
  /** Connection state recovery; off unless given. */
  connectionStateRecovery?: Partial<ConnectionStateRecoveryOptions>;
  /** The adapter of every namespace (a factory or a class). Default: InMemoryAdapter. */
  adapter?: AdapterFactory;
  /** Remove a dynamic child namespace once its last socket leaves. Default false. */
  cleanupEmptyChildNamespaces: boolean;
  /** Accepted for compatibility; Volley never serves the client bundle. */
  serveClient?: boolean;
}

/** io-layer defaults (engine defaults are Socket.IO's as well and live in the engine). */
export const DEFAULTS = {
  connectTimeout: 45_000,
  cleanupEmptyChildNamespaces: false,
  connectionStateRecovery: {
    maxDisconnectionDuration: 2 * 60 * 1000,
    skipMiddlewares: true,
    maxPackets: 10_000,
  } satisfies ConnectionStateRecoveryOptions,
} as const;

/** io-layer options after defaults were applied. */
export interface IoOptions {
  connectTimeout: number;
  connectionStateRecovery?: ConnectionStateRecoveryOptions;
  adapter?: AdapterFactory;
  cleanupEmptyChildNamespaces: boolean;
}

/** Splits user options into the io layer's (with defaults) and the engine's. */
export function resolveOptions(opts: Partial<ServerOptions> = {}): {
  io: IoOptions;
  engine: Partial<EngineOptions>;
} {
  const {
    connectTimeout,
    connectionStateRecovery,
    adapter,
    cleanupEmptyChildNamespaces,
    serveClient: _serveClient,
    allowRequest,
    ...engine
  } = opts;
  const io: IoOptions = {
    connectTimeout: connectTimeout ?? DEFAULTS.connectTimeout,
    cleanupEmptyChildNamespaces:
      cleanupEmptyChildNamespaces ?? DEFAULTS.cleanupEmptyChildNamespaces,
  };
  if (adapter) io.adapter = adapter;
  if (connectionStateRecovery) {
    io.connectionStateRecovery = { ...DEFAULTS.connectionStateRecovery };
    for (const [key, value] of Object.entries(connectionStateRecovery)) {
      if (value !== undefined)
        (io.connectionStateRecovery as unknown as Record<string, unknown>)[key] = value;
    }
  }
  const engineOptions: Partial<EngineOptions> = { ...engine };
  if (allowRequest) engineOptions.allowRequest = toEngineAllowRequest(allowRequest);
  return { io, engine: engineOptions };
}

/** Adapts Socket.IO's callback `allowRequest` to the engine's promise form. */
function toEngineAllowRequest(fn: AllowRequestCallback | AllowRequest): AllowRequest {
  if (fn.length < 2) return fn as AllowRequest;
  const callbackStyle = fn as AllowRequestCallback;
  return (req: IncomingMessage) =>
    new Promise<boolean | string>((resolve) => {
      callbackStyle(req, (err, success) => {
        if (success) resolve(true);
        else resolve(typeof err === "string" && err.length > 0 ? err : false);
      });
    });
}
