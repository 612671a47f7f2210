/**
 * The server side of presence: tracks sockets under keys in topics, keeps this node's
 * partition and the replicas of the others (replicas.ts), speaks to the other nodes through
 * the adapter's server-side emits, and sends each topic's diffs to the sockets of this node
 * that are in the room of the same name. One flush per event-loop turn: many joins in one
 * turn are one delta to the cluster and one diff per subscriber.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { type ClusterMessage, isClusterMessage } from "./cluster-messages.js";
import { type HostNamespace, type HostSocket, namespaceOf, type PresenceTarget } from "./host.js";
import { type PresenceOptions, resolveOptions } from "./options.js";
import { Replicas } from "./replicas.js";
import type { Entry, Meta, PresenceDiff, PresenceList, SyncReply } from "./types.js";
import { PresenceEvent } from "./types.js";

interface Tracked {
  key: string;
  ref: string;
  meta: Meta;
  /** Subscribed: in the room `topic`, untracked when it leaves it. */
  joined: boolean;
}

export interface TrackOptions {
  /**
   * Join the room `topic` (default true): the socket gets the topic's diffs and is untracked
   * when it leaves the room. With false, only its disconnection untracks it (a topic nobody
   * watches, e.g. who holds which nickname cluster-wide).
   */
  join?: boolean;
}

export interface PresenceEvents<M extends Meta> {
  /** A topic changed (on any node); emitted after the diff went to this node's subscribers. */
  diff: [topic: string, diff: PresenceDiff<M>];
  /** A failure in the background (a listener that threw, a message that could not be sent). */
  error: [err: unknown];
}

/**
 * Presence for one namespace.
 * @example
 * const presence = new Presence<{ name: string }>(io, { downAfter: 5000 });
 * io.on("connection", (socket) => {
 *   presence.track(socket, "room:lobby", socket.data.userId, { name: socket.data.name });
 * });
 * presence.list("room:lobby"); // [["u1", [{ ref, meta: { name: "Ada" } }]], …]
 */
export class Presence<M extends Meta = Meta> extends EventEmitter<PresenceEvents<M>> {
  /** This node's id in the presence cluster (random per instance). */
  readonly node = randomBytes(6).toString("base64url");
  readonly options: PresenceOptions;
  private readonly nsp: HostNamespace;
  private readonly replicas: Replicas;
  private readonly bySocket = new Map<string, Map<string, Tracked>>();
  private refCounter = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private readonly timer: NodeJS.Timeout;
  private wasConnected = true;
  private closed = false;

  constructor(target: PresenceTarget, options: Partial<PresenceOptions> = {}) {
    super();
    this.options = resolveOptions(options);
    this.nsp = namespaceOf(target);
    this.replicas = new Replicas(this.node, {
      downAfter: this.options.downAfter,
      retryAfter: this.options.heartbeatInterval * 2,
    });
    this.nsp.adapter.on("leave-room", this.onLeaveRoom);
    this.nsp.on(PresenceEvent.CLUSTER, this.onCluster);
    this.nsp.on("connection", this.onConnection);
    this.timer = setInterval(() => this.tick(), this.options.heartbeatInterval);
    this.timer.unref();
    this.replicas.hello(Date.now());
    this.schedule();
  }

  /**
   * Tracks `socket` under `key` in `topic` (joining it to the room `topic`, where the diffs
   * go). Tracking a socket again in the same topic replaces its key and meta. Returns the ref
   * ("" when the socket is already disconnected or the tracker closed: nothing is tracked).
   */
  track(
    socket: HostSocket,
    topic: string,
    key: string,
    meta: M,
    options: TrackOptions = {},
  ): string {
    if (this.closed || !socket.connected) return "";
    const joined = options.join ?? true;
    this.untrack(socket, topic);
    const ref = `${this.node}.${(this.refCounter++).toString(36)}`;
    let topics = this.bySocket.get(socket.id);
    if (!topics) {
      topics = new Map();
      this.bySocket.set(socket.id, topics);
    }
    topics.set(topic, { key, ref, meta, joined });
    this.replicas.join(topic, key, ref, meta);
    if (joined && !socket.rooms.has(topic)) socket.join(topic);
    this.schedule();
    return ref;
  }

  /** Replaces the meta of a tracked socket (a leave and a join under a new ref). */
  update(socket: HostSocket, topic: string, meta: M | ((old: M) => M)): string | undefined {
    const tracked = this.bySocket.get(socket.id)?.get(topic);
    if (!tracked) return undefined;
    const next = typeof meta === "function" ? meta(tracked.meta as M) : meta;
    return this.track(socket, topic, tracked.key, next, { join: tracked.joined });
  }

  /** Stops tracking `socket` in `topic` (every topic when omitted). Leaves the rooms alone. */
  untrack(socket: HostSocket | string, topic?: string): void {
    const id = typeof socket === "string" ? socket : socket.id;
    const topics = this.bySocket.get(id);
    if (!topics) return;
    for (const [t, tracked] of [...topics]) {
      if (topic !== undefined && t !== topic) continue;
      topics.delete(t);
      this.replicas.leave(t, tracked.key, tracked.ref);
    }
    if (topics.size === 0) this.bySocket.delete(id);
    this.schedule();
  }

  /** Every key present in `topic` on every node, with its entries. */
  list(topic: string): PresenceList<M> {
    this.flush();
    return this.replicas.list(topic) as PresenceList<M>;
  }

  /** The entries of one key in `topic` (empty when absent). */
  get(topic: string, key: string): Entry<M>[] {
    this.flush();
    return this.replicas.get(topic, key) as Entry<M>[];
  }

  /** Number of distinct keys in `topic`. */
  count(topic: string): number {
    this.flush();
    return this.replicas.count(topic);
  }

  /** The topics with at least one entry, cluster-wide. */
  topics(): string[] {
    this.flush();
    return this.replicas.topics();
  }

  /** The other presence nodes this one holds replicas of. */
  peers(): string[] {
    return this.replicas.peerNodes();
  }

  /** Says goodbye to the cluster (the others drop this node's entries at once) and stops. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.replicas.bye();
    this.send();
    this.closed = true;
    clearInterval(this.timer);
    if (this.scheduled) clearImmediate(this.scheduled);
    this.nsp.adapter.off("leave-room", this.onLeaveRoom);
    this.nsp.off(PresenceEvent.CLUSTER, this.onCluster);
    this.nsp.off("connection", this.onConnection);
  }

  // ---- events -------------------------------------------------------------------------------

  /** A socket leaves its own room (named by its id) only when it disconnects. */
  private readonly onLeaveRoom = (room: string, id: string): void => {
    const topics = this.bySocket.get(id);
    if (!topics) return;
    if (room === id) this.untrack(id);
    else if (topics.get(room)?.joined) this.untrack(id, room);
  };

  private readonly onCluster = (message: unknown): void => {
    if (this.closed || !isClusterMessage(message)) return;
    this.replicas.receive(message as ClusterMessage, Date.now());
    this.schedule();
  };

  private readonly onConnection = (socket: HostSocket): void => {
    socket.on(PresenceEvent.SYNC, ((topic: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      const reply: SyncReply<M> =
        typeof topic === "string" && socket.rooms.has(topic)
          ? { ok: true, list: this.list(topic) }
          : { ok: false, code: "NOT_SUBSCRIBED" };
      ack(reply);
    }) as never);
  };

  private tick(): void {
    const connected = this.options.connected?.() ?? true;
    const now = Date.now();
    if (connected && !this.wasConnected) this.replicas.hello(now);
    this.wasConnected = connected;
    this.replicas.tick(now, connected);
    this.flush();
  }

  // ---- output -------------------------------------------------------------------------------

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.flush();
    });
  }

  /** Sends what is pending to the cluster and the diffs to the subscribers, now. */
  private flush(): void {
    if (this.closed) return;
    this.replicas.flush();
    this.send();
    for (const [topic, diff] of this.replicas.takeDiffs()) {
      try {
        this.nsp.local.to(topic).emit(PresenceEvent.DIFF, topic, diff);
        this.emit("diff", topic, diff as PresenceDiff<M>);
      } catch (err) {
        this.fail(err);
      }
    }
  }

  private send(): void {
    for (const message of this.replicas.takeOutgoing()) {
      try {
        this.nsp.serverSideEmit(PresenceEvent.CLUSTER, message);
      } catch (err) {
        this.fail(err);
      }
    }
  }

  private fail(err: unknown): void {
    if (this.listenerCount("error") > 0) this.emit("error", err);
  }
}
