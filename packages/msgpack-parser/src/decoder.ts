/**
 * Decodes one msgpack binary message per packet and checks it as strictly as the built-in text
 * decoder does (`checkDecodedPacket`: type, namespace, ack id, data shape) before emitting
 * "decoded". Bad input throws; nothing else escapes.
 */
import { checkDecodedPacket, type Packet, type PacketDecoder } from "@volley/protocol";
import { decode } from "notepack.io";
import { MsgpackParserError, MsgpackParserErrorCode } from "./errors.js";

type DecodedListener = (packet: Packet) => void;

/** Node's notepack build reads a Buffer; give it one over the same memory (no copy). */
const NodeBuffer: typeof Buffer | undefined =
  typeof Buffer === "function" && typeof Buffer.isBuffer === "function" ? Buffer : undefined;

function toDecodable(chunk: ArrayBuffer | ArrayBufferView): ArrayBuffer | ArrayBufferView {
  if (NodeBuffer !== undefined) {
    if (NodeBuffer.isBuffer(chunk)) return chunk;
    if (chunk instanceof ArrayBuffer) return NodeBuffer.from(chunk);
    return NodeBuffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  // notepack's browser build slices `bin` values from the view's whole underlying buffer
  // (ignoring its offset): hand it an ArrayBuffer of exactly the message
  if (chunk instanceof ArrayBuffer) return chunk;
  const { buffer, byteOffset, byteLength } = chunk;
  return byteOffset === 0 && byteLength === buffer.byteLength
    ? (buffer as ArrayBuffer)
    : new Uint8Array(buffer, byteOffset, byteLength).slice().buffer;
}

/**
 * The decoder of one connection (socket.io's `Decoder` interface): `add` each binary message,
 * listen to "decoded".
 * @example
 * const decoder = new Decoder();
 * decoder.on("decoded", (packet) => console.log(packet.type, packet.data));
 * decoder.add(frame); // throws MsgpackParserError or ProtocolError on bad input
 */
export class Decoder implements PacketDecoder {
  #listeners: DecodedListener[] = [];

  /**
   * Decodes one message and emits "decoded" with the packet.
   * @throws {MsgpackParserError} a text message, or bytes that are not one msgpack value
   * @throws {ProtocolError} a msgpack value that is not a valid Socket.IO packet
   */
  add(chunk: unknown): void {
    if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) {
      throw new MsgpackParserError(
        MsgpackParserErrorCode.UNEXPECTED_TEXT,
        `Expected a binary message (msgpack), got ${typeof chunk}`,
      );
    }
    let value: unknown;
    try {
      value = decode(toDecodable(chunk));
    } catch (cause) {
      throw new MsgpackParserError(
        MsgpackParserErrorCode.INVALID_MSGPACK,
        `Invalid msgpack: ${(cause as Error)?.message ?? cause}`,
        { cause },
      );
    }
    const packet = checkDecodedPacket(value);
    const listeners = this.#listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(packet);
  }

  /** Listens to decoded packets (the only event). */
  on(_event: "decoded", listener: DecodedListener): this {
    this.#listeners.push(listener);
    return this;
  }

  /** Removes a listener added with `on`. */
  off(_event: "decoded", listener: DecodedListener): this {
    this.#listeners = this.#listeners.filter((l) => l !== listener);
    return this;
  }

  /** Alias of `off` (socket.io's server removes its listener this way). */
  removeListener(event: "decoded", listener: DecodedListener): this {
    return this.off(event, listener);
  }

  /** Nothing is held between messages: nothing to release (listeners stay, as in socket.io). */
  destroy(): void {}
}
