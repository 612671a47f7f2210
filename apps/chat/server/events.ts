/**
 * The chat's wire contract, shared by the server (`chat-server.ts`) and the browser
 * (`web/state/*`): the limits both sides enforce, and `chatEvents`, the event contract (valibot
 * schemas through Standard Schema) from which the event maps and payload types are inferred.
 * The server validates every incoming event against it before a handler runs; the browser
 * checks a message with the same schema before sending it. Importing this file from the web
 * build is deliberate: one source of truth for names, payloads and bounds (valibot is
 * tree-shaken to the few validators used here).
 */
import {
  type ClientEmitEvents,
  type ClientListenEvents,
  defineEvents,
  type ServerEmitEvents,
  type ServerListenEvents,
} from "@volley/protocol";
import * as v from "valibot";

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

const NICKNAME_CHARS = /^[\p{L}\p{N}_.\- ]+$/u;
const ROOM_CHARS = /^[a-z0-9_-]+$/;
const count = (n: number) => n.toLocaleString("en-US");

/** 1–24 characters after trimming: letters, digits, `_`, `-`, `.` and inner spaces. */
export const Nickname = v.pipe(
  v.string("Choose a nickname."),
  v.transform((input) => input.trim().replace(/\s+/g, " ")),
  v.minLength(1, "Choose a nickname."),
  v.maxLength(
    CHAT_LIMITS.nicknameMaxLength,
    `Nicknames are at most ${CHAT_LIMITS.nicknameMaxLength} characters.`,
  ),
  v.regex(NICKNAME_CHARS, "Use letters, digits, spaces, and _ - . only."),
);

/** Two nicknames that differ only by case belong to the same person. */
export function nicknameKey(nickname: string): string {
  return nickname.toLowerCase();
}

/**
 * Room names are lowercase slugs: a leading `#` is dropped and spaces become `-`, so
 * "#Game Night" is the room `game-night`.
 */
export const RoomName = v.pipe(
  v.string("Name the room."),
  v.transform((input) => input.trim().replace(/^#+/, "").trim().toLowerCase().replace(/\s+/g, "-")),
  v.minLength(1, "Name the room."),
  v.maxLength(
    CHAT_LIMITS.roomNameMaxLength,
    `Room names are at most ${CHAT_LIMITS.roomNameMaxLength} characters.`,
  ),
  v.regex(ROOM_CHARS, "Use letters, digits, - and _ in room names."),
);

/** Non-blank, at most 2,000 characters; surrounding whitespace is trimmed. */
export const MessageText = v.pipe(
  v.string("Message is empty."),
  v.trim(),
  v.minLength(1, "Message is empty."),
  v.maxLength(
    CHAT_LIMITS.maxMessageLength,
    (issue) =>
      `Message is too long (${count(String(issue.input).length)} of ${count(CHAT_LIMITS.maxMessageLength)} characters).`,
  ),
);

/** A message as stored and broadcast. `id` is server-assigned and increases monotonically. */
const ChatMessageSchema = v.object({
  id: v.number(),
  room: v.string(),
  author: v.string(),
  text: v.string(),
  /** Server time, ms since the epoch. */
  ts: v.number(),
  /** The sender's own id for the message, so it can match the echo to its pending copy. */
  clientId: v.optional(v.string()),
});
export type ChatMessage = v.InferOutput<typeof ChatMessageSchema>;

const RoomSummarySchema = v.object({
  name: v.string(),
  /** Distinct nicknames currently in the room. */
  members: v.number(),
});
export type RoomSummary = v.InferOutput<typeof RoomSummarySchema>;

/** The answer to every request: success with a payload, or a reason to show the user. */
export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; code: ChatErrorCode };

const Failure = v.object({
  ok: v.literal(false),
  error: v.string(),
  code: v.picklist(Object.values(ChatErrorCode)),
});
/** The schema of `Ack<T>` for a payload schema. */
function ackOf<T extends v.ObjectEntries>(entries: T) {
  return v.union([v.object({ ok: v.literal(true), ...entries }), Failure]);
}

const JoinReplySchema = v.object({
  room: v.string(),
  /** Messages after `sinceId` (or the last `historySize` when none), oldest first. */
  history: v.array(ChatMessageSchema),
  members: v.array(v.string()),
});
export type JoinReply = v.InferOutput<typeof JoinReplySchema>;

/** What `message:send` carries; the same schema checks a message in the browser before sending. */
export const SendPayload = v.object({
  room: RoomName,
  text: MessageText,
  /** Client-generated id; sending it again (a retry) never creates a second message. */
  clientId: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, "Invalid message id."))),
});
export type SendPayload = v.InferInput<typeof SendPayload>;

/**
 * Every event, both ways. Client to server: validated by the server before any handler (an
 * invalid one is answered `{ error: "invalid_arguments", issues }`). Server to client: checked
 * by the server in development and by the browser in development builds.
 */
export const chatEvents = defineEvents({
  clientToServer: {
    "room:join": {
      args: [RoomName, v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)))],
      ack: ackOf(JoinReplySchema.entries),
    },
    "room:leave": { args: [RoomName], ack: ackOf({}) },
    "message:send": { args: [SendPayload], ack: ackOf({ message: ChatMessageSchema }) },
    /** Volatile, throttled by the client; the server rate-limits it too. */
    typing: { args: [RoomName] },
  },
  serverToClient: {
    "message:new": { args: [ChatMessageSchema] },
    "rooms:update": { args: [v.array(RoomSummarySchema)] },
    typing: { args: [v.object({ room: v.string(), nickname: v.string() })] },
  },
});

/** Events the browser sends, as the server's handlers receive them. */
export type ClientToServerEvents = ServerListenEvents<typeof chatEvents>;
/** Events the server sends (plus @volley/presence's own `volley:presence:*` events). */
export type ServerToClientEvents = ServerEmitEvents<typeof chatEvents>;
/** The browser's view: what it receives and what it emits. */
export type BrowserListenEvents = ClientListenEvents<typeof chatEvents>;
export type BrowserEmitEvents = ClientEmitEvents<typeof chatEvents>;

/** The contract's answer to an event it refused (see `chatEvents`). */
export interface InvalidInput {
  error: "invalid_arguments" | "unknown_event";
  issues: { path: (string | number)[]; message: string }[];
}

/**
 * Presence meta of a room member (the room is the presence topic, the key is the nickname in
 * lower case); members come to the browser as @volley/presence diffs, not in these events.
 */
export interface MemberMeta {
  nickname: string;
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
