/**
 * Strict checks for packets that come from a parser other than ours (the `parser` option):
 * the same rules our own Decoder applies while parsing text, run on an already-decoded object,
 * so a custom parser cannot hand the io layer a packet our codec would have refused.
 */

import { errorTexts } from "#error-texts";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";
import {
  isValidNamespace,
  type Packet,
  PacketType,
  takesAckId,
  validatePayload,
} from "./packet-types.js";

/**
 * Checks a packet decoded by a custom parser (type, namespace, ack id, data shape per type) and
 * returns it typed. BINARY_* types are refused: a custom parser carries binary values inline.
 *
 * @example
 * decoder.on("decoded", (raw) => handle(checkDecodedPacket(raw)));
 * @throws {ProtocolError} `INVALID_PACKET_TYPE`, `INVALID_NAMESPACE`, `INVALID_ACK_ID`,
 * `INVALID_PAYLOAD`, `RESERVED_EVENT`
 */
export function checkDecodedPacket(value: unknown): Packet {
  if (typeof value !== "object" || value === null) {
    throw new ProtocolError(ProtocolErrorCode.INVALID_PAYLOAD, errorTexts()?.notAnObject() ?? "");
  }
  const { type, nsp, id, data } = value as Record<string, unknown>;
  if (
    typeof type !== "number" ||
    (type | 0) !== type ||
    type < PacketType.CONNECT ||
    type > PacketType.CONNECT_ERROR
  ) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_PACKET_TYPE,
      errorTexts()?.invalidType() ?? "",
    );
  }
  if (!isValidNamespace(nsp)) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_NAMESPACE,
      errorTexts()?.invalidNamespace() ?? "",
    );
  }
  if (id !== undefined) {
    if (!Number.isSafeInteger(id) || (id as number) < 0 || !takesAckId(type as PacketType)) {
      throw new ProtocolError(ProtocolErrorCode.INVALID_ACK_ID, errorTexts()?.invalidAckId() ?? "");
    }
  } else if (type === PacketType.ACK) {
    throw new ProtocolError(ProtocolErrorCode.INVALID_ACK_ID, errorTexts()?.ackWithoutId() ?? "");
  }
  // msgpack has no `undefined`: a CONNECT without auth may come as null
  validatePayload(type as PacketType, data === null ? undefined : data);
  return value as Packet;
}
