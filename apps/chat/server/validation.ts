/**
 * Input validation for nicknames, room names and message text. Pure functions returning either
 * the normalized value or a user-facing reason; shared by the server (authoritative) and the UI
 * (instant feedback before a round trip).
 */
import { CHAT_LIMITS, ChatErrorCode } from "./events.js";

export type Validated<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; code: ChatErrorCode };

const NICKNAME_CHARS = /^[\p{L}\p{N}_.\- ]+$/u;
const ROOM_CHARS = /^[a-z0-9_-]+$/;

function fail<T>(code: ChatErrorCode, error: string): Validated<T> {
  return { ok: false, code, error };
}

/** 1–24 characters after trimming: letters, digits, `_`, `-`, `.` and inner spaces. */
export function validateNickname(input: unknown): Validated<string> {
  if (typeof input !== "string") return fail(ChatErrorCode.NICKNAME_INVALID, "Choose a nickname.");
  const value = input.trim().replace(/\s+/g, " ");
  if (value.length === 0) return fail(ChatErrorCode.NICKNAME_INVALID, "Choose a nickname.");
  if (value.length > CHAT_LIMITS.nicknameMaxLength) {
    return fail(
      ChatErrorCode.NICKNAME_INVALID,
      `Nicknames are at most ${CHAT_LIMITS.nicknameMaxLength} characters.`,
    );
  }
  if (!NICKNAME_CHARS.test(value)) {
    return fail(ChatErrorCode.NICKNAME_INVALID, "Use letters, digits, spaces, and _ - . only.");
  }
  return { ok: true, value };
}

/** Two nicknames that differ only by case belong to the same person. */
export function nicknameKey(nickname: string): string {
  return nickname.toLowerCase();
}

/**
 * Room names are lowercase slugs: a leading `#` is dropped and spaces become `-`, so
 * "#Game Night" is the room `game-night`.
 */
export function validateRoomName(input: unknown): Validated<string> {
  if (typeof input !== "string") return fail(ChatErrorCode.ROOM_INVALID, "Name the room.");
  const value = input.trim().replace(/^#+/, "").trim().toLowerCase().replace(/\s+/g, "-");
  if (value.length === 0) return fail(ChatErrorCode.ROOM_INVALID, "Name the room.");
  if (value.length > CHAT_LIMITS.roomNameMaxLength) {
    return fail(
      ChatErrorCode.ROOM_INVALID,
      `Room names are at most ${CHAT_LIMITS.roomNameMaxLength} characters.`,
    );
  }
  if (!ROOM_CHARS.test(value)) {
    return fail(ChatErrorCode.ROOM_INVALID, "Use letters, digits, - and _ in room names.");
  }
  return { ok: true, value };
}

/** Non-blank, at most 2,000 characters; surrounding whitespace is trimmed. */
export function validateMessageText(input: unknown): Validated<string> {
  if (typeof input !== "string") return fail(ChatErrorCode.MESSAGE_INVALID, "Message is empty.");
  const value = input.trim();
  if (value.length === 0) return fail(ChatErrorCode.MESSAGE_INVALID, "Message is empty.");
  if (value.length > CHAT_LIMITS.maxMessageLength) {
    return fail(
      ChatErrorCode.MESSAGE_INVALID,
      `Message is too long (${value.length.toLocaleString("en-US")} of ${CHAT_LIMITS.maxMessageLength.toLocaleString("en-US")} characters).`,
    );
  }
  return { ok: true, value };
}

/** A client-chosen message id: short, printable, or absent. */
export function validateClientId(input: unknown): string | undefined {
  return typeof input === "string" && /^[\w-]{1,64}$/.test(input) ? input : undefined;
}
