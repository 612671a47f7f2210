/**
 * Collects the joins and leaves of one batch (one flush of local changes, one delta or state
 * from another node) per topic, cancelling what undoes itself: a ref that joins and leaves in
 * one batch is not sent at all, and a ref that leaves and comes back with the same metadata
 * (a resync after a Redis restart) is no change. That is why a resync reads as a diff, never
 * as everyone leaving and joining again.
 */
import type { Entry, Meta, PresenceDiff, PresenceList } from "./types.js";

interface Change {
  key: string;
  meta: Meta;
}

interface TopicChanges {
  joins: Map<string, Change>;
  leaves: Map<string, Change>;
}

/** Same metadata? Metas are JSON, so their JSON text compares them (key order as built). */
export function sameMeta(a: Meta, b: Meta): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class DiffBuilder {
  private readonly topics = new Map<string, TopicChanges>();

  private changes(topic: string): TopicChanges {
    let changes = this.topics.get(topic);
    if (!changes) {
      changes = { joins: new Map(), leaves: new Map() };
      this.topics.set(topic, changes);
    }
    return changes;
  }

  join(topic: string, key: string, ref: string, meta: Meta): void {
    const changes = this.changes(topic);
    const left = changes.leaves.get(ref);
    if (left && left.key === key && sameMeta(left.meta, meta)) {
      changes.leaves.delete(ref);
      return;
    }
    changes.joins.set(ref, { key, meta });
  }

  leave(topic: string, key: string, ref: string, meta: Meta): void {
    const changes = this.changes(topic);
    if (changes.joins.delete(ref)) return;
    changes.leaves.set(ref, { key, meta });
  }

  get empty(): boolean {
    for (const changes of this.topics.values()) {
      if (changes.joins.size > 0 || changes.leaves.size > 0) return false;
    }
    return true;
  }

  /** The non-empty diffs by topic; the builder is empty afterwards. */
  take(): Map<string, PresenceDiff> {
    const out = new Map<string, PresenceDiff>();
    for (const [topic, changes] of this.topics) {
      if (changes.joins.size === 0 && changes.leaves.size === 0) continue;
      out.set(topic, { joins: group(changes.joins), leaves: group(changes.leaves) });
    }
    this.topics.clear();
    return out;
  }
}

function group(changes: Map<string, Change>): PresenceList {
  const byKey = new Map<string, Entry[]>();
  for (const [ref, { key, meta }] of changes) {
    let entries = byKey.get(key);
    if (!entries) {
      entries = [];
      byKey.set(key, entries);
    }
    entries.push({ ref, meta });
  }
  return [...byKey];
}
