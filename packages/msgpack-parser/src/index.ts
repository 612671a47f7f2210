/**
 * @volley/msgpack-parser: Socket.IO packets as MessagePack, wire-compatible with the official
 * `socket.io-msgpack-parser` (each packet is one binary Engine.IO message holding the msgpack
 * map `{ type, data, nsp, id }`; binary values travel inline, with no attachments). Pass it as
 * the `parser` option of the Volley server and client, or of socket.io and socket.io-client.
 *
 * The msgpack codec is `notepack.io`, the library the official parser uses: the bytes are the
 * same by construction, it is small (≈2 KB gzipped) and ships a browser build. Measured
 * against `@msgpack/msgpack` on Socket.IO-sized packets it is as fast or faster (see the
 * README), so there is nothing to gain from a hand-written codec here.
 */
export { Decoder } from "./decoder.js";
export { Encoder } from "./encoder.js";
export { MsgpackParserError } from "./errors.js";

/** The Socket.IO protocol revision this parser speaks (as `socket.io-msgpack-parser`). */
export const protocol = 5;
