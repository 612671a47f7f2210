/**
 * Socket.IO v5 encoder: one packet to one string plus its binary attachments, in the exact
 * format of the official `socket.io-parser`. Pure and stateless so a broadcast is encoded once
 * and the same output is written to every recipient.
 */

import { errorTexts } from "#error-texts";
import type { Attachment } from "../binary-data.js";
import { DEFAULTS } from "../defaults.js";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";
import { deconstruct, hasBinary } from "./binary.js";
import {
  isPacketType,
  isValidNamespace,
  type Packet,
  PacketType,
  takesAckId,
  validatePayload,
} from "./packet-types.js";

/** An encoded packet: the text part, then one binary frame per attachment. */
export type EncodedPacket = [string, ...Attachment[]];

/** Options of {@link encodePacket}. */
export interface EncodeOptions {
  /**
   * The caller knows `data` holds no binary value: skip the binary scan (hot path for
   * broadcasts of plain JSON). Binary values would then be serialized as plain JSON.
   */
  knownText?: boolean;
  /** Deepest nesting accepted by the binary scan (default {@link DEFAULTS.maxDepth}). */
  maxDepth?: number;
}

const TYPE_DIGITS = ["0", "1", "2", "3", "4", "5", "6"] as const;

/**
 * Encode a packet. EVENT and ACK whose data holds binary values become BINARY_EVENT and
 * BINARY_ACK, with each binary value replaced by `{"_placeholder":true,"num":i}` and returned
 * (the same objects, not copied) after the string. BINARY_* without binary become EVENT/ACK.
 *
 * Format: `<type>[<attachments>-][<nsp>,][<ack id>][<json>]`, nsp omitted for `/`.
 *
 * @example encodePacket({ type: PacketType.EVENT, nsp: "/chat", id: 7, data: ["hi", 1] })
 * // ['2/chat,7["hi",1]']
 * @throws {ProtocolError} `INVALID_PACKET_TYPE`, `INVALID_NAMESPACE`, `INVALID_ACK_ID`,
 * `INVALID_PAYLOAD`, `RESERVED_EVENT`, `INVALID_JSON` (unserializable), `MAX_DEPTH_EXCEEDED`
 */
export function encodePacket(packet: Packet, options?: EncodeOptions): EncodedPacket {
  let type = packet.type;
  if (!isPacketType(type)) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_PACKET_TYPE,
      errorTexts()?.unknownType(type) ?? "",
    );
  }
  const { nsp, id } = packet;
  const data = packet.data === null ? undefined : packet.data;
  validatePayload(type, data);

  const maxDepth = options?.maxDepth ?? DEFAULTS.maxDepth;
  let binary = false;
  if (type === PacketType.EVENT || type === PacketType.ACK) {
    binary = options?.knownText !== true && scan(data, maxDepth);
    if (binary) type = type === PacketType.EVENT ? PacketType.BINARY_EVENT : PacketType.BINARY_ACK;
  } else if (type >= PacketType.BINARY_EVENT) {
    binary = scan(data, maxDepth);
    if (!binary) type = type === PacketType.BINARY_EVENT ? PacketType.EVENT : PacketType.ACK;
  }

  let head = "";
  if (nsp !== "/") {
    if (!isValidNamespace(nsp)) {
      throw new ProtocolError(
        ProtocolErrorCode.INVALID_NAMESPACE,
        errorTexts()?.badNamespace(nsp) ?? "",
      );
    }
    head = `${nsp},`;
  }
  if (id !== undefined && id !== null) {
    if (!Number.isSafeInteger(id) || id < 0 || !takesAckId(type)) {
      throw new ProtocolError(ProtocolErrorCode.INVALID_ACK_ID, errorTexts()?.badAckId(id) ?? "");
    }
    head += id;
  } else if (type === PacketType.ACK || type === PacketType.BINARY_ACK) {
    throw new ProtocolError(ProtocolErrorCode.INVALID_ACK_ID, errorTexts()?.ackWithoutId() ?? "");
  }

  if (!binary) {
    const json = data === undefined ? "" : stringify(data);
    return [TYPE_DIGITS[type] + head + json];
  }
  const attachments: Attachment[] = [];
  let copy: unknown;
  try {
    copy = deconstruct(data, attachments, maxDepth);
  } catch (err) {
    throw serializeError(err);
  }
  const json = stringify(copy);
  return [`${TYPE_DIGITS[type]}${attachments.length}-${head}${json}`, ...attachments];
}

/** hasBinary, with errors from user code (getters, proxies) turned into ProtocolError. */
function scan(data: unknown, maxDepth: number): boolean {
  try {
    return hasBinary(data, maxDepth);
  } catch (err) {
    throw serializeError(err);
  }
}

function stringify(data: unknown): string {
  try {
    return JSON.stringify(data);
  } catch (err) {
    throw serializeError(err);
  }
}

function serializeError(err: unknown): ProtocolError {
  if (err instanceof ProtocolError) return err;
  if (err instanceof RangeError) {
    return new ProtocolError(
      ProtocolErrorCode.MAX_DEPTH_EXCEEDED,
      errorTexts()?.tooDeepToSerialize() ?? "",
      {
        cause: err,
      },
    );
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new ProtocolError(
    ProtocolErrorCode.INVALID_JSON,
    errorTexts()?.notSerializable(reason) ?? "",
    {
      cause: err,
    },
  );
}
