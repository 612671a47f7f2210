/**
 * The single error type every codec in this package throws. Callers (engine and io layers)
 * catch `ProtocolError` to answer malformed input with a protocol-level error instead of
 * crashing; anything else escaping a codec is a bug in this package.
 */

/** Stable machine-readable codes carried by {@link ProtocolError}. */
export const ProtocolErrorCode = {
  /** An Engine.IO packet is empty, has an unknown type, or binary data on a non-message type. */
  INVALID_ENGINE_PACKET: "INVALID_ENGINE_PACKET",
  /** A `b`-prefixed polling packet carries malformed base64. */
  INVALID_BASE64: "INVALID_BASE64",
  /** A polling payload holds more packets than allowed. */
  TOO_MANY_PACKETS: "TOO_MANY_PACKETS",
  /** The Engine.IO open packet does not carry valid handshake data. */
  INVALID_HANDSHAKE: "INVALID_HANDSHAKE",
  /** A Socket.IO packet type is missing or not 0–6. */
  INVALID_PACKET_TYPE: "INVALID_PACKET_TYPE",
  /** A Socket.IO namespace is malformed. */
  INVALID_NAMESPACE: "INVALID_NAMESPACE",
  /** An ack id is not a non-negative safe integer. */
  INVALID_ACK_ID: "INVALID_ACK_ID",
  /** The JSON part of a Socket.IO packet does not parse (or does not serialize). */
  INVALID_JSON: "INVALID_JSON",
  /** The packet's data has the wrong shape for its type. */
  INVALID_PAYLOAD: "INVALID_PAYLOAD",
  /** An EVENT names a reserved event (`connect`, `disconnect`, …). */
  RESERVED_EVENT: "RESERVED_EVENT",
  /** The attachment count of a binary packet is malformed. */
  INVALID_ATTACHMENTS: "INVALID_ATTACHMENTS",
  /** A binary packet announces more attachments than `maxAttachments`. */
  TOO_MANY_ATTACHMENTS: "TOO_MANY_ATTACHMENTS",
  /** A binary placeholder's `num` is not an integer within the attachment count. */
  INVALID_PLACEHOLDER: "INVALID_PLACEHOLDER",
  /** A text packet arrived while binary attachments were still pending. */
  UNEXPECTED_TEXT: "UNEXPECTED_TEXT",
  /** A binary chunk arrived while no binary packet was being reassembled. */
  UNEXPECTED_BINARY: "UNEXPECTED_BINARY",
  /** Data is nested deeper than `maxDepth` (or is circular). */
  MAX_DEPTH_EXCEEDED: "MAX_DEPTH_EXCEEDED",
} as const;

/** Union of the values of {@link ProtocolErrorCode}. */
export type ProtocolErrorCode = (typeof ProtocolErrorCode)[keyof typeof ProtocolErrorCode];

/**
 * Thrown by every codec on malformed input (and on packets that cannot be encoded).
 *
 * @example
 * try { decoder.add(frame); } catch (err) {
 *   if (err instanceof ProtocolError) session.close("parse error"); else throw err;
 * }
 */
export class ProtocolError extends Error {
  /** A stable code from {@link ProtocolErrorCode}. */
  readonly code: ProtocolErrorCode;

  /** An empty `message` (browser production builds, see texts.browser.ts) becomes the code. */
  constructor(code: ProtocolErrorCode, message: string, options?: { cause?: unknown }) {
    super(message || code, options);
    this.code = code;
  }

  static {
    // On the prototype rather than each instance: errors stay cheap to create.
    ProtocolError.prototype.name = "ProtocolError";
  }
}
