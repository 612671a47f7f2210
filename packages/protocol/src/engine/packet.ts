/**
 * Engine.IO v4 packets: one packet to and from its WebSocket frame or polling segment.
 * Text packets are `<type digit><data>`; binary message packets are raw bytes on WebSocket
 * and `b<base64>` in polling bodies.
 */

import { decodeBase64, encodeBase64 } from "#base64";
import { errorTexts } from "#error-texts";
import { type BinaryData, isBinaryData, toUint8Array } from "../binary-data.js";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";

/** Engine.IO protocol revision spoken by these codecs (the `EIO` query parameter). */
export const ENGINE_PROTOCOL_VERSION = 4;

/** Engine.IO packet types, by name. */
export type EnginePacketType = "open" | "close" | "ping" | "pong" | "message" | "upgrade" | "noop";

/** One Engine.IO packet. Binary `data` is only valid on `message` packets. */
export interface EnginePacket {
  type: EnginePacketType;
  data?: string | BinaryData;
}

/** Wire digit of each packet type. */
export const ENGINE_PACKET_TYPES = {
  open: "0",
  close: "1",
  ping: "2",
  pong: "3",
  message: "4",
  upgrade: "5",
  noop: "6",
} as const satisfies Record<EnginePacketType, string>;

/** Packet type of each wire char code "0"…"6" (index = charCode - 48). */
const TYPE_BY_DIGIT: readonly EnginePacketType[] = [
  "open",
  "close",
  "ping",
  "pong",
  "message",
  "upgrade",
  "noop",
];

const B = 98; // "b"
const ZERO = 48; // "0"

function typeDigit(packet: EnginePacket): string {
  switch (packet.type) {
    case "open":
      return "0";
    case "close":
      return "1";
    case "ping":
      return "2";
    case "pong":
      return "3";
    case "message":
      return "4";
    case "upgrade":
      return "5";
    case "noop":
      return "6";
    default:
      throw new ProtocolError(
        ProtocolErrorCode.INVALID_ENGINE_PACKET,
        errorTexts()?.engineType(packet.type) ?? "",
      );
  }
}

function checkBinaryType(packet: EnginePacket): void {
  if (packet.type !== "message") {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_ENGINE_PACKET,
      errorTexts()?.binaryNotMessage(packet.type) ?? "",
    );
  }
}

/**
 * Encode a packet for a WebSocket frame: text packets become `<digit><data>`, a binary message
 * becomes its raw bytes (the same object, not copied).
 *
 * @example encodeEnginePacket({ type: "message", data: "hi" }) // "4hi"
 * @throws {ProtocolError} `INVALID_ENGINE_PACKET` for an unknown type or binary on a non-message
 */
export function encodeEnginePacket(packet: EnginePacket): string | BinaryData {
  const data = packet.data;
  if (typeof data === "string" || data === undefined) {
    return data === undefined ? typeDigit(packet) : typeDigit(packet) + data;
  }
  if (!isBinaryData(data)) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_ENGINE_PACKET,
      errorTexts()?.notStringOrBinary("Packet data") ?? "",
    );
  }
  checkBinaryType(packet);
  return data;
}

/**
 * Encode a packet for an HTTP long-polling body: always text, a binary message becomes
 * `b<base64>`. Text data may not contain `\x1e`, the payload separator.
 *
 * @example encodePollingPacket({ type: "message", data: new Uint8Array([1, 2, 3]) }) // "bAQID"
 * @throws {ProtocolError} `INVALID_ENGINE_PACKET` for an unknown type or binary on a non-message
 */
export function encodePollingPacket(packet: EnginePacket): string {
  const data = packet.data;
  if (data === undefined) return typeDigit(packet);
  if (typeof data === "string") {
    // Raw "\x1e" would split the packet in two on the other side (Socket.IO JSON never has one).
    if (data.includes("\x1e")) {
      throw new ProtocolError(
        ProtocolErrorCode.INVALID_ENGINE_PACKET,
        errorTexts()?.separatorInData() ?? "",
      );
    }
    return typeDigit(packet) + data;
  }
  if (!isBinaryData(data)) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_ENGINE_PACKET,
      errorTexts()?.notStringOrBinary("Packet data") ?? "",
    );
  }
  checkBinaryType(packet);
  return `b${encodeBase64(toUint8Array(data))}`;
}

/**
 * Decode one packet: a WebSocket frame (text or binary) or one polling segment. Binary input
 * is a message packet whose data is a Uint8Array over the same memory (the same object when
 * it already is a Uint8Array/Buffer); `b<base64>` decodes to a fresh Uint8Array.
 *
 * @example decodeEnginePacket("4hello") // { type: "message", data: "hello" }
 * @throws {ProtocolError} `INVALID_ENGINE_PACKET` (empty or unknown type), `INVALID_BASE64`
 */
export function decodeEnginePacket(data: string | BinaryData): EnginePacket {
  if (typeof data !== "string") {
    if (!isBinaryData(data)) {
      throw new ProtocolError(
        ProtocolErrorCode.INVALID_ENGINE_PACKET,
        errorTexts()?.notStringOrBinary("Packet") ?? "",
      );
    }
    return { type: "message", data: toUint8Array(data) };
  }
  return decodeSegment(data, 0, data.length);
}

/** Decode the packet in `text[start, end)`. Shared with the payload decoder (no substring for the type). */
export function decodeSegment(text: string, start: number, end: number): EnginePacket {
  if (start >= end) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_ENGINE_PACKET,
      errorTexts()?.emptyEnginePacket() ?? "",
    );
  }
  const c = text.charCodeAt(start);
  if (c === B) {
    return { type: "message", data: decodeBase64(text, start + 1, end) };
  }
  const type = TYPE_BY_DIGIT[c - ZERO];
  if (type === undefined) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_ENGINE_PACKET,
      errorTexts()?.engineType(text.charAt(start)) ?? "",
    );
  }
  return end - start > 1 ? { type, data: text.slice(start + 1, end) } : { type };
}
