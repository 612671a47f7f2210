/**
 * The chat's wire contract, shared by the server (`server/`) and the page (`web/`): the limits,
 * the schemas of nicknames, rooms and messages (valibot, through Standard Schema), and `events`,
 * every event with a schema per argument and for its ack. Both sides infer their types from it;
 * the server validates what pages send before any handler runs, and the page checks a message
 * with the same schema before sending it.
 */
import {
  type ClientEmitEvents,
  type ClientListenEvents,
  defineEvents,
  type ServerEmitEvents,
  type ServerListenEvents,
} from "@volley/protocol";
import * as v from "valibot";

export const LIMITS = {
  nicknameMaxLength: 24,
  roomNameMaxLength: 32,
  messageMaxLength: 1_000,
  /** Messages kept per room and sent on join. */
  historySize: 50,
} as const;

/** The room everyone joins first. */
export const DEFAULT_ROOM = "general";

/** A nickname: trimmed, letters, digits, spaces, `_ - .` only. */
export const Nickname = v.pipe(
  v.string("Pick a nickname."),
  v.trim(),
  v.minLength(1, "Pick a nickname."),
  v.maxLength(
    LIMITS.nicknameMaxLength,
    `Nicknames have at most ${LIMITS.nicknameMaxLength} characters.`,
  ),
  v.regex(/^[\p{L}\p{N} _.-]+$/u, "Use letters, digits, spaces, _ - and . only."),
);

/** A room name: a leading `#` dropped, lowercase letters, digits and dashes. */
export const RoomName = v.pipe(
  v.string(),
  v.transform((input) => input.trim().replace(/^#/, "").toLowerCase()),
  v.regex(
    new RegExp(`^[a-z0-9][a-z0-9-]{0,${LIMITS.roomNameMaxLength - 1}}$`),
    `Room names are 1-${LIMITS.roomNameMaxLength} lowercase letters, digits and dashes.`,
  ),
);

/** A message: trimmed, not empty, at most `messageMaxLength` characters. */
export const MessageText = v.pipe(
  v.string("Message is empty."),
  v.trim(),
  v.minLength(1, "Message is empty."),
  v.maxLength(
    LIMITS.messageMaxLength,
    `Messages have at most ${LIMITS.messageMaxLength} characters.`,
  ),
);

const ChatMessage = v.object({
  /** Server-assigned, increasing. */
  id: v.number(),
  room: v.string(),
  author: v.string(),
  text: v.string(),
  /** Server time, ms since the epoch. */
  ts: v.number(),
});
export type ChatMessage = v.InferOutput<typeof ChatMessage>;

const RoomSummary = v.object({
  name: v.string(),
  /** Distinct nicknames in the room. */
  members: v.number(),
});
export type RoomSummary = v.InferOutput<typeof RoomSummary>;

/** Every reply: success with a payload, or a reason to show the user. */
export type Reply<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

/** The schema of `Reply<T>` for a payload's entries. */
function replyOf<T extends v.ObjectEntries>(entries: T) {
  return v.union([
    v.object({ ok: v.literal(true), ...entries }),
    v.object({ ok: v.literal(false), error: v.string() }),
  ]);
}

export const events = defineEvents({
  clientToServer: {
    "room:join": {
      args: [RoomName],
      ack: replyOf({
        room: v.string(),
        history: v.array(ChatMessage),
        members: v.array(v.string()),
      }),
    },
    "room:leave": { args: [RoomName], ack: replyOf({}) },
    "message:send": {
      args: [v.object({ room: RoomName, text: MessageText })],
      ack: replyOf({ message: ChatMessage }),
    },
  },
  serverToClient: {
    "message:new": { args: [ChatMessage] },
    "presence:update": { args: [v.object({ room: v.string(), members: v.array(v.string()) })] },
    "rooms:update": { args: [v.array(RoomSummary)] },
  },
});

/** What the server's handlers receive and what it emits (inferred from `events`). */
export type ClientToServerEvents = ServerListenEvents<typeof events>;
export type ServerToClientEvents = ServerEmitEvents<typeof events>;
/** The page's view: what it receives and what it emits. */
export type PageListenEvents = ClientListenEvents<typeof events>;
export type PageEmitEvents = ClientEmitEvents<typeof events>;

/** What an ack carries when the server refused the arguments (never reaching a handler). */
export interface Refused {
  error: "invalid_arguments" | "unknown_event";
  issues: { path: (string | number)[]; message: string }[];
}

/** What the page sends in the CONNECT `auth` object. */
export interface ChatAuth {
  nickname: string;
}

/** What the server keeps per socket (`socket.data`). */
export interface ChatSocketData {
  nickname: string;
}
