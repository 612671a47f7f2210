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
