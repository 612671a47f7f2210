/**
 * One node's share of the presence state: topic -> key -> ref -> meta. A node owns its
 * partition (only it writes it); every other node holds a replica it updates from that node's
 * deltas and replaces from its full state. Because each partition has a single writer and
 * travels with a per-node clock, replicas converge without a coordinator: the state of the
 * cluster is the union of the live nodes' partitions. Pure data and functions, no I/O.
 */
import type { DiffBuilder } from "./diff-builder.js";
import { sameMeta } from "./diff-builder.js";
import type { Meta, PresenceList } from "./types.js";

export type Partition = Map<string, Map<string, Map<string, Meta>>>;

/** One change to a partition: a join when `m` is set, else a leave. */
export interface Op {
  /** topic */
  t: string;
  /** key */
  k: string;
  /** ref */
  r: string;
  /** meta (joins only) */
  m?: Meta;
}

/** A partition as it travels: `[topic, [key, [ref, meta][]][]][]`. */
export type SerializedPartition = [string, [string, [string, Meta][]][]][];

/** Applies one op; records the change (if any) in `diff`. Idempotent. */
export function applyOp(part: Partition, op: Op, diff?: DiffBuilder): void {
  if (op.m !== undefined) {
    let keys = part.get(op.t);
    if (!keys) {
      keys = new Map();
      part.set(op.t, keys);
    }
    let refs = keys.get(op.k);
    if (!refs) {
      refs = new Map();
      keys.set(op.k, refs);
    }
    const old = refs.get(op.r);
    if (old !== undefined && sameMeta(old, op.m)) return;
    if (old !== undefined) diff?.leave(op.t, op.k, op.r, old);
    refs.set(op.r, op.m);
    diff?.join(op.t, op.k, op.r, op.m);
    return;
  }
  const keys = part.get(op.t);
  const refs = keys?.get(op.k);
  const old = refs?.get(op.r);
  if (!keys || !refs || old === undefined) return;
  refs.delete(op.r);
  if (refs.size === 0) keys.delete(op.k);
  if (keys.size === 0) part.delete(op.t);
  diff?.leave(op.t, op.k, op.r, old);
}

/**
 * Replaces `part` by `next` in place, recording only what differs: leaves for refs gone (or
 * whose meta changed), joins for refs new (or changed). Refs present in both are untouched.
 */
export function replacePartition(part: Partition, next: Partition, diff?: DiffBuilder): void {
  for (const [topic, keys] of [...part]) {
    for (const [key, refs] of [...keys]) {
      for (const [ref, meta] of [...refs]) {
        const now = next.get(topic)?.get(key)?.get(ref);
        if (now === undefined || !sameMeta(now, meta))
          applyOp(part, { t: topic, k: key, r: ref }, diff);
      }
    }
  }
  for (const [topic, keys] of next) {
    for (const [key, refs] of keys) {
      for (const [ref, meta] of refs) applyOp(part, { t: topic, k: key, r: ref, m: meta }, diff);
    }
  }
}

/** Empties `part`, recording every entry as a leave. */
export function clearPartition(part: Partition, diff?: DiffBuilder): void {
  replacePartition(part, new Map(), diff);
}

export function serializePartition(part: Partition): SerializedPartition {
  return [...part].map(([topic, keys]) => [
    topic,
    [...keys].map(([key, refs]) => [key, [...refs]] as [string, [string, Meta][]]),
  ]);
}

export function deserializePartition(data: SerializedPartition): Partition {
  const part: Partition = new Map();
  for (const [topic, keys] of data) {
    const map = new Map<string, Map<string, Meta>>();
    for (const [key, refs] of keys) if (refs.length > 0) map.set(key, new Map(refs));
    if (map.size > 0) part.set(topic, map);
  }
  return part;
}

/** The union of several partitions' entries in one topic, by key. */
export function listTopic(parts: Iterable<Partition>, topic: string): PresenceList {
  const byKey = new Map<string, { ref: string; meta: Meta }[]>();
  for (const part of parts) {
    const keys = part.get(topic);
    if (!keys) continue;
    for (const [key, refs] of keys) {
      let entries = byKey.get(key);
      if (!entries) {
        entries = [];
        byKey.set(key, entries);
      }
      for (const [ref, meta] of refs) entries.push({ ref, meta });
    }
  }
  return [...byKey];
}
