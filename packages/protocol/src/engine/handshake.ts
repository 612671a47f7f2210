/**
 * The Engine.IO v4 handshake: the data of the `open` packet the server sends first. Exactly
 * `sid`, `upgrades`, `pingInterval`, `pingTimeout` and `maxPayload`, in that order.
 */

import { errorTexts } from "#error-texts";
import type { HandshakeFault } from "../error-texts.js";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";

/** Data of the Engine.IO `open` packet. */
export interface HandshakeData {
  /** The Engine.IO session id. */
  sid: string;
  /** Transports the client may upgrade to: `["websocket"]` on polling, `[]` on WebSocket. */
  upgrades: string[];
  /** Milliseconds between server pings. */
  pingInterval: number;
  /** Milliseconds the server waits for a pong. */
  pingTimeout: number;
  /** Largest payload in bytes the server accepts. */
  maxPayload: number;
}

/**
 * Serialize handshake data for the `open` packet, with exactly the five protocol keys.
 *
 * @example encodeHandshake({ sid: "a", upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6 })
 * // '{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'
 */
export function encodeHandshake(data: HandshakeData): string {
  return JSON.stringify({
    sid: data.sid,
    upgrades: data.upgrades,
    pingInterval: data.pingInterval,
    pingTimeout: data.pingTimeout,
    maxPayload: data.maxPayload,
  });
}

function invalid(fault: HandshakeFault): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.INVALID_HANDSHAKE,
    errorTexts()?.handshake(fault) ?? "",
  );
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/**
 * Parse and validate the data of an `open` packet (extra keys are ignored).
 *
 * @example parseHandshake(openPacket.data as string).sid
 * @throws {ProtocolError} `INVALID_HANDSHAKE`
 */
export function parseHandshake(text: string): HandshakeData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid("json");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid("object");
  }
  const { sid, upgrades, pingInterval, pingTimeout, maxPayload } = value as Record<string, unknown>;
  if (typeof sid !== "string" || sid.length === 0) throw invalid("sid");
  if (!Array.isArray(upgrades) || !upgrades.every((u) => typeof u === "string")) {
    throw invalid("upgrades");
  }
  if (!isNonNegativeNumber(pingInterval)) throw invalid("pingInterval");
  if (!isNonNegativeNumber(pingTimeout)) throw invalid("pingTimeout");
  if (!isNonNegativeNumber(maxPayload)) throw invalid("maxPayload");
  return { sid, upgrades: upgrades as string[], pingInterval, pingTimeout, maxPayload };
}
