/**
 * The presence state of one node: its own partition (which it alone writes) and a replica of
 * every other live node's partition, kept current from their messages. Pure: time comes in as
 * `now`, messages come in through `receive` and go out through `takeOutgoing`, changes go out
 * through `takeDiffs`; the tracker does the I/O.
 *
 * Convergence (Phoenix's tracker, simplified by single-writer partitions): a node's deltas
 * carry consecutive clocks; a replica applies a delta only on top of the clock before it, and
 * on any gap (a lost message, a Redis restart, a node it has not met) asks that node for its
 * whole partition and replaces its replica by it, recording only the difference. Heartbeats
 * carry the clock, so a lost last delta is noticed within one heartbeat. A node silent for
 * `downAfter` ms is dropped with its entries; if it was only cut off, its next heartbeat makes
 * it known again and its state comes back as joins. No coordinator: every node does the same.
 */
import type { ClusterMessage } from "./cluster-messages.js";
import { DiffBuilder } from "./diff-builder.js";
import {
  applyOp,
  clearPartition,
  deserializePartition,
  listTopic,
  type Op,
  type Partition,
  replacePartition,
  serializePartition,
} from "./partition.js";
import type { Entry, Meta, PresenceDiff, PresenceList } from "./types.js";

interface Peer {
  /** Clock of the replica; -1 before the first state. */
  clock: number;
  /** When it was last heard from. */
  seen: number;
  /** When its state was last asked for (-Infinity: not pending). */
  asked: number;
  part: Partition;
}

export interface ReplicasOptions {
  /** ms of silence after which a node is dropped. */
  downAfter: number;
  /** ms to wait for an asked state before asking again. */
  retryAfter: number;
}

export class Replicas {
  readonly local: Partition = new Map();
  private clock = 0;
  private readonly peers = new Map<string, Peer>();
  private pendingOps: Op[] = [];
  private stateWanted = false;
  private outgoing: ClusterMessage[] = [];
  private readonly diff = new DiffBuilder();
  /** topic -> key -> number of refs, over every partition (for `count`). */
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(
    readonly node: string,
    private readonly options: ReplicasOptions,
  ) {}

  // ---- local changes --------------------------------------------------------------------

  join(topic: string, key: string, ref: string, meta: Meta): void {
    this.change({ t: topic, k: key, r: ref, m: meta });
  }

  leave(topic: string, key: string, ref: string): void {
    this.change({ t: topic, k: key, r: ref });
  }

  private change(op: Op): void {
    applyOp(this.local, op, this.diff);
    this.pendingOps.push(op);
  }

  /** Turns the local changes since the last flush into one delta (and a state if asked). */
  flush(): void {
    if (this.pendingOps.length > 0) {
      this.clock += 1;
      this.outgoing.push({ t: "d", n: this.node, c: this.clock, ops: this.pendingOps });
      this.pendingOps = [];
    }
    if (this.stateWanted) {
      this.stateWanted = false;
      this.outgoing.push({
        t: "st",
        n: this.node,
        c: this.clock,
        s: serializePartition(this.local),
      });
    }
  }

  // ---- timers ---------------------------------------------------------------------------

  /**
   * A heartbeat: flushes, says "alive at clock c", and drops silent nodes (unless `sweep` is
   * false: a node that knows it is cut off keeps its replicas rather than empty them).
   */
  tick(now: number, sweep = true): void {
    this.flush();
    this.outgoing.push({ t: "hb", n: this.node, c: this.clock });
    if (sweep) this.sweep(now);
    this.retryAsks(now);
  }

  /** Asks every node for its state (at start, and when this node was cut off). */
  hello(now: number): void {
    for (const peer of this.peers.values()) peer.seen = Math.max(peer.seen, now);
    this.outgoing.push({ t: "req", n: this.node, to: "*" });
  }

  /** Drops the nodes silent for longer than `downAfter`. */
  sweep(now: number): void {
    for (const [node, peer] of [...this.peers]) {
      if (now - peer.seen > this.options.downAfter) this.drop(node);
    }
  }

  /** Says goodbye (the others drop this node's entries at once). */
  bye(): void {
    this.outgoing.push({ t: "bye", n: this.node });
  }

  private retryAsks(now: number): void {
    for (const [node, peer] of this.peers) {
      if (peer.asked !== Number.NEGATIVE_INFINITY && now - peer.asked > this.options.retryAfter) {
        this.ask(node, peer, now);
      }
    }
  }

  // ---- messages from the other nodes ------------------------------------------------------

  receive(msg: ClusterMessage, now: number): void {
    if (msg.n === this.node) return;
    if (msg.t === "bye") {
      this.drop(msg.n);
      return;
    }
    const peer = this.peer(msg.n, now);
    peer.seen = now;
    switch (msg.t) {
      case "hb":
        if (peer.clock !== msg.c && peer.asked === Number.NEGATIVE_INFINITY)
          this.ask(msg.n, peer, now);
        return;
      case "d":
        if (peer.clock >= 0 && msg.c === peer.clock + 1) {
          for (const op of msg.ops) applyOp(peer.part, op, this.diff);
          peer.clock = msg.c;
        } else if (peer.clock < 0 || msg.c > peer.clock + 1) {
          if (peer.asked === Number.NEGATIVE_INFINITY) this.ask(msg.n, peer, now);
        }
        return;
      case "st":
        if (msg.c >= peer.clock) {
          replacePartition(peer.part, deserializePartition(msg.s), this.diff);
          peer.clock = msg.c;
          peer.asked = Number.NEGATIVE_INFINITY;
        }
        return;
      case "req":
        if (msg.to === this.node || msg.to === "*") this.stateWanted = true;
        return;
    }
  }

  private peer(node: string, now: number): Peer {
    let peer = this.peers.get(node);
    if (!peer) {
      peer = { clock: -1, seen: now, asked: Number.NEGATIVE_INFINITY, part: new Map() };
      this.peers.set(node, peer);
      this.ask(node, peer, now);
    }
    return peer;
  }

  private ask(node: string, peer: Peer, now: number): void {
    peer.asked = now;
    this.outgoing.push({ t: "req", n: this.node, to: node });
  }

  private drop(node: string): void {
    const peer = this.peers.get(node);
    if (!peer) return;
    this.peers.delete(node);
    clearPartition(peer.part, this.diff);
  }

  // ---- reading ------------------------------------------------------------------------------

  /** Messages to send to the other nodes, in order; the queue is empty afterwards. */
  takeOutgoing(): ClusterMessage[] {
    const out = this.outgoing;
    this.outgoing = [];
    return out;
  }

  /** What changed since the last call, by topic (cancelled changes left out). */
  takeDiffs(): Map<string, PresenceDiff> {
    const diffs = this.diff.take();
    for (const [topic, diff] of diffs) {
      for (const [key, entries] of diff.joins) this.addCount(topic, key, entries.length);
      for (const [key, entries] of diff.leaves) this.addCount(topic, key, -entries.length);
    }
    return diffs;
  }

  private addCount(topic: string, key: string, delta: number): void {
    let keys = this.counts.get(topic);
    if (!keys) {
      keys = new Map();
      this.counts.set(topic, keys);
    }
    const n = (keys.get(key) ?? 0) + delta;
    if (n > 0) keys.set(key, n);
    else keys.delete(key);
    if (keys.size === 0) this.counts.delete(topic);
  }

  /** Every entry of a topic on every live node, by key. */
  list(topic: string): PresenceList {
    return listTopic([this.local, ...[...this.peers.values()].map((p) => p.part)], topic);
  }

  /** The entries of one key in a topic, on every live node (without listing the topic). */
  get(topic: string, key: string): Entry[] {
    const entries: Entry[] = [];
    for (const part of [this.local, ...[...this.peers.values()].map((p) => p.part)]) {
      for (const [ref, meta] of part.get(topic)?.get(key) ?? []) entries.push({ ref, meta });
    }
    return entries;
  }

  /** Number of distinct keys in a topic (as of the last `takeDiffs`). */
  count(topic: string): number {
    return this.counts.get(topic)?.size ?? 0;
  }

  /** The topics with at least one entry (as of the last `takeDiffs`). */
  topics(): string[] {
    return [...this.counts.keys()];
  }

  /** The other nodes this one currently holds a replica of. */
  peerNodes(): string[] {
    return [...this.peers.keys()];
  }
}
