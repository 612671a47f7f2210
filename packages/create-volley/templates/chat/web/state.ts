/**
 * The page's state as signals, and the actions that change it. Components only read signals and
 * call actions; everything that talks to the server is here.
 */
import { computed, signal } from "@preact/signals";
import { io, type Socket } from "@volley/client";
import * as v from "valibot";
import {
  type ChatMessage,
  DEFAULT_ROOM,
  events,
  MessageText,
  type PageEmitEvents,
  type PageListenEvents,
  type Refused,
  type RoomSummary,
} from "../shared/events";

export type ChatSocket = Socket<PageListenEvents, PageEmitEvents>;

/** The server refused the arguments (the contract): its first reason, for the user. */
function refusal(reply: object): string | undefined {
  return "issues" in reply ? ((reply as Refused).issues[0]?.message ?? "Refused.") : undefined;
}

/** Why `text` cannot be sent (the contract's reason), or "" when it can. */
export function messageProblem(text: string): string {
  const checked = v.safeParse(MessageText, text);
  return checked.success ? "" : checked.issues[0].message;
}

/** A message on its way: shown as "Sending…" until the server's ack, or with the error. */
export interface Outgoing {
  key: number;
  room: string;
  text: string;
  error?: string;
}

const ACK_TIMEOUT_MS = 5_000;

export const socket = signal<ChatSocket | null>(null);
export const nickname = signal(localStorage.getItem("nickname") ?? "");
export const signInError = signal("");
export const rooms = signal<RoomSummary[]>([]);
export const joined = signal<string[]>([]);
export const current = signal(DEFAULT_ROOM);
export const messages = signal<Record<string, ChatMessage[]>>({});
export const members = signal<Record<string, string[]>>({});
export const outbox = signal<Outgoing[]>([]);
export const roomError = signal("");

export const currentMessages = computed(() => messages.value[current.value] ?? []);
export const currentMembers = computed(() => members.value[current.value] ?? []);
export const currentOutbox = computed(() => outbox.value.filter((o) => o.room === current.value));

let nextKey = 1;

function addMessages(room: string, incoming: ChatMessage[]): void {
  const known = messages.value[room] ?? [];
  const ids = new Set(known.map((m) => m.id));
  const merged = [...known, ...incoming.filter((m) => !ids.has(m.id))].sort((a, b) => a.id - b.id);
  messages.value = { ...messages.value, [room]: merged };
}

export function signIn(name: string): void {
  socket.value?.disconnect();
  nickname.value = name;
  localStorage.setItem("nickname", name);
  signInError.value = "";
  // the contract types the socket; development builds also check what the server sends
  const s: ChatSocket = io({
    auth: { nickname: name },
    events,
    validateIncoming: import.meta.env.DEV,
  });
  s.on("connect", () => {
    // First connection or a reconnection after a server restart: (re)join every room.
    for (const room of joined.value.length > 0 ? joined.value : [DEFAULT_ROOM]) void joinRoom(room);
  });
  s.on("connect_error", (error) => {
    // A refusal by the server's middleware: back to the sign-in form with its reason.
    if (!s.active) {
      signInError.value = error.message;
      socket.value = null;
    }
  });
  s.on("rooms:update", (list) => {
    rooms.value = list;
  });
  s.on("presence:update", ({ room, members: list }) => {
    members.value = { ...members.value, [room]: list };
  });
  s.on("message:new", (message) => addMessages(message.room, [message]));
  socket.value = s;
}

export async function joinRoom(name: string): Promise<void> {
  const s = socket.value;
  if (!s) return;
  roomError.value = "";
  try {
    const reply = await s.timeout(ACK_TIMEOUT_MS).emitWithAck("room:join", name);
    const refused = refusal(reply);
    if (refused !== undefined || !reply.ok) {
      roomError.value = refused ?? (reply.ok ? "" : reply.error);
      return;
    }
    if (!joined.value.includes(reply.room)) joined.value = [...joined.value, reply.room];
    members.value = { ...members.value, [reply.room]: reply.members };
    addMessages(reply.room, reply.history);
    current.value = reply.room;
  } catch {
    roomError.value = "The server did not answer; try again.";
  }
}

export async function leaveRoom(name: string): Promise<void> {
  const s = socket.value;
  if (!s || name === DEFAULT_ROOM) return;
  joined.value = joined.value.filter((r) => r !== name);
  if (current.value === name) current.value = DEFAULT_ROOM;
  await s
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck("room:leave", name)
    .catch(() => undefined);
}

/** Sends a message; one the contract would refuse is never sent (see messageProblem). */
export async function send(room: string, text: string, key = nextKey++): Promise<void> {
  const s = socket.value;
  if (!s || messageProblem(text) !== "") return;
  const entry: Outgoing = { key, room, text };
  outbox.value = [...outbox.value.filter((o) => o.key !== key), entry];
  let error: string;
  try {
    const reply = await s.timeout(ACK_TIMEOUT_MS).emitWithAck("message:send", { room, text });
    const refused = refusal(reply);
    if (refused === undefined && reply.ok) {
      outbox.value = outbox.value.filter((o) => o.key !== key);
      addMessages(room, [reply.message]);
      return;
    }
    error = refused ?? (reply.ok ? "" : reply.error);
  } catch {
    error = "Not delivered: the server did not answer.";
  }
  outbox.value = outbox.value.map((o) => (o.key === key ? { ...o, error } : o));
}

export function retry(entry: Outgoing): void {
  void send(entry.room, entry.text, entry.key);
}
