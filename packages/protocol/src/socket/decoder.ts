/**
 * Socket.IO v5 streaming decoder: turns the Engine.IO messages of one connection back into
 * packets, holding a binary packet until all of its attachments have arrived. Strict: every
 * malformed input throws ProtocolError (and resets the decoder); nothing else is thrown.
 */

import { errorTexts } from "#error-texts";
import { type BinaryData, isBinaryData, toUint8Array } from "../binary-data.js";
import { DEFAULTS } from "../defaults.js";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";
import { fillPlaceholders, findPlaceholders, type PlaceholderSlots } from "./binary.js";
import { parseJson } from "./json.js";
import {
  isValidNamespace,
  type Packet,
  PacketType,
  takesAckId,
  validatePayload,
} from "./packet-types.js";

/** Options of {@link Decoder}. */
export interface DecoderOptions {
  /** Most attachments one binary packet may announce (default {@link DEFAULTS.maxAttachments}). */
  maxAttachments?: number;
  /** Deepest nesting of arrays/objects accepted in data (default {@link DEFAULTS.maxDepth}). */
  maxDepth?: number;
}

const ZERO = 48;
const NINE = 57;
const DASH = 45;
const SLASH = 47;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** A binary packet waiting for its attachments. */
interface Pending {
  packet: Packet;
  slots: PlaceholderSlots;
  expected: number;
  buffers: Uint8Array[];
}

/**
 * Decodes the messages of one connection, in order.
 *
 * @example
 * const decoder = new Decoder();
 * session.on("message", (data) => {
 *   const packet = decoder.add(data); // throws ProtocolError on bad input
 *   if (packet) handle(packet);       // undefined while attachments are pending
 * });
 */
export class Decoder {
  readonly #maxAttachments: number;
  readonly #maxDepth: number;
  #pending: Pending | undefined;

  constructor(options?: DecoderOptions) {
    this.#maxAttachments = options?.maxAttachments ?? DEFAULTS.maxAttachments;
    this.#maxDepth = options?.maxDepth ?? DEFAULTS.maxDepth;
  }

  /** True while a binary packet waits for attachments. */
  get pending(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * Feed one message (text packet or binary attachment). Returns the packet once complete,
   * `undefined` while a binary packet waits for more attachments. Binary packets come back
   * as EVENT / ACK with each attachment a Uint8Array (the chunk itself when it already is a
   * Uint8Array or Buffer).
   *
   * @throws {ProtocolError} on any malformed input; a pending binary packet is then dropped.
   */
  add(chunk: string | BinaryData): Packet | undefined {
    return typeof chunk === "string" ? this.#addText(chunk) : this.#addBinary(chunk);
  }

  /** Drop any partially received binary packet. */
  reset(): void {
    this.#pending = undefined;
  }

  #addBinary(chunk: BinaryData): Packet | undefined {
    if (!isBinaryData(chunk)) {
      this.#pending = undefined;
      throw new ProtocolError(
        ProtocolErrorCode.UNEXPECTED_BINARY,
        errorTexts()?.chunkNotStringOrBinary() ?? "",
      );
    }
    const pending = this.#pending;
    if (pending === undefined) {
      throw new ProtocolError(
        ProtocolErrorCode.UNEXPECTED_BINARY,
        errorTexts()?.unexpectedBinary() ?? "",
      );
    }
    pending.buffers.push(toUint8Array(chunk));
    if (pending.buffers.length < pending.expected) return undefined;
    this.#pending = undefined;
    fillPlaceholders(pending.slots, pending.buffers);
    return pending.packet;
  }

  #addText(text: string): Packet | undefined {
    if (this.#pending !== undefined) {
      this.#pending = undefined;
      throw new ProtocolError(
        ProtocolErrorCode.UNEXPECTED_TEXT,
        errorTexts()?.unexpectedText() ?? "",
      );
    }
    const len = text.length;
    const typeCode = text.charCodeAt(0) - ZERO; // NaN for ""
    if (!(typeCode >= 0 && typeCode <= 6)) {
      throw new ProtocolError(
        ProtocolErrorCode.INVALID_PACKET_TYPE,
        errorTexts()?.unknownType(text.charAt(0)) ?? "",
      );
    }
    let type = typeCode as PacketType;
    let i = 1;

    let attachments = 0;
    const binary = type === PacketType.BINARY_EVENT || type === PacketType.BINARY_ACK;
    if (binary) {
      const start = i;
      while (i < len && isDigit(text.charCodeAt(i))) {
        attachments = attachments * 10 + (text.charCodeAt(i) - ZERO);
        i++;
      }
      if (i === start || i === len || text.charCodeAt(i) !== DASH || attachments < 1) {
        throw new ProtocolError(
          ProtocolErrorCode.INVALID_ATTACHMENTS,
          errorTexts()?.illegalAttachments() ?? "",
        );
      }
      if (attachments > this.#maxAttachments) {
        throw new ProtocolError(
          ProtocolErrorCode.TOO_MANY_ATTACHMENTS,
          errorTexts()?.tooManyAttachments(attachments, this.#maxAttachments) ?? "",
        );
      }
      i++;
    }

    let nsp = "/";
    if (text.charCodeAt(i) === SLASH) {
      let end = text.indexOf(",", i);
      if (end === -1) end = len;
      nsp = text.slice(i, end);
      if (!isValidNamespace(nsp)) {
        throw new ProtocolError(
          ProtocolErrorCode.INVALID_NAMESPACE,
          errorTexts()?.namespaceControlChar() ?? "",
        );
      }
      i = end === len ? len : end + 1;
    }

    let id: number | undefined;
    let c = text.charCodeAt(i);
    if (isDigit(c)) {
      let value = 0;
      do {
        value = value * 10 + (c - ZERO);
        if (value > Number.MAX_SAFE_INTEGER) {
          throw new ProtocolError(
            ProtocolErrorCode.INVALID_ACK_ID,
            errorTexts()?.ackIdTooLarge() ?? "",
          );
        }
        c = text.charCodeAt(++i);
      } while (isDigit(c));
      if (c === DOT || c === LOWER_E || c === UPPER_E) {
        throw new ProtocolError(
          ProtocolErrorCode.INVALID_ACK_ID,
          errorTexts()?.ackIdNotInteger() ?? "",
        );
      }
      if (!takesAckId(type)) {
        throw new ProtocolError(
          ProtocolErrorCode.INVALID_ACK_ID,
          errorTexts()?.ackIdOnEventAck() ?? "",
        );
      }
      id = value;
    } else if (c === DASH) {
      throw new ProtocolError(
        ProtocolErrorCode.INVALID_ACK_ID,
        errorTexts()?.ackIdNegative() ?? "",
      );
    } else if (type === PacketType.ACK || type === PacketType.BINARY_ACK) {
      throw new ProtocolError(ProtocolErrorCode.INVALID_ACK_ID, errorTexts()?.ackWithoutId() ?? "");
    }

    if (c === SPACE || c === TAB || c === LF || c === CR) {
      // JSON.parse would skip it, the official parser reads " " as ack id 0: refuse the ambiguity.
      throw new ProtocolError(
        ProtocolErrorCode.INVALID_JSON,
        errorTexts()?.whitespaceBeforeData() ?? "",
      );
    }
    const data = i < len ? parseJson(text, i, this.#maxDepth) : undefined;
    validatePayload(type, data);

    if (binary) type = type === PacketType.BINARY_EVENT ? PacketType.EVENT : PacketType.ACK;
    const packet: Packet = { type, nsp };
    if (id !== undefined) packet.id = id;
    if (data !== undefined) packet.data = data;
    if (!binary) return packet;

    // validatePayload guarantees an array here.
    const slots = findPlaceholders(data as unknown[], attachments);
    this.#pending = { packet, slots, expected: attachments, buffers: [] };
    return undefined;
  }
}
