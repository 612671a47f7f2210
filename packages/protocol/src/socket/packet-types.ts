/**
 * Socket.IO v5 packet vocabulary: the packet types, the packet shape shared by encoder and
 * decoder, the reserved event names, and the per-type rules for what `data` may be.
 */

import { errorTexts } from "#error-texts";
import type { PayloadFault } from "../error-texts.js";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";

/** Socket.IO packet types. */
export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
} as const;

/** Union of the values of {@link PacketType}. */
export type PacketType = (typeof PacketType)[keyof typeof PacketType];

/**
 * One Socket.IO packet.
 *
 * - CONNECT: `data` an object (auth, or the `{ sid }` reply) or absent.
 * - DISCONNECT: no `data`.
 * - EVENT / BINARY_EVENT: `data` = `[eventName, ...args]`, `id` when an ack is requested.
 * - ACK / BINARY_ACK: `data` = the ack arguments (an array), `id` the acked id.
 * - CONNECT_ERROR: `data` an object (`{ message, data }`) or a string.
 *
 * The decoder returns binary packets as EVENT / ACK once their attachments are in place.
 */
export interface Packet {
  type: PacketType;
  /** Namespace, `/` for the main one. */
  nsp: string;
  /** Ack id: an integer from 0 to `Number.MAX_SAFE_INTEGER`. */
  id?: number;
  data?: unknown;
  /**
   * Attachment count of a BINARY_* packet on the wire. Never needed: the encoder counts the
   * binary values itself, and decoded packets come back complete without it.
   */
  attachments?: number;
}

/** Event names a peer may not send: they have a special meaning to Socket.IO itself. */
export const RESERVED_EVENTS: ReadonlySet<string> = new Set([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);

/** Socket.IO protocol revision spoken by these codecs. */
export const SOCKET_PROTOCOL_VERSION = 5;

/**
 * True for a namespace that survives the wire: starts with "/", holds no "," (it ends the
 * namespace) and no control character.
 */
export function isValidNamespace(nsp: unknown): nsp is string {
  if (typeof nsp !== "string" || nsp.charCodeAt(0) !== 47) return false;
  for (let i = 1; i < nsp.length; i++) {
    const c = nsp.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 44) return false;
  }
  return true;
}

/** True for `0`…`6`. */
export function isPacketType(value: unknown): value is PacketType {
  return typeof value === "number" && value >= 0 && value <= 6 && (value | 0) === value;
}

/** True when `value` is a plain JSON-ish object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === "[object Object]";
}

function payloadError(fault: PayloadFault): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.INVALID_PAYLOAD, errorTexts()?.payload(fault) ?? "");
}

/**
 * Check that `data` fits packet `type` (absent data is `undefined`).
 *
 * @throws {ProtocolError} `INVALID_PAYLOAD` or `RESERVED_EVENT`
 */
export function validatePayload(type: PacketType, data: unknown): void {
  switch (type) {
    case PacketType.EVENT:
    case PacketType.BINARY_EVENT: {
      if (!Array.isArray(data) || data.length === 0) {
        throw payloadError("event");
      }
      const name: unknown = data[0];
      if (typeof name === "string") {
        if (RESERVED_EVENTS.has(name)) {
          throw new ProtocolError(
            ProtocolErrorCode.RESERVED_EVENT,
            errorTexts()?.reservedEvent(name) ?? "",
          );
        }
      } else if (typeof name !== "number") {
        throw payloadError("eventName");
      }
      return;
    }
    case PacketType.ACK:
    case PacketType.BINARY_ACK:
      if (!Array.isArray(data)) throw payloadError("ack");
      return;
    case PacketType.CONNECT:
      if (data !== undefined && !isObject(data)) throw payloadError("connect");
      return;
    case PacketType.DISCONNECT:
      if (data !== undefined) throw payloadError("disconnect");
      return;
    case PacketType.CONNECT_ERROR:
      if (typeof data !== "string" && !isObject(data)) {
        throw payloadError("connectError");
      }
      return;
  }
}

/** True for EVENT, ACK and their binary forms: the only packets that may carry an ack id. */
export function takesAckId(type: PacketType): boolean {
  return type === PacketType.EVENT || type === PacketType.ACK || type >= PacketType.BINARY_EVENT;
}
