/**
 * The server side: one `StateServer` per room (a match). It owns no state of its own — the game
 * keeps its authoritative state as plain objects and calls `commit(state)` at its send rate.
 * For every recipient, `commit` runs the view function (what this recipient may see), encodes
 * the difference from the last state that recipient ACKNOWLEDGED, and hands the bytes to the
 * recipient's `send`.
 *
 * Deltas against the last acknowledged state (not the last sent one) make loss harmless: a
 * dropped message is never a base for anything, so the next delta still applies. A recipient
 * with no usable base (new, never acked, base too old, or asking with `resync`) gets a full
 * snapshot. Only the view's output is ever encoded, so a field or entity a view leaves out
 * cannot reach that recipient.
 */
import { encodeDelta, encodeFull } from "./codec.js";
import {
  type AnyState,
  normalizeState,
  type Schema,
  type SyncedState,
  type Value,
} from "./schema.js";

export * from "./index.js";

export const SERVER_DEFAULTS = {
  /** Sent states kept per recipient while unacknowledged; an older base means a full snapshot. */
  history: 32,
  /** A full snapshot at least every this many commits per recipient, whatever the acks (0: never). */
  keyframeInterval: 0,
};

export interface StateServerOptions<S extends Schema, State, Viewer> {
  schema: S;
  /** What `viewer` may see of `state`. Anything it leaves out is never sent to that viewer. */
  view: (state: State, viewer: Viewer) => SyncedState<S>;
  history?: number;
  keyframeInterval?: number;
}

interface Recipient<Viewer> {
  viewer: Viewer;
  send: (bytes: Uint8Array) => void;
  /** Sent, not yet superseded by an ack: seq → the normalized view the recipient will decode. */
  sent: Map<number, AnyState>;
  acked: number;
  forceFull: boolean;
  sinceFull: number;
}

export interface CommitStats {
  seq: number;
  recipients: number;
  bytes: number;
  full: number;
}

/**
 * @example
 * const sync = new StateServer({ schema, view: (game, playerId) => visibleTo(game, playerId) });
 * io.on("connection", (socket) => {
 *   sync.add(socket.id, socket.data.playerId, (bytes) => socket.volatile.emit("state", bytes));
 *   socket.on("state:ack", (seq) => sync.ack(socket.id, seq));
 *   socket.on("state:resync", () => sync.resync(socket.id));
 *   socket.on("disconnect", () => sync.remove(socket.id));
 * });
 * setInterval(() => sync.commit(game), 66);
 */
export class StateServer<S extends Schema, State, Viewer> {
  readonly schema: S;
  private readonly view: (state: State, viewer: Viewer) => SyncedState<S>;
  private readonly history: number;
  private readonly keyframeInterval: number;
  private readonly recipients = new Map<string, Recipient<Viewer>>();
  private seq = 0;

  constructor(options: StateServerOptions<S, State, Viewer>) {
    this.schema = options.schema;
    this.view = options.view;
    this.history = Math.max(1, options.history ?? SERVER_DEFAULTS.history);
    this.keyframeInterval = options.keyframeInterval ?? SERVER_DEFAULTS.keyframeInterval;
  }

  /** Adds (or replaces) a recipient; its first message will be a full snapshot. */
  add(id: string, viewer: Viewer, send: (bytes: Uint8Array) => void): void {
    this.recipients.set(id, {
      viewer,
      send,
      sent: new Map(),
      acked: -1,
      forceFull: true,
      sinceFull: 0,
    });
  }

  /** Changes what a recipient is (a spectator who takes a slot); deltas continue as before. */
  setViewer(id: string, viewer: Viewer): void {
    const recipient = this.recipients.get(id);
    if (recipient) recipient.viewer = viewer;
  }

  remove(id: string): void {
    this.recipients.delete(id);
  }

  has(id: string): boolean {
    return this.recipients.has(id);
  }

  get size(): number {
    return this.recipients.size;
  }

  /**
   * The recipient has state `seq`: later deltas are made against it. Untrusted input: anything
   * but the sequence number of a state sent to this recipient (and newer than its last ack) is
   * ignored.
   */
  ack(id: string, seq: unknown): void {
    const recipient = this.recipients.get(id);
    if (!recipient || typeof seq !== "number" || seq <= recipient.acked) return;
    if (!recipient.sent.has(seq)) return;
    recipient.acked = seq;
    for (const old of recipient.sent.keys()) if (old < seq) recipient.sent.delete(old);
  }

  /** The recipient lost track (a delta against a state it does not have): send it everything. */
  resync(id: string): void {
    const recipient = this.recipients.get(id);
    if (recipient) recipient.forceFull = true;
  }

  /** Sends every recipient what changed in its view of `state` since its last acknowledged one. */
  commit(state: State): CommitStats {
    const seq = ++this.seq;
    const stats: CommitStats = { seq, recipients: 0, bytes: 0, full: 0 };
    const cache = new WeakMap<object, Record<string, Value>>();
    for (const recipient of this.recipients.values()) {
      const next = normalizeState(this.schema, this.view(state, recipient.viewer), cache);
      const base = recipient.forceFull ? undefined : recipient.sent.get(recipient.acked);
      const keyframe = this.keyframeInterval > 0 && recipient.sinceFull >= this.keyframeInterval;
      const bytes =
        base && !keyframe
          ? encodeDelta(this.schema, recipient.acked, base, seq, next)
          : encodeFull(this.schema, seq, next);
      if (!base || keyframe) {
        stats.full++;
        recipient.sinceFull = 0;
      } else {
        recipient.sinceFull++;
      }
      recipient.forceFull = false;
      recipient.sent.set(seq, next);
      if (recipient.sent.size > this.history) {
        const oldest = recipient.sent.keys().next().value!;
        recipient.sent.delete(oldest);
      }
      stats.recipients++;
      stats.bytes += bytes.length;
      recipient.send(bytes);
    }
    return stats;
  }
}
