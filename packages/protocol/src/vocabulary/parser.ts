/**
 * The parser seam both sides share: socket.io's `{ Encoder, Decoder }` interface, so a parser
 * written for socket.io (`socket.io-msgpack-parser`, a custom one) is passed as the `parser`
 * option of the Volley server and client unchanged. Types only, plus `defaultParser`: the
 * built-in text codec in that shape (server and client use the codec directly when no parser is
 * given, so the default costs nothing).
 */

import type { Attachment, BinaryData } from "../binary-data.js";
import { Decoder } from "../socket/decoder.js";
import { encodePacket } from "../socket/encoder.js";
import type { Packet } from "../socket/packet-types.js";

/** One Engine.IO message an encoder produces: text, or binary. */
export type EncodedPart = string | Attachment;

/** Encodes one packet to the Engine.IO messages that carry it (socket.io's `Encoder`). */
export interface PacketEncoder {
  /**
   * The messages, in order. (`ArrayBuffer` is accepted in the type only because the typings
   * shipped with `socket.io-msgpack-parser` declare it; every parser returns an array.)
   */
  encode(packet: Packet): readonly EncodedPart[] | ArrayBuffer;
}

/**
 * Turns the Engine.IO messages of one connection back into packets, emitting `"decoded"` for
 * each complete one (socket.io's `Decoder`). `add` throws on bad input. What it emits is
 * checked again by the receiver (see `checkDecodedPacket`), so a lax parser cannot let a
 * malformed packet through.
 */
export interface PacketDecoder {
  // biome-ignore lint/suspicious/noExplicitAny: socket.io's decoders take `any` (string, Buffer, ArrayBuffer)
  add(chunk: any): void;
  /** Releases what the decoder holds (a partial binary packet); it is not used afterwards. */
  destroy(): void;
  // biome-ignore lint/suspicious/noExplicitAny: socket.io's Decoder types its listener loosely
  on(event: "decoded", listener: (packet: any) => void): unknown;
}

/**
 * A parser: socket.io's shape (`require("socket.io-msgpack-parser")`, `@volley/msgpack-parser`).
 * The server builds one Encoder (a broadcast is encoded once) and one Decoder per connection;
 * the client one of each per Manager.
 */
export interface Parser {
  Encoder: new () => PacketEncoder;
  Decoder: new () => PacketDecoder;
}

/** Encodes a packet for sending: the built-in `encodePacket`, or a parser's `Encoder`. */
export type PacketEncode = (packet: Packet) => readonly EncodedPart[];

/** The built-in codec's decoder in socket.io's shape (one "decoded" listener at a time). */
class DefaultDecoder implements PacketDecoder {
  readonly #decoder = new Decoder();
  #listener: ((packet: Packet) => void) | undefined;

  add(chunk: string | BinaryData): void {
    const packet = this.#decoder.add(chunk);
    if (packet !== undefined) this.#listener?.(packet);
  }

  destroy(): void {
    this.#decoder.reset();
  }

  on(_event: "decoded", listener: (packet: Packet) => void): this {
    this.#listener = listener;
    return this;
  }

  /** socket.io-client unsubscribes with `off` before it reconnects. */
  off(_event: "decoded", listener: (packet: Packet) => void): this {
    if (this.#listener === listener) this.#listener = undefined;
    return this;
  }

  /** Alias of `off` (the socket.io server removes its listener this way). */
  removeListener(event: "decoded", listener: (packet: Packet) => void): this {
    return this.off(event, listener);
  }
}

/**
 * The built-in Socket.IO v5 text codec as a {@link Parser} (what `socket.io-parser` does).
 * Passing it is the same as passing no parser; it exists so code written against the interface
 * can name the default, and so the official socket.io server can run our codec.
 * @example
 * new Server(httpServer, { parser: defaultParser });
 */
export const defaultParser: Parser = {
  Encoder: class DefaultEncoder implements PacketEncoder {
    encode(packet: Packet): readonly EncodedPart[] {
      return encodePacket(packet);
    }
  },
  Decoder: DefaultDecoder,
};

/** The encode function of a parser, chosen once (the built-in codec when there is none). */
export function encoderOf(parser: Parser | undefined): PacketEncode {
  if (parser === undefined || parser === defaultParser) return encodePacket;
  const encoder = new parser.Encoder();
  return (packet) => encoder.encode(packet) as readonly EncodedPart[];
}
