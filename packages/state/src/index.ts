/**
 * @volley/state — the parts both sides share: schema, normalization, the binary codec, and the
 * pure interpolation and prediction helpers. The server entry (`@volley/state/server`) adds
 * `StateServer`; the client entry (`@volley/state/client`) adds `StateClient` on signals.
 */
export { ByteReader, ByteWriter } from "./bytes.js";
export {
  decodeMessage,
  encodeDelta,
  encodeFull,
  type MessageHeader,
  MessageKind,
  readHeader,
  WIRE_VERSION,
} from "./codec.js";
export * from "./interpolation.js";
export * from "./prediction.js";
export {
  type AnyState,
  type CollectionSchema,
  defineSchema,
  type Fields,
  type FieldType,
  type FieldValue,
  type KeyOf,
  type KeyType,
  MAX_FIELDS,
  normalizeObject,
  normalizeState,
  normalizeValue,
  type Schema,
  type SyncedObject,
  type SyncedState,
  t,
  type Value,
} from "./schema.js";
