/**
 * Engine.IO v4 polling payloads: several packets in one HTTP body, separated by the ASCII
 * record separator `\x1e`. Bodies are always text; binary packets ride as `b<base64>`.
 */

import { errorTexts } from "#error-texts";
import { DEFAULTS } from "../defaults.js";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";
import { decodeSegment, type EnginePacket, encodePollingPacket } from "./packet.js";

/** The record separator between packets of a polling payload. */
export const PAYLOAD_SEPARATOR = "\x1e";

/** Options of {@link decodePayload}. */
export interface DecodePayloadOptions {
  /** Most packets accepted in one payload (default {@link DEFAULTS.maxPackets}: unlimited). */
  maxPackets?: number;
}

/**
 * Encode packets as one polling body, joined by `\x1e`.
 *
 * @example encodePayload([{ type: "message", data: "a" }, { type: "noop" }]) // "4a\x1e6"
 * @throws {ProtocolError} as {@link encodePollingPacket}
 */
export function encodePayload(packets: readonly EnginePacket[]): string {
  let out = "";
  for (let i = 0; i < packets.length; i++) {
    if (i > 0) out += PAYLOAD_SEPARATOR;
    out += encodePollingPacket(packets[i]!);
  }
  return out;
}

/**
 * Decode a polling body into its packets. Every segment must be a valid packet: an empty body,
 * an empty segment or a bad packet anywhere rejects the whole payload.
 *
 * @example decodePayload("4a\x1e6") // [{ type: "message", data: "a" }, { type: "noop" }]
 * @throws {ProtocolError} `INVALID_ENGINE_PACKET`, `INVALID_BASE64`, `TOO_MANY_PACKETS`
 */
export function decodePayload(payload: string, options?: DecodePayloadOptions): EnginePacket[] {
  const maxPackets = options?.maxPackets ?? DEFAULTS.maxPackets;
  const packets: EnginePacket[] = [];
  const len = payload.length;
  let start = 0;
  for (;;) {
    let end = payload.indexOf(PAYLOAD_SEPARATOR, start);
    if (end === -1) end = len;
    if (packets.length >= maxPackets) {
      throw new ProtocolError(
        ProtocolErrorCode.TOO_MANY_PACKETS,
        errorTexts()?.tooManyPackets(maxPackets) ?? "",
      );
    }
    packets.push(decodeSegment(payload, start, end));
    if (end === len) return packets;
    start = end + 1;
  }
}
