/**
 * Engine.IO HTTP error codes and their messages: the `{"code":N,"message":…}` body of a 400
 * answer to a bad polling or upgrade request. Shared so server and client agree on them.
 */

/** Engine.IO HTTP error codes. */
export const EngineErrorCode = {
  UNKNOWN_TRANSPORT: 0,
  UNKNOWN_SID: 1,
  BAD_HANDSHAKE_METHOD: 2,
  BAD_REQUEST: 3,
  FORBIDDEN: 4,
  UNSUPPORTED_PROTOCOL_VERSION: 5,
} as const;

/** Union of the values of {@link EngineErrorCode}. */
export type EngineErrorCode = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

/** The message of each {@link EngineErrorCode}, as the official server sends it. */
export const ENGINE_ERROR_MESSAGES = {
  0: "Transport unknown",
  1: "Session ID unknown",
  2: "Bad handshake method",
  3: "Bad request",
  4: "Forbidden",
  5: "Unsupported protocol version",
} as const satisfies Record<EngineErrorCode, string>;

/** Union of the Engine.IO error messages. */
export type EngineErrorMessage = (typeof ENGINE_ERROR_MESSAGES)[EngineErrorCode];

/**
 * The message for an Engine.IO error code.
 *
 * @example engineErrorMessage(EngineErrorCode.UNKNOWN_SID) // "Session ID unknown"
 */
export function engineErrorMessage<C extends EngineErrorCode>(
  code: C,
): (typeof ENGINE_ERROR_MESSAGES)[C] {
  return ENGINE_ERROR_MESSAGES[code];
}

/**
 * The JSON body of an Engine.IO HTTP error answer.
 *
 * @example engineErrorBody(EngineErrorCode.BAD_REQUEST) // '{"code":3,"message":"Bad request"}'
 */
export function engineErrorBody(code: EngineErrorCode): string {
  return JSON.stringify({ code, message: ENGINE_ERROR_MESSAGES[code] });
}
