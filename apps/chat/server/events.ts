/**
 * The chat's wire contract: typed event maps shared by the server (`chat-server.ts`) and the
 * browser (`web/state/*`), plus the limits both sides enforce. Importing this file from the web
 * build is deliberate: one source of truth for names, payloads and bounds.
 */

/** Limits the server enforces and the UI mirrors (counters, input hints). */
export const CHAT_LIMITS = {
  /** Characters (UTF-16 code units, like `String.length`) in one message. */
  maxMessageLength: 2_000,
  /** Messages kept per room and replayed on join. */
  historySize: 100,
  /** Rooms that may exist at once (including `general`). */
  maxRooms: 50,
  nicknameMaxLength: 24,
  roomNameMaxLength: 32,
} as const;

/** The room everyone starts in; it always exists and cannot be left. */
export const DEFAULT_ROOM = "general";

/** Stable error codes, carried next to the human-readable text. */
export const ChatErrorCode = {
  NICKNAME_INVALID: "NICKNAME_INVALID",
  NICKNAME_TAKEN: "NICKNAME_TAKEN",
  ROOM_INVALID: "ROOM_INVALID",
  ROOM_LIMIT: "ROOM_LIMIT",
  NOT_IN_ROOM: "NOT_IN_ROOM",
  CANNOT_LEAVE: "CANNOT_LEAVE",
  MESSAGE_INVALID: "MESSAGE_INVALID",
  RATE_LIMITED: "RATE_LIMITED",
} as const;
export type ChatErrorCode = (typeof ChatErrorCode)[keyof typeof ChatErrorCode];

/** A message as stored and broadcast. `id` is server-assigned and increases monotonically. */
export interface ChatMessage {
  id: number;
  room: string;
  author: string;
  text: string;
  /** Server time, ms since the epoch. */
  ts: number;
  /** The sender's own id for the message, so it can match the echo to its pending copy. */
  clientId?: string;
}

export interface RoomSummary {
  name: string;
  /** Distinct nicknames currently in the room. */
  members: number;
}

/** The answer to every request: success with a payload, or a reason to show the user. */
export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; code: ChatErrorCode };

export interface JoinReply {
  room: string;
  /** Messages after `sinceId` (or the last `historySize` when none), oldest first. */
  history: ChatMessage[];
  members: string[];
}

export interface SendPayload {
  room: string;
  text: string;
  /** Client-generated id; sending it again (a retry) never creates a second message. */
  clientId: string;
}

/** Events the browser sends. */
export interface ClientToServerEvents {
  "room:join": (room: string, sinceId: number | null, ack: (reply: Ack<JoinReply>) => void) => void;
  "room:leave": (room: string, ack: (reply: Ack) => void) => void;
  "message:send": (
    payload: SendPayload,
    ack: (reply: Ack<{ message: ChatMessage }>) => void,
  ) => void;
  /** Volatile, throttled by the client; the server rate-limits it too. */
  typing: (room: string) => void;
}

/**
 * Presence meta of a room member (the room is the presence topic, the key is the nickname in
 * lower case); members come to the browser as @volley/presence diffs, not in these events.
 */
export interface MemberMeta {
  nickname: string;
}

/** Events the server sends (plus @volley/presence's own `volley:presence:*` events). */
export interface ServerToClientEvents {
  "message:new": (message: ChatMessage) => void;
  "rooms:update": (rooms: RoomSummary[]) => void;
  typing: (typing: { room: string; nickname: string }) => void;
}

/** What the browser sends in the CONNECT `auth` object. */
export interface ChatAuth {
  nickname: string;
  /** A per-browser secret kept in localStorage: it lets a reload reclaim its own nickname. */
  token: string;
}

/** Per-socket data the server keeps (`socket.data`). */
export interface ChatSocketData {
  nickname: string;
  token: string;
}

/** `data` of the CONNECT_ERROR that refuses a connection. */
export interface ConnectErrorData {
  code: ChatErrorCode;
}
