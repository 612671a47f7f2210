/**
 * The client's pure presence logic (Phoenix's `syncState`/`syncDiff`, by ref): a state is
 * key -> ref -> meta; a diff applies idempotently (a join of a ref already there with the same
 * meta, or a leave of a ref not there, changes nothing), and a full list received after a
 * reconnection is turned into the diff from what the client showed, so a resync shows what
 * changed and nothing else.
 */
import { sameMeta } from "./diff-builder.js";
import type { Entry, Meta, PresenceDiff, PresenceList } from "./types.js";

export type PresenceState<M extends Meta = Meta> = Map<string, Map<string, M>>;

export function toState<M extends Meta>(list: PresenceList<M>): PresenceState<M> {
  const state: PresenceState<M> = new Map();
  for (const [key, entries] of list) {
    if (entries.length === 0) continue;
    state.set(key, new Map(entries.map((e) => [e.ref, e.meta])));
  }
  return state;
}

export function toList<M extends Meta>(state: PresenceState<M>): PresenceList<M> {
  return [...state].map(([key, refs]) => [key, [...refs].map(([ref, meta]) => ({ ref, meta }))]);
}

/** The diff that turns `from` into `to`. */
export function diffStates<M extends Meta>(
  from: PresenceState<M>,
  to: PresenceState<M>,
): PresenceDiff<M> {
  const joins: PresenceList<M> = [];
  const leaves: PresenceList<M> = [];
  for (const [key, refs] of from) {
    const next = to.get(key);
    const gone: Entry<M>[] = [];
    for (const [ref, meta] of refs) {
      const now = next?.get(ref);
      if (now === undefined || !sameMeta(now, meta)) gone.push({ ref, meta });
    }
    if (gone.length > 0) leaves.push([key, gone]);
  }
  for (const [key, refs] of to) {
    const before = from.get(key);
    const added: Entry<M>[] = [];
    for (const [ref, meta] of refs) {
      const was = before?.get(ref);
      if (was === undefined || !sameMeta(was, meta)) added.push({ ref, meta });
    }
    if (added.length > 0) joins.push([key, added]);
  }
  return { joins, leaves };
}

/** What a diff really changed, per key, with whether the key appeared or disappeared. */
export interface AppliedChange<M extends Meta = Meta> {
  key: string;
  entries: Entry<M>[];
  /** joins: the key was absent before; leaves: the key is absent now. */
  edge: boolean;
}

/**
 * Applies `diff` to `state` in place (leaves first, then joins); returns the real changes.
 * Edges look at the whole diff: a meta update (leave and join of one key in one diff) is
 * neither the key's last leave nor its first join.
 */
export function applyDiff<M extends Meta>(
  state: PresenceState<M>,
  diff: PresenceDiff<M>,
): { joins: AppliedChange<M>[]; leaves: AppliedChange<M>[] } {
  const leaves: AppliedChange<M>[] = [];
  const joins: AppliedChange<M>[] = [];
  const before = new Set<string>();
  for (const [key, entries] of diff.leaves) {
    const refs = state.get(key);
    if (!refs) continue;
    before.add(key);
    // only the entry the diff names: a leave of a meta already replaced is a no-op
    const left = entries.filter((e) => {
      const meta = refs.get(e.ref);
      return meta !== undefined && sameMeta(meta, e.meta) && refs.delete(e.ref);
    });
    if (refs.size === 0) state.delete(key);
    if (left.length > 0) leaves.push({ key, entries: left, edge: false });
  }
  for (const [key, entries] of diff.joins) {
    let refs = state.get(key);
    const edge = refs === undefined && !before.has(key);
    if (!refs) {
      refs = new Map();
      state.set(key, refs);
    }
    const joined: Entry<M>[] = [];
    for (const e of entries) {
      const was = refs.get(e.ref);
      if (was !== undefined && sameMeta(was, e.meta)) continue;
      refs.set(e.ref, e.meta);
      joined.push(e);
    }
    if (refs.size === 0) state.delete(key);
    if (joined.length > 0) joins.push({ key, entries: joined, edge });
  }
  for (const change of leaves) change.edge = !state.has(change.key);
  return { joins, leaves };
}
