/**
 * The answer to a handshake over the per-address connection rate: HTTP 429 with a
 * `Retry-After` header and a JSON body in Engine.IO's error format (`{"code":3,"message":…}`,
 * "Bad request", as no Engine.IO code means "too many"), on a plain request and as a raw
 * response on a refused WebSocket upgrade. Official clients see a failed handshake
 * (`connect_error`) and retry with their reconnection backoff.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { EngineErrorCode } from "@volley/protocol";
import type { ConnectionGate } from "./address-limiter.js";
import type { EngineConnectionError } from "./http-errors.js";

/** What the check reads from the engine (kept structural: no import of server.ts). */
export interface GatedEngine {
  readonly options: { readonly connectionGate: ConnectionGate | undefined };
  listenerCount(event: "connection_error"): number;
  emit(event: "connection_error", error: EngineConnectionError): boolean;
}

/**
 * Asks the engine's connection gate about a handshake; when refused, answers 429 on `target`
 * (a response, or the socket of an upgrade), reports a `connection_error` (`context.name`
 * `"TOO_MANY_CONNECTIONS"`) and returns true. One `undefined` check when no gate is set.
 */
export function tooManyConnections(
  engine: GatedEngine,
  req: IncomingMessage,
  target: ServerResponse | Duplex,
): boolean {
  const gate = engine.options.connectionGate;
  if (gate === undefined) return false;
  const retryAfterMs = gate.admit(req);
  if (retryAfterMs === 0) return false;
  if ("writeHead" in target) answerTooManyRequests(target, retryAfterMs);
  else refuseUpgradeTooMany(target, retryAfterMs);
  if (engine.listenerCount("connection_error") > 0) {
    engine.emit("connection_error", {
      req,
      code: EngineErrorCode.BAD_REQUEST,
      message: TOO_MANY_CONNECTIONS,
      context: { name: "TOO_MANY_CONNECTIONS", retryAfterMs },
    });
  }
  return true;
}

/** The message of the 429 body. */
export const TOO_MANY_CONNECTIONS = "Too many connections from this address";

function body(retryAfterMs: number): string {
  return JSON.stringify({
    code: EngineErrorCode.BAD_REQUEST,
    message: TOO_MANY_CONNECTIONS,
    retryAfterMs,
  });
}

function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}

/** Answers a plain request with 429 (headers already set on `res`, e.g. CORS, are kept). */
export function answerTooManyRequests(res: ServerResponse, retryAfterMs: number): void {
  if (res.headersSent || res.destroyed) return;
  const text = body(retryAfterMs);
  res.writeHead(429, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Retry-After": String(retryAfterSeconds(retryAfterMs)),
  });
  res.end(text);
}

/** Refuses a WebSocket upgrade with a raw `HTTP/1.1 429`, then destroys the socket. */
export function refuseUpgradeTooMany(socket: Duplex, retryAfterMs: number): void {
  socket.on("error", ignoreError);
  if (socket.writable) {
    const text = body(retryAfterMs);
    socket.write(
      "HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: application/json\r\n" +
        `Retry-After: ${retryAfterSeconds(retryAfterMs)}\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

function ignoreError(): void {}
