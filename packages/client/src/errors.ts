/**
 * Why a connection failed, as typed errors with stable codes (`err.code`), a readable
 * `description` (development builds; the code in production, see `errorTexts`) and the facts in
 * `context` (HTTP status and path, WebSocket close code and reason, the timeout's limit).
 * `message` stays the one socket.io-client users know ("xhr poll error", "websocket error",
 * "timeout"), and transport failures keep its `type: "TransportError"`. Every code is listed in
 * `ConnectionErrorCode` and the README.
 */
import * as texts from "./error-texts.js";

/**
 * The readable descriptions, in development only. Bundlers replace `process.env.NODE_ENV`; in a
 * production build this returns `undefined` and error-texts.ts is left out. Without a bundler a
 * browser has no `process`: production too.
 */
export function errorTexts(): typeof texts | undefined {
  try {
    if (process.env.NODE_ENV !== "production") return texts;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
  }
  return undefined;
}

/** Every code a connection error may carry. */
export const ConnectionErrorCode = {
  /** The server answered an HTTP error status (a wrong `path` is a 404; a refusal a 400/403). */
  HTTP_ERROR: "HTTP_ERROR",
  /** A browser hid the response: most likely CORS (or the server is unreachable). */
  PROBABLY_CORS: "PROBABLY_CORS",
  /** Nothing listens at that host and port (ECONNREFUSED). */
  CONNECTION_REFUSED: "CONNECTION_REFUSED",
  /** The host could not be resolved or reached (ENOTFOUND, EHOSTUNREACH, ETIMEDOUT…). */
  UNREACHABLE: "UNREACHABLE",
  /** Another network failure (a reset, a request that could not complete). */
  NETWORK_ERROR: "NETWORK_ERROR",
  /** The WebSocket closed (or never opened): see `context.closeCode` and `closeReason`. */
  WEBSOCKET_CLOSED: "WEBSOCKET_CLOSED",
  /** No WebSocket could be created (none in this runtime, or the page blocks it). */
  WEBSOCKET_UNAVAILABLE: "WEBSOCKET_UNAVAILABLE",
  /** A streaming response (SSE) ended or failed without the server's close packet. */
  STREAM_ENDED: "STREAM_ENDED",
  /** The server sent something that is not Engine.IO. */
  PARSE_ERROR: "PARSE_ERROR",
  /** No handshake within the `timeout` option (`context.timeout` ms). */
  CONNECT_TIMEOUT: "CONNECT_TIMEOUT",
  /** The session closed before its handshake completed. */
  CLOSED_BEFORE_OPEN: "CLOSED_BEFORE_OPEN",
} as const;
export type ConnectionErrorCode = (typeof ConnectionErrorCode)[keyof typeof ConnectionErrorCode];

/** The facts behind a connection error; only those that apply are set. */
export interface ConnectionErrorContext {
  /** The transport that failed. */
  transport?: string;
  /** The HTTP method and path (with the query) of the request that failed. */
  request?: string;
  /** The HTTP status the server answered. */
  status?: number;
  /** The start of the response body (the Engine.IO error JSON, an HTML 404 page…). */
  body?: string;
  /** The WebSocket close code (1006: closed abnormally, without a close frame). */
  closeCode?: number;
  /** The WebSocket close reason, if the server gave one. */
  closeReason?: string;
  /** The limit that expired, in ms. */
  timeout?: number;
}

/** A connection could not be established or was lost. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly code: ConnectionErrorCode,
    /**
     * What happened, for a human: "GET /wrong/?EIO=4&transport=polling answered HTTP 404 Not
     * Found" (development builds; production builds carry the code here).
     */
    readonly description: string,
    readonly context: ConnectionErrorContext = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.description ||= code;
    this.name = "ConnectionError";
  }
}

/** A transport failed (socket.io-client's `TransportError`, with a code). */
export class TransportError extends ConnectionError {
  readonly type = "TransportError";
  constructor(
    message: string,
    code: ConnectionErrorCode,
    description: string,
    context: ConnectionErrorContext = {},
    cause?: unknown,
  ) {
    super(message, code, description, context, cause);
    this.name = "TransportError";
  }
}

/** A failure in one line, for logs: "xhr poll error: GET http://… answered HTTP 404 Not Found". */
export function describeError(error: unknown): string {
  if (error instanceof ConnectionError) return `${error.message}: ${error.description}`;
  return error instanceof Error ? error.message : String(error);
}
