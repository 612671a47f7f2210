/**
 * The cross-node restores of one adapter (see restore-merge.ts for why they merge live
 * broadcasts): each one captures live broadcasts from before its log read until its socket
 * joins its rooms, and after the join keeps other nodes' live copies of replayed packets from
 * that socket. Kept apart from the adapter, which only reports what happens to sockets.
 */
import type { SerializedBroadcastOptions, SocketId } from "@volley/server";
import { RestoreMerge } from "./restore-merge.js";

/**
 * How long live broadcasts are merged into a restored socket's missed packets, at most, when it
 * never joins (its client left, or a middleware never answered); it normally ends at the join.
 */
const RESTORE_MERGE_LIMIT = 60_000;

interface Tracked {
  merge: RestoreMerge;
  timer: NodeJS.Timeout;
  joined: boolean;
}

/** Restores in progress and restored sockets whose replay may still overlap live copies. */
export class RestoreTracker {
  /** Capturing live broadcasts (before the join). */
  private readonly capturing = new Set<RestoreMerge>();
  private readonly bySid = new Map<SocketId, Tracked>();

  /** Starts capturing, before the session and log are read. */
  begin(): RestoreMerge {
    const merge = new RestoreMerge();
    this.capturing.add(merge);
    return merge;
  }

  /** The restore failed (no session, or the adapter closed): stop capturing. */
  abandon(merge: RestoreMerge): void {
    this.capturing.delete(merge);
  }

  /** The session was restored as socket `sid`; tracked until it joins (or the limit passes). */
  restored(sid: SocketId, merge: RestoreMerge): void {
    this.end(sid); // a previous restore of the same session, never joined
    const timer = setTimeout(() => this.end(sid), RESTORE_MERGE_LIMIT);
    timer.unref();
    this.bySid.set(sid, { merge, timer, joined: false });
  }

  /** Socket `sid` joined its rooms: live delivery reaches it from now on. */
  joined(sid: SocketId): void {
    const entry = this.bySid.get(sid);
    if (entry && !entry.joined) {
      entry.joined = true;
      this.capturing.delete(entry.merge);
    }
  }

  /** Whether `sid` is a restored socket that has not joined yet. */
  waiting(sid: SocketId): boolean {
    return this.bySid.get(sid)?.joined === false;
  }

  /** Socket `sid` is gone (or refused by a middleware). */
  end(sid: SocketId): void {
    const entry = this.bySid.get(sid);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.bySid.delete(sid);
    this.capturing.delete(entry.merge);
  }

  /** Whether any restored socket is tracked (a cheap check on every live broadcast). */
  get active(): boolean {
    return this.bySid.size > 0;
  }

  /** Sockets that must not get another node's live copy of `offset` (their replay had it). */
  replayedTo(offset: string): SocketId[] {
    const sids: SocketId[] = [];
    for (const [sid, entry] of this.bySid) {
      if (!entry.joined) continue;
      if (entry.merge.isReplayed(offset)) sids.push(sid);
      else if (entry.merge.done) this.end(sid);
    }
    return sids;
  }

  /** A live broadcast with an offset, delivered on this node: restores in progress merge it. */
  hear(opts: SerializedBroadcastOptions, args: unknown[], offset: string): void {
    for (const merge of this.capturing) merge.hear(opts, args, offset);
  }

  clear(): void {
    for (const { timer } of this.bySid.values()) clearTimeout(timer);
    this.bySid.clear();
    this.capturing.clear();
  }
}
