/**
 * Pure logic for a room's message list as the UI shows it: server messages ordered by id and
 * deduplicated, the user's own messages pending or failed until the server answers. No
 * signals, no sockets: tested directly in test/message-list.test.ts.
 */
import type { ChatMessage } from "../../server/events";

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface UiMessage {
  /** Stable key for rendering: `id:<n>` once delivered, `local:<clientId>` before. */
  key: string;
  id?: number;
  clientId?: string;
  room: string;
  author: string;
  text: string;
  ts: number;
  status: DeliveryStatus;
  error?: string;
}

/** Messages kept per room in the browser. */
export const CLIENT_HISTORY_LIMIT = 500;

export function fromServer(message: ChatMessage): UiMessage {
  return {
    key: `id:${message.id}`,
    id: message.id,
    ...(message.clientId ? { clientId: message.clientId } : {}),
    room: message.room,
    author: message.author,
    text: message.text,
    ts: message.ts,
    status: "delivered",
  };
}

export function pendingMessage(
  room: string,
  author: string,
  text: string,
  clientId: string,
  ts: number,
): UiMessage {
  return { key: `local:${clientId}`, clientId, room, author, text, ts, status: "pending" };
}

/**
 * Merges server messages into a list: duplicates (same id) are dropped, a message that answers
 * one of `me`'s local messages (same clientId) replaces it, delivered messages stay in id order
 * and local ones stay after them.
 */
export function mergeMessages(list: UiMessage[], incoming: ChatMessage[], me: string): UiMessage[] {
  if (incoming.length === 0) return list;
  const seen = new Set<number>();
  for (const message of list) if (message.id !== undefined) seen.add(message.id);
  const answered = new Set<string>();
  const fresh: UiMessage[] = [];
  for (const message of incoming) {
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    if (message.clientId && message.author === me) answered.add(message.clientId);
    fresh.push(fromServer(message));
  }
  if (fresh.length === 0) return list;
  const delivered: UiMessage[] = [];
  const local: UiMessage[] = [];
  for (const message of list) {
    if (message.status === "delivered") delivered.push(message);
    else if (!(message.clientId && answered.has(message.clientId))) local.push(message);
  }
  const merged = [...delivered, ...fresh].sort((a, b) => a.id! - b.id!);
  return [...merged.slice(-CLIENT_HISTORY_LIMIT), ...local];
}

/** Adds one of the user's own messages before the server has seen it. */
export function addLocal(list: UiMessage[], message: UiMessage): UiMessage[] {
  return [...list, message];
}

/** Marks a local message failed (with the reason) or pending again (a retry). */
export function setLocalStatus(
  list: UiMessage[],
  clientId: string,
  status: "pending" | "failed",
  error?: string,
): UiMessage[] {
  return list.map((message) =>
    message.clientId === clientId && message.status !== "delivered"
      ? { ...message, status, ...(error ? { error } : { error: undefined }) }
      : message,
  );
}

export function removeLocal(list: UiMessage[], clientId: string): UiMessage[] {
  return list.filter(
    (message) => !(message.clientId === clientId && message.status !== "delivered"),
  );
}

/** The newest delivered id, to ask the server only for what was missed. */
export function lastSeenId(list: UiMessage[]): number | null {
  for (let i = list.length - 1; i >= 0; i--) {
    const id = list[i]!.id;
    if (id !== undefined) return id;
  }
  return null;
}
