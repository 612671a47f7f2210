/**
 * The chat's reactive state: rooms, joined rooms, the active room, messages, members, typing
 * and unread counts. Plain signals; `connection.ts` writes them from socket events and the
 * components read them.
 */
import { computed, signal } from "@preact/signals";
import { DEFAULT_ROOM, type RoomSummary } from "../../server/events";
import type { UiMessage } from "./message-list";
import { load, save } from "./storage";
import { activeTypists, type TypingState } from "./typing";

/** Every room on the server, with member counts (live). */
export const roomList = signal<RoomSummary[]>([{ name: DEFAULT_ROOM, members: 0 }]);
/** Rooms this user is in, remembered across reloads. */
export const joinedRooms = signal<string[]>(load("rooms", [DEFAULT_ROOM]));
export const activeRoom = signal<string>(load("active", DEFAULT_ROOM));
export const messagesByRoom = signal<Record<string, UiMessage[]>>({});
export const membersByRoom = signal<Record<string, string[]>>({});
export const typingByRoom = signal<Record<string, TypingState>>({});
export const unreadByRoom = signal<Record<string, number>>({});
/** A short-lived notice (room errors and the like), shown as a toast. */
export const notice = signal<string | null>(null);
/** Ticks while someone is typing, so indicators expire on time. */
export const clock = signal(Date.now());

if (!joinedRooms.value.includes(DEFAULT_ROOM))
  joinedRooms.value = [DEFAULT_ROOM, ...joinedRooms.value];
if (!joinedRooms.value.includes(activeRoom.value)) activeRoom.value = DEFAULT_ROOM;

export const activeMessages = computed(() => messagesByRoom.value[activeRoom.value] ?? []);
export const activeMembers = computed(() => membersByRoom.value[activeRoom.value] ?? []);
export const activeTyping = computed(() =>
  activeTypists(typingByRoom.value[activeRoom.value] ?? {}, clock.value),
);

export function setJoined(rooms: string[]): void {
  joinedRooms.value = rooms;
  save("rooms", rooms);
}

export function setActive(room: string): void {
  activeRoom.value = room;
  save("active", room);
  if (unreadByRoom.value[room]) unreadByRoom.value = { ...unreadByRoom.value, [room]: 0 };
}

export function updateRoom<T>(
  store: { value: Record<string, T> },
  room: string,
  update: (current: T | undefined) => T,
): void {
  store.value = { ...store.value, [room]: update(store.value[room]) };
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
export function showNotice(text: string): void {
  notice.value = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    notice.value = null;
  }, 5_000);
}

/** Forgets everything about the conversation (sign-out). */
export function resetChat(): void {
  messagesByRoom.value = {};
  membersByRoom.value = {};
  typingByRoom.value = {};
  unreadByRoom.value = {};
  setJoined([DEFAULT_ROOM]);
  setActive(DEFAULT_ROOM);
}
