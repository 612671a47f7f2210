/**
 * The vocabulary server and client share: event-map types, reserved names, typed errors with
 * codes, the acknowledgement registry and the default error report. Re-exported by the package
 * root; kept in one folder so "what both sides must agree on" is one place to read.
 */
export { type AckCallback, type AckOptions, AckRegistry } from "./ack-registry.js";
export {
  AckTimeoutError,
  PendingAcksLimitError,
  SendBufferFullError,
  SocketDisconnectedError,
  toError,
  VolleyError,
  VolleyErrorCode,
} from "./errors.js";
export type {
  AckResult,
  AllButLast,
  DecorateAcknowledgements,
  DecorateAcknowledgementsWithMultipleResponses,
  DefaultEventsMap,
  DefaultSocketData,
  EmitWithAckArgs,
  EventNames,
  EventNamesWithAck,
  EventParams,
  EventsMap,
  FirstArg,
  FirstNonErrorArg,
  Last,
  ReservedOrUserEventNames,
  ReservedOrUserListener,
  UntypedListener,
} from "./event-types.js";
/** Option checks for `resolveOptions`: `check.number(0)`, `check.oneOf([...])`, … */
export * as check from "./option-checks.js";
export {
  closest,
  InvalidOptionError,
  type OptionCheck,
  type OptionChecks,
  resolveOptions,
} from "./options.js";
export {
  defaultParser,
  type EncodedPart,
  encoderOf,
  type PacketDecoder,
  type PacketEncode,
  type PacketEncoder,
  type Parser,
} from "./parser.js";
export { reportErrorAsync } from "./report-error.js";
export { assertEmittable, RESERVED_EMIT_EVENTS } from "./reserved-events.js";
