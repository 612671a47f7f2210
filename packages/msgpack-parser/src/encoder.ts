/**
 * Encodes a packet to one msgpack binary message. Only the four protocol fields are written,
 * in the order socket.io writes them, so the output is byte-for-byte what
 * `socket.io-msgpack-parser` produces for the same packet.
 */
import type { EncodedPart, Packet, PacketEncoder } from "@volley/protocol";
import { encode } from "notepack.io";
import { needsViewConversion, viewsToArrayBuffers } from "./browser-binary.js";

/**
 * The encoder (socket.io's `Encoder` interface). Stateless: a server uses one for every packet
 * and broadcast.
 * @example
 * const [frame] = new Encoder().encode({ type: 2, nsp: "/", data: ["hello", 1] });
 */
export class Encoder implements PacketEncoder {
  encode(packet: Packet): readonly EncodedPart[] {
    const data = needsViewConversion ? viewsToArrayBuffers(packet.data) : packet.data;
    // socket.io leaves out `data` when there is none (notepack would write a nil for it)
    const wire: { type: number; data?: unknown; nsp: string; id?: number } =
      data === undefined
        ? { type: packet.type, nsp: packet.nsp }
        : { type: packet.type, data, nsp: packet.nsp };
    if (packet.id !== undefined) wire.id = packet.id;
    return [encode(wire) as EncodedPart];
  }
}
