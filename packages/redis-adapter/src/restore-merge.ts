/**
 * Merging live messages into a cross-node restore (as Centrifugo does). The restoring node reads
 * the session and the log (GETDEL, XRANGE) on one Redis connection and receives live broadcasts
 * on another, and the restored socket joins its rooms only later (after the middlewares, when
 * `skipMiddlewares` is false). A broadcast appended after the log read, whose live copy arrives
 * before the socket joined, would reach neither way. So from before the log read until the
 * socket joins, every live broadcast with an offset is captured, and those the socket's rooms
 * would have received are merged into its missed packets by offset: none twice, in log order.
 *
 * Why nothing is missed: the append script publishes in the same atomic step as XADD, and the
 * capture starts (synchronously) before GETDEL is sent on a connection that was subscribed
 * already, so an entry is either in the XRANGE answer or published after it, and then heard
 * live after the capture started. Live copies heard after the join are delivered normally,
 * except to this socket those whose offset its replay already sent: other nodes' copies arrive
 * in log order, so that check ends at the first one past the replay (`isReplayed`).
 */
import type { Room, SerializedBroadcastOptions } from "@volley/server";

/** A stream id as [ms, seq] for comparison. */
function parseId(id: string): [bigint, bigint] {
  const dash = id.indexOf("-");
  return [BigInt(id.slice(0, dash)), BigInt(id.slice(dash + 1))];
}

/** Compares two stream ids (offsets): negative, 0 or positive. */
export function compareOffsets(a: string, b: string): number {
  const [am, as] = parseId(a);
  const [bm, bs] = parseId(b);
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}

/** Whether a broadcast to `opts` reached a socket that was in `socketRooms`. */
export function reachesRooms(socketRooms: Room[], opts: SerializedBroadcastOptions): boolean {
  const { rooms, except } = opts;
  const inRooms = rooms.length === 0 || rooms.some((room) => socketRooms.includes(room));
  return inRooms && !except.some((room) => socketRooms.includes(room));
}

/** A live broadcast heard while a restore was under way: its arguments end with its offset. */
interface Heard {
  opts: SerializedBroadcastOptions;
  args: unknown[];
  offset: string;
}

/** One restore in progress, from before the log read until the restored socket joins. */
export class RestoreMerge {
  /** Heard before the log was read (the session's rooms are not known yet). */
  private early: Heard[] | undefined = [];
  private rooms: Room[] = [];
  private after = "";
  private missed: unknown[][] = [];
  /** The offsets of the replay (as read, and merged). */
  readonly offsets = new Set<string>();

  /** A live broadcast with an offset reached this node. */
  hear(opts: SerializedBroadcastOptions, args: unknown[], offset: string): void {
    const heard = { opts, args: [...args], offset };
    if (this.early) this.early.push(heard);
    else this.merge(heard);
  }

  /**
   * The session and its missed packets were read (after `offset`); merges what was heard so
   * far, and from now on what is heard, into `missed` (the array the socket will replay).
   */
  restored(rooms: Room[], offset: string, missed: unknown[][]): void {
    this.rooms = rooms;
    this.after = offset;
    this.missed = missed;
    for (const args of missed) {
      const last = args[args.length - 1];
      if (typeof last === "string") this.offsets.add(last);
    }
    const early = this.early ?? [];
    this.early = undefined;
    for (const heard of early) this.merge(heard);
  }

  /**
   * After the join: whether another node's live copy was replayed already; false from the first
   * one past the replay on (`done` is then true).
   */
  isReplayed(offset: string): boolean {
    if (this.offsets.has(offset)) return true;
    const last = this.missed[this.missed.length - 1];
    const lastOffset = last?.[last.length - 1];
    if (typeof lastOffset !== "string" || compareOffsets(offset, lastOffset) > 0) this.done = true;
    return false;
  }

  /** The replay holds nothing another node's live copy could repeat any more. */
  done = false;

  private merge(heard: Heard): void {
    const { offset } = heard;
    if (this.offsets.has(offset) || compareOffsets(offset, this.after) <= 0) return;
    if (!reachesRooms(this.rooms, heard.opts)) return;
    this.offsets.add(offset);
    // usually the newest: insert from the end
    let index = this.missed.length;
    while (index > 0) {
      const prev = this.missed[index - 1]!;
      const prevOffset = prev[prev.length - 1];
      if (typeof prevOffset !== "string" || compareOffsets(prevOffset, offset) < 0) break;
      index--;
    }
    this.missed.splice(index, 0, heard.args);
  }
}
