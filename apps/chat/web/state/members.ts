/**
 * Member lists from @volley/presence: one `presence(socket, room)` per joined room, whose list
 * signal feeds `membersByRoom`. The server sends the list once per (re)connection and then
 * only diffs; the presence client resyncs by itself after a reconnection (showing only what
 * changed), and again when the room is rejoined.
 */
import { effect, untracked } from "@preact/signals";
import { type PresenceSocket, presence, type TopicPresence } from "@volley/presence/client";
import type { MemberMeta } from "../../server/events";
import { membersByRoom, updateRoom } from "./chat";

const watched = new Map<string, { members: TopicPresence<MemberMeta>; stop: () => void }>();

/** Distinct nicknames (a nickname with several tabs once), sorted case-insensitively. */
function names(members: TopicPresence<MemberMeta>): string[] {
  const all = members.list.value.map(([, entries]) => entries[0]?.meta.nickname ?? "");
  return [...new Set(all.filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, "en", { sensitivity: "base" }),
  );
}

/** Follows the members of `room` (after joining it); resyncs when already followed. */
export function watchMembers(socket: PresenceSocket, room: string): void {
  const known = watched.get(room);
  if (known) {
    if (!known.members.synced.value) known.members.resync();
    return;
  }
  const members = presence<MemberMeta>(socket, room);
  const stop = effect(() => {
    const list = names(members);
    // the write reads membersByRoom: untracked, or this effect would depend on what it writes
    if (members.synced.value) untracked(() => updateRoom(membersByRoom, room, () => list));
  });
  watched.set(room, { members, stop });
}

export function unwatchMembers(room: string): void {
  const known = watched.get(room);
  if (!known) return;
  known.stop();
  known.members.dispose();
  watched.delete(room);
}

export function unwatchAll(): void {
  for (const room of [...watched.keys()]) unwatchMembers(room);
}
