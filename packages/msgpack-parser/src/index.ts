/**
 * @volley/msgpack-parser: Socket.IO packets as MessagePack, wire-compatible with the official
 * `socket.io-msgpack-parser` (each packet is one binary Engine.IO message holding the msgpack
 * map `{ type, data, nsp, id }`; binary values travel inline, with no attachments). Pass it as
 * the `parser` option of the Volley server and client, or of socket.io and socket.io-client.
 *
 * The msgpack codec is `notepack.io`, the library the official parser uses: the bytes are the
 * same by construction, and it ships a browser build (≈2.3 KB gzipped). Measured against
 * `@msgpack/msgpack` (README): faster on chat-sized and binary packets, slower to encode large
 * object-heavy payloads. A hand-written codec would have to reproduce notepack's encoding
 * choices byte for byte to stay compatible; not worth it for a parser that is off by default.
 */
export { Decoder } from "./decoder.js";
export { Encoder } from "./encoder.js";
export { MsgpackParserError } from "./errors.js";

/** The Socket.IO protocol revision this parser speaks (as `socket.io-msgpack-parser`). */
export const protocol = 5;
