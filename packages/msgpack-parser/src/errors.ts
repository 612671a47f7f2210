/** The one error type the msgpack Decoder throws, with a stable code. */

/** Codes of {@link MsgpackParserError}. */
export const MsgpackParserErrorCode = {
  /** A text message: this parser only sends and accepts binary messages. */
  UNEXPECTED_TEXT: "UNEXPECTED_TEXT",
  /** The bytes are not one complete msgpack value. */
  INVALID_MSGPACK: "INVALID_MSGPACK",
} as const;

export type MsgpackParserErrorCode =
  (typeof MsgpackParserErrorCode)[keyof typeof MsgpackParserErrorCode];

/**
 * Thrown by `Decoder.add` on bad input (packets that decode but break the protocol's rules throw
 * `@volley/protocol`'s `ProtocolError`). Servers and clients close the connection with
 * "parse error" on either.
 */
export class MsgpackParserError extends Error {
  readonly code: MsgpackParserErrorCode;

  constructor(code: MsgpackParserErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MsgpackParserError";
    this.code = code;
  }
}
