/**
 * How many queued packets fit in one HTTP body (polling and SSE POSTs) under the handshake's
 * maxPayload, counting what the polling encoding makes of them: UTF-8 text, base64 binary,
 * a type byte and a separator each. Always at least one, so an oversized packet still leaves
 * (and the server answers 413, as it should).
 */
import type { EnginePacket } from "@volley/protocol";

/** The number of leading `packets` whose polling encoding stays within `maxPayload` bytes. */
export function batchLength(packets: readonly EnginePacket[], maxPayload: number): number {
  let size = 0;
  let count = 0;
  for (const packet of packets) {
    size += estimateSize(packet) + 1;
    if (count > 0 && size > maxPayload) break;
    count++;
  }
  return count;
}

/** The encoded size of a packet in a polling body, in bytes (base64 for binary). */
function estimateSize(packet: EnginePacket): number {
  const { data } = packet;
  if (data === undefined) return 1;
  if (typeof data === "string") return 1 + utf8Length(data);
  const bytes =
    data instanceof ArrayBuffer
      ? data.byteLength
      : "byteLength" in data
        ? data.byteLength
        : ((data as { size?: number }).size ?? 0);
  return 1 + Math.ceil(bytes / 3) * 4;
}

function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair (4 bytes) counts 2 + 2.
    length += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return length;
}
