/**
 * The chat's wire contract: typed event maps shared by the server (`server/`) and the page
 * (`web/`), plus the limits both sides enforce.
 */
export const LIMITS = {
  nicknameMaxLength: 24,
  roomNameMaxLength: 32,
  messageMaxLength: 1_000,
  /** Messages kept per room and sent on join. */
  historySize: 50,
} as const;

/** The room everyone joins first. */
export const DEFAULT_ROOM = "general";

export interface ChatMessage {
  /** Server-assigned, increasing. */
  id: number;
  room: string;
  author: string;
  text: string;
  /** Server time, ms since the epoch. */
  ts: number;
}

export interface RoomSummary {
  name: string;
  /** Distinct nicknames in the room. */
  members: number;
}

/** Every reply: success with a payload, or a reason to show the user. */
export type Reply<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface JoinReply {
  room: string;
  history: ChatMessage[];
  members: string[];
}

/** Events the page sends; the last argument is the ack the server answers. */
export interface ClientToServerEvents {
  "room:join": (room: string, ack: (reply: Reply<JoinReply>) => void) => void;
  "room:leave": (room: string, ack: (reply: Reply) => void) => void;
  "message:send": (
    payload: { room: string; text: string },
    ack: (reply: Reply<{ message: ChatMessage }>) => void,
  ) => void;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  "message:new": (message: ChatMessage) => void;
  "presence:update": (presence: { room: string; members: string[] }) => void;
  "rooms:update": (rooms: RoomSummary[]) => void;
}

/** What the page sends in the CONNECT `auth` object. */
export interface ChatAuth {
  nickname: string;
}

/** What the server keeps per socket (`socket.data`). */
export interface ChatSocketData {
  nickname: string;
}
