/**
 * Engine.IO HTTP error answers: JSON `{"code":N,"message":…}` with status 400 (403 for
 * Forbidden) on plain requests, and a raw HTTP response followed by a socket destroy on
 * refused WebSocket upgrades (no `ServerResponse` exists there).
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { EngineErrorCode, engineErrorMessage } from "@volley/protocol";

/** What the server reports in `connection_error` for every refused request. */
export interface EngineConnectionError {
  /** The refused request (or upgrade request). */
  req: IncomingMessage;
  /** The Engine.IO error code (0–5). */
  code: EngineErrorCode;
  /** The message sent to the client. */
  message: string;
  /** Machine-readable details (`name`, and e.g. the sid or transports involved). */
  context: Record<string, unknown>;
}

/** HTTP status of an Engine.IO error: 403 for Forbidden, 400 otherwise. */
export function errorStatus(code: EngineErrorCode): 400 | 403 {
  return code === EngineErrorCode.FORBIDDEN ? 403 : 400;
}

/** The JSON body of an error answer; `message` defaults to the code's standard message. */
export function errorBody(code: EngineErrorCode, message?: string): string {
  return JSON.stringify({ code, message: message ?? engineErrorMessage(code) });
}

/** Answer a plain HTTP request with an Engine.IO error (headers already set on `res` are kept). */
export function abortRequest(res: ServerResponse, code: EngineErrorCode, message?: string): void {
  if (res.headersSent || res.destroyed) return;
  const body = errorBody(code, message);
  res.writeHead(errorStatus(code), {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Refuse a WebSocket upgrade: a raw `HTTP/1.1 400 Bad Request` (`403 Forbidden` for a refused
 * Origin or `allowRequest`) carrying the JSON error body, then destroy the socket.
 */
export function abortUpgrade(socket: Duplex, code: EngineErrorCode, message?: string): void {
  socket.on("error", ignoreError);
  if (socket.writable) {
    const body = errorBody(code, message);
    const status = errorStatus(code) === 403 ? "403 Forbidden" : "400 Bad Request";
    socket.write(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function ignoreError(): void {}
