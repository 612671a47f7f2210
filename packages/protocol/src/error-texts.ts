/**
 * The readable message of every ProtocolError, kept apart from the codecs so browser
 * production builds can leave them out (texts.browser.ts): there an error carries its code
 * (`err.code`, which is also its message) alone. Node and development builds get these words.
 */

/** Why an Engine.IO handshake was refused, by key. */
const HANDSHAKE = {
  json: "not JSON",
  object: "not an object",
  sid: "sid must be a non-empty string",
  upgrades: "upgrades must be an array of strings",
  pingInterval: "pingInterval must be a number",
  pingTimeout: "pingTimeout must be a number",
  maxPayload: "maxPayload must be a number",
};
export type HandshakeFault = keyof typeof HANDSHAKE;

/** Why a packet's data does not fit its type, by key. */
const PAYLOAD = {
  event: "EVENT data must be a non-empty array",
  eventName: "EVENT name must be a string or a number",
  ack: "ACK data must be an array",
  connect: "CONNECT data must be an object",
  disconnect: "DISCONNECT carries no data",
  connectError: "CONNECT_ERROR data must be an object or a string",
};
export type PayloadFault = keyof typeof PAYLOAD;

const describe = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value) : typeof value;

export const base64 = (reason: string) => `Invalid base64: ${reason}`;
export const handshake = (fault: HandshakeFault) => `Invalid handshake: ${HANDSHAKE[fault]}`;
export const payload = (fault: PayloadFault) => PAYLOAD[fault];
export const reservedEvent = (name: string) => `"${name}" is a reserved event name`;
export const tooManyPackets = (max: number) => `Polling payload holds more than ${max} packets`;
export const engineType = (type: unknown) => `Unknown Engine.IO packet type: ${describe(type)}`;
export const binaryNotMessage = (type: string) =>
  `Binary data is only allowed on message packets, not ${type}`;
export const notStringOrBinary = (what: "Packet" | "Packet data") =>
  `${what} must be a string or binary`;
export const separatorInData = () =>
  "Polling packet data must not contain the record separator \\x1e";
export const emptyEnginePacket = () => "Empty Engine.IO packet";
export const tooDeep = (max: number) => `Data is nested deeper than ${max} levels (or is circular)`;
export const jsonTooDeep = (max: number) => `Packet data is nested deeper than ${max} levels`;
export const toJsonThrew = (reason: string) => `toJSON() threw: ${reason}`;
export const badJson = (reason: string) => `Packet data is not valid JSON: ${reason}`;
export const badPlaceholder = (num: unknown, attachments: number) =>
  `Placeholder num ${typeof num === "number" ? num : typeof num} is not an integer from 0 to ${attachments - 1}`;
export const notAnObject = () => "Decoded packet is not an object";
export const invalidType = () => "Invalid packet type";
export const invalidNamespace = () => "Invalid namespace";
export const invalidAckId = () => "Invalid ack id";
export const ackWithoutId = () => "ACK packet without an ack id";

/** A safe, short description of a bad value for an error message. */
function describeValue(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 50 ? `${value.slice(0, 50)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value == null)
    return String(value);
  return typeof value;
}

// the Socket.IO encoder
export const unknownType = (type: unknown) => `Unknown packet type: ${describeValue(type)}`;
export const badNamespace = (nsp: unknown) =>
  `Namespace must start with "/" and hold no "," or control character: ${describeValue(nsp)}`;
export const badAckId = (id: unknown) =>
  `Ack id must be an integer from 0 to ${Number.MAX_SAFE_INTEGER} on EVENT or ACK: ${describeValue(id)}`;
export const tooDeepToSerialize = () => "Data is nested too deeply to serialize";
export const notSerializable = (reason: string) => `Data cannot be serialized: ${reason}`;

// the Socket.IO decoder
export const chunkNotStringOrBinary = () => "Chunk must be a string or binary";
export const unexpectedBinary = () => "Got binary data while no binary packet was expected";
export const unexpectedText = () => "Got a text packet while binary attachments were pending";
export const illegalAttachments = () => "Illegal attachments: the count is missing or not a number";
export const tooManyAttachments = (count: number, max: number) =>
  `Packet announces ${count > 1e15 ? "too many" : count} attachments (max ${max})`;
export const namespaceControlChar = () => "Namespace holds a control character";
export const ackIdTooLarge = () => "Ack id is larger than MAX_SAFE_INTEGER";
export const ackIdNotInteger = () => "Ack id must be an integer";
export const ackIdOnEventAck = () => "Only EVENT and ACK packets carry an ack id";
export const ackIdNegative = () => "Ack id must not be negative";
export const whitespaceBeforeData = () => "Unexpected whitespace before packet data";
