/**
 * @volley/protocol: the pure wire codecs of Volley (Engine.IO v4 packets and polling payloads,
 * Socket.IO v5 packets with binary attachments) and the one error type they throw.
 * Zero dependencies, no I/O, runs in browsers and Node.
 */

export { decodeBase64, encodeBase64 } from "#base64";
export { type Attachment, type BinaryData, isBinary, toUint8Array } from "./binary-data.js";
export * from "./contracts/index.js";
export { DEFAULTS } from "./defaults.js";
export {
  ENGINE_ERROR_MESSAGES,
  EngineErrorCode,
  type EngineErrorMessage,
  engineErrorBody,
  engineErrorMessage,
} from "./engine/errors.js";
export { encodeHandshake, type HandshakeData, parseHandshake } from "./engine/handshake.js";
export {
  decodeEnginePacket,
  ENGINE_PACKET_TYPES,
  ENGINE_PROTOCOL_VERSION,
  type EnginePacket,
  type EnginePacketType,
  encodeEnginePacket,
  encodePollingPacket,
} from "./engine/packet.js";
export {
  type DecodePayloadOptions,
  decodePayload,
  encodePayload,
  PAYLOAD_SEPARATOR,
} from "./engine/payload.js";
export { ProtocolError, ProtocolErrorCode } from "./errors.js";
export { hasBinary } from "./socket/binary.js";
export { checkDecodedPacket } from "./socket/check-packet.js";
export { Decoder, type DecoderOptions } from "./socket/decoder.js";
export { type EncodedPacket, type EncodeOptions, encodePacket } from "./socket/encoder.js";
export {
  isPacketType,
  isValidNamespace,
  type Packet,
  PacketType,
  RESERVED_EVENTS,
  SOCKET_PROTOCOL_VERSION,
} from "./socket/packet-types.js";
export * from "./vocabulary/index.js";
