/**
 * Nickname, room and message rules, shared by the server (which enforces them) and the page
 * (which explains them before sending). Pure functions over `unknown` input.
 */
import { LIMITS } from "./events.js";

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const NICKNAME = /^[\p{L}\p{N} _.-]+$/u;
const ROOM = /^[a-z0-9][a-z0-9-]*$/;

export function validateNickname(input: unknown): Checked<string> {
  const value = typeof input === "string" ? input.trim() : "";
  if (!value) return { ok: false, error: "Pick a nickname." };
  if (value.length > LIMITS.nicknameMaxLength) {
    return { ok: false, error: `Nicknames have at most ${LIMITS.nicknameMaxLength} characters.` };
  }
  if (!NICKNAME.test(value)) {
    return { ok: false, error: "Use letters, digits, spaces, _ - and . only." };
  }
  return { ok: true, value };
}

export function validateRoomName(input: unknown): Checked<string> {
  const value = typeof input === "string" ? input.trim().replace(/^#/, "").toLowerCase() : "";
  if (!value || value.length > LIMITS.roomNameMaxLength || !ROOM.test(value)) {
    return {
      ok: false,
      error: `Room names are 1-${LIMITS.roomNameMaxLength} lowercase letters, digits and dashes.`,
    };
  }
  return { ok: true, value };
}

export function validateMessageText(input: unknown): Checked<string> {
  const value = typeof input === "string" ? input.trim() : "";
  if (!value) return { ok: false, error: "Message is empty." };
  if (value.length > LIMITS.messageMaxLength) {
    return { ok: false, error: `Messages have at most ${LIMITS.messageMaxLength} characters.` };
  }
  return { ok: true, value };
}
