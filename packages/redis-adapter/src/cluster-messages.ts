/**
 * What nodes tell each other through Redis: one discriminated union, encoded once per message
 * as JSON. JSON keeps messages readable with `redis-cli monitor` and costs no dependency;
 * binary values (Buffer, typed arrays, ArrayBuffer) travel as `{"$volleyBinary":"<base64>"}`
 * and come back as Buffers, which the Socket.IO encoder sends as attachments.
 */
import { hasBinary, type Packet } from "@volley/protocol";
import type { Handshake, Room, SerializedBroadcastOptions, SocketId } from "@volley/server";

/** Every message type, as a const object (no enum): the `type` field of a ClusterMessage. */
export const MessageType = {
  /** "I am alive"; `initial` asks every node to answer with a heartbeat at once. */
  HEARTBEAT: "heartbeat",
  /** "I am leaving" (a closing adapter), so nobody waits for this node any more. */
  CLOSE: "close",
  BROADCAST: "broadcast",
  SOCKETS_JOIN: "sockets-join",
  SOCKETS_LEAVE: "sockets-leave",
  DISCONNECT_SOCKETS: "disconnect-sockets",
  /** With a `requestId`, the sender waits for one SERVER_SIDE_EMIT_RESPONSE per node. */
  SERVER_SIDE_EMIT: "server-side-emit",
  FETCH_SOCKETS: "fetch-sockets",
  BROADCAST_WITH_ACK: "broadcast-with-ack",
  FETCH_SOCKETS_RESPONSE: "fetch-sockets-response",
  SERVER_SIDE_EMIT_RESPONSE: "server-side-emit-response",
  /** A node's number of recipients for a BROADCAST_WITH_ACK (sent once, before its acks). */
  BROADCAST_CLIENT_COUNT: "broadcast-client-count",
  BROADCAST_ACK: "broadcast-ack",
} as const;

export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** A socket as fetchSockets sends it to another node. */
export interface SerializedSocket {
  id: SocketId;
  handshake: Handshake;
  rooms: Room[];
  data: unknown;
}

/** Every message between nodes; `uid` is the sending adapter's id. */
export type ClusterMessage =
  | { type: typeof MessageType.HEARTBEAT; uid: string; initial: boolean }
  | { type: typeof MessageType.CLOSE; uid: string }
  | {
      type: typeof MessageType.BROADCAST;
      uid: string;
      packet: Packet;
      opts: SerializedBroadcastOptions;
      /** The broadcast's recovery offset (its stream id), spliced in by the log script. */
      offset?: string;
    }
  | {
      type: typeof MessageType.SOCKETS_JOIN | typeof MessageType.SOCKETS_LEAVE;
      uid: string;
      opts: SerializedBroadcastOptions;
      rooms: Room[];
    }
  | {
      type: typeof MessageType.DISCONNECT_SOCKETS;
      uid: string;
      opts: SerializedBroadcastOptions;
      close: boolean;
    }
  | { type: typeof MessageType.SERVER_SIDE_EMIT; uid: string; data: unknown[]; requestId?: string }
  | {
      type: typeof MessageType.FETCH_SOCKETS;
      uid: string;
      requestId: string;
      opts: SerializedBroadcastOptions;
    }
  | {
      type: typeof MessageType.BROADCAST_WITH_ACK;
      uid: string;
      requestId: string;
      packet: Packet;
      opts: SerializedBroadcastOptions;
    }
  | ClusterResponse;

/** The messages that answer a request; they go to the requester's own channel only. */
export type ClusterResponse =
  | {
      type: typeof MessageType.FETCH_SOCKETS_RESPONSE;
      uid: string;
      requestId: string;
      sockets: SerializedSocket[];
    }
  | {
      type: typeof MessageType.SERVER_SIDE_EMIT_RESPONSE;
      uid: string;
      requestId: string;
      data: unknown;
    }
  | {
      type: typeof MessageType.BROADCAST_CLIENT_COUNT;
      uid: string;
      requestId: string;
      clientCount: number;
    }
  | { type: typeof MessageType.BROADCAST_ACK; uid: string; requestId: string; data: unknown };

const BINARY_KEY = "$volleyBinary";
const TYPES = new Set<string>(Object.values(MessageType));

/** JSON replacer: binary values (seen before their own toJSON runs) become base64 objects. */
function replaceBinary(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof ArrayBuffer) return { [BINARY_KEY]: Buffer.from(raw).toString("base64") };
  if (ArrayBuffer.isView(raw)) {
    const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    return { [BINARY_KEY]: bytes.toString("base64") };
  }
  return value;
}

/** JSON reviver: base64 objects become Buffers again. */
function reviveBinary(_key: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const encoded = (value as Record<string, unknown>)[BINARY_KEY];
    if (typeof encoded === "string" && Object.keys(value).length === 1) {
      return Buffer.from(encoded, "base64");
    }
  }
  return value;
}

/**
 * Any value (event arguments, socket data) -> JSON text, binary values included. The replacer
 * runs only when there is binary to replace: a JS callback per key makes JSON.stringify several
 * times slower, and most messages carry none.
 */
export function encodeValue(value: unknown): string {
  return hasBinary(value) ? JSON.stringify(value, replaceBinary) : JSON.stringify(value);
}

/** JSON text from encodeValue -> the value, with Buffers where binary values were. */
export function decodeValue(text: string): unknown {
  // the reviver (a JS callback per value) only when the text has a binary value to revive
  return text.includes(`"${BINARY_KEY}"`) ? JSON.parse(text, reviveBinary) : JSON.parse(text);
}

/** A message -> the one string published (a JSON object: the log script relies on `{` first). */
export function encodeMessage(message: ClusterMessage): string {
  return encodeValue(message);
}

/** A published string -> a message; throws on anything that is not one. */
export function decodeMessage(text: string): ClusterMessage {
  return checkMessage(decodeValue(text));
}

/**
 * A published string -> its messages: one message, or a batch (a JSON array of messages, see
 * publish-queue.ts); throws when any of them is not a message.
 */
export function decodeMessages(text: string): ClusterMessage[] {
  const value = decodeValue(text);
  return Array.isArray(value) ? value.map(checkMessage) : [checkMessage(value)];
}

function checkMessage(value: unknown): ClusterMessage {
  const message = value as Partial<ClusterMessage> | null;
  if (
    typeof message !== "object" ||
    message === null ||
    typeof message.type !== "string" ||
    !TYPES.has(message.type) ||
    typeof message.uid !== "string"
  ) {
    throw new TypeError("not a Volley cluster message");
  }
  return message as ClusterMessage;
}
