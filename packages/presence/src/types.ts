/**
 * The vocabulary shared by the server tracker, the cluster replicas and the client: an entry is
 * one tracked socket (a `ref`, unique in the cluster) under a key (a user) in a topic (a room),
 * with its metadata. Everything here is plain data that crosses JSON unchanged.
 */

/** Application metadata of one entry: a JSON-serialisable object (an interface is fine). */
export type Meta = object;

/** One tracked socket: its ref (unique cluster-wide, new on each update) and its metadata. */
export interface Entry<M extends Meta = Meta> {
  ref: string;
  meta: M;
}

/** The entries of a topic by key, as lists travel: `[key, entries][]` (no prototype keys). */
export type PresenceList<M extends Meta = Meta> = [key: string, entries: Entry<M>[]][];

/** What changed in a topic: entries that joined and entries that left, grouped by key. */
export interface PresenceDiff<M extends Meta = Meta> {
  joins: PresenceList<M>;
  leaves: PresenceList<M>;
}

/** The event names Volley presence uses on the wire (server → client, client → server). */
export const PresenceEvent = {
  /** server → client: `(topic, diff)` for a topic the socket is in. */
  DIFF: "volley:presence:diff",
  /** client → server: `(topic, ack)`; the ack gets `{ ok: true, list }` or `{ ok: false }`. */
  SYNC: "volley:presence:sync",
  /** server ↔ server (serverSideEmit): the cluster messages of cluster-messages.ts. */
  CLUSTER: "volley:presence:cluster",
} as const;

/** The answer to a sync request. */
export type SyncReply<M extends Meta = Meta> =
  | { ok: true; list: PresenceList<M> }
  | { ok: false; code: "NOT_SUBSCRIBED" };
