/**
 * The Redis adapter of one namespace. It extends the in-memory adapter, which keeps this node's
 * room index and delivers to this node's sockets (encoding each packet once); this class tells
 * the other nodes through Redis pub/sub (publishes batched per event-loop turn, see
 * publish-queue.ts) and does what they ask with `flags.local` semantics.
 *
 * Channels (`key` defaults to "volley", `nsp` is the namespace name):
 *   `key#nsp#`            broadcasts, room operations, server-side emits, heartbeats
 *   `key-request#nsp#`    requests that want answers (fetchSockets, acks)
 *   `key-response#nsp#uid#` the answers for one node
 * While Redis is unreachable everything works locally and nothing crosses between nodes.
 */

import { randomBytes } from "node:crypto";
import type { EventEmitter } from "node:events";
import type { Packet } from "@volley/protocol";
import {
  type AdapterHost,
  type BroadcastOptions,
  InMemoryAdapter,
  type PrivateSessionId,
  type RestoredSession,
  type Room,
  type Session,
  type SocketDetails,
  type SocketId,
  serializeBroadcastOptions,
} from "@volley/server";
import { isRecoverable, localOptions, onlyLocalSockets } from "./broadcast-scope.js";
import {
  type ClusterMessage,
  type ClusterResponse,
  decodeMessages,
  encodeMessage,
  MessageType,
  type SerializedSocket,
} from "./cluster-messages.js";
import { Heartbeat } from "./heartbeat.js";
import { LocalOrder } from "./local-order.js";
import type { RedisAdapterOptions } from "./options.js";
import type { LinkMember, RedisLink } from "./redis-link.js";
import {
  broadcastAckHandler,
  fetchSocketsHandler,
  serverSideEmitHandler,
} from "./request-handlers.js";
import { PendingRequests } from "./requests.js";
import { RestoreTracker } from "./restore-tracker.js";
import { SessionStore } from "./session-store.js";

type Fn = (...args: unknown[]) => void;

type Message<T extends ClusterMessage["type"]> = Extract<ClusterMessage, { type: T }>;

/**
 * A namespace's adapter in a cluster of Volley servers sharing one Redis.
 * Create it with `createAdapter(redisClient, options)`.
 */
export class RedisAdapter extends InMemoryAdapter implements LinkMember {
  /** This adapter's id in the cluster. */
  readonly uid = randomBytes(8).toString("hex");
  private readonly channel: string;
  private readonly requestChannel: string;
  private readonly responseChannel: string;
  /** Ended requests become `request` events (`{ operation, durationMs, error }`), if listened. */
  private readonly requests = new PendingRequests(this.uid, (operation, durationMs, error) => {
    if (this.listenerCount("request" as never) > 0) {
      (this as EventEmitter).emit("request", { operation, durationMs, error });
    }
  });
  private readonly heartbeat: Heartbeat;
  private readonly store: SessionStore | undefined;
  private closed = false;
  private warnedBadMessage = false;
  /** This node's broadcasts to its own clients, in emit order (see local-order.ts). */
  private readonly localOrder = new LocalOrder();
  /** Restores in progress: live broadcasts are merged into their replay (restore-tracker.ts). */
  private readonly restores = new RestoreTracker();

  constructor(
    nsp: AdapterHost,
    private readonly link: RedisLink,
    private readonly options: RedisAdapterOptions,
  ) {
    super(nsp);
    const { key } = options;
    this.channel = `${key}#${nsp.name}#`;
    this.requestChannel = `${key}-request#${nsp.name}#`;
    this.responseChannel = `${key}-response#${nsp.name}#${this.uid}#`;
    this.heartbeat = new Heartbeat(options.heartbeatInterval, options.heartbeatTimeout, {
      beat: () => this.publish(this.channel, this.heartbeatMessage(false)),
      gone: (uid) => this.requests.nodeGone(uid),
    });
    const recovery = nsp.recovery;
    if (recovery) {
      this.store = new SessionStore(
        link.pub,
        `${key}:log:${nsp.name}`,
        `${key}:session:${nsp.name}:`,
        recovery.maxDisconnectionDuration,
        options.maxLogLength ?? recovery.maxPackets,
      );
    }
  }

  // ---- lifecycle --------------------------------------------------------------------------

  override async init(): Promise<void> {
    super.init();
    this.link.attach(this);
    this.heartbeat.start();
    await Promise.all([
      this.link.subscribe(this.channel, this.onMessage),
      this.link.subscribe(this.requestChannel, this.onMessage),
      this.link.subscribe(this.responseChannel, this.onMessage),
    ]);
    // subscribed: the others' answers to this heartbeat will be heard
    if (!this.closed) this.publish(this.channel, this.heartbeatMessage(true));
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    super.close();
    this.heartbeat.stop();
    if (this.link.ready) {
      this.link.flushPublishes(); // what this node said before goes out before its goodbye
      const goodbye = encodeMessage({ type: MessageType.CLOSE, uid: this.uid });
      await this.link.pub.publish(this.channel, goodbye).catch(() => undefined);
    }
    this.requests.failAll(new Error("the adapter is closed"));
    this.localOrder.releaseAll();
    this.restores.clear();
    await Promise.allSettled([
      this.link.unsubscribe(this.channel),
      this.link.unsubscribe(this.requestChannel),
      this.link.unsubscribe(this.responseChannel),
    ]);
    await this.link.detach(this);
  }

  /** @internal both Redis connections are ready (again) */
  onUp(): void {
    if (!this.closed) this.publish(this.channel, this.heartbeatMessage(true));
  }

  /** @internal Redis is unreachable: no other node can be heard, so none is waited for */
  onDown(): void {
    this.heartbeat.clear();
    this.localOrder.releaseAll();
  }

  override serverCount(): Promise<number> {
    return Promise.resolve(1 + this.heartbeat.liveNodes().length);
  }

  // ---- operations -------------------------------------------------------------------------

  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    if (opts.flags.local || !this.link.ready) {
      this.deliverInOrder(packet, opts);
      return;
    }
    const message: ClusterMessage = {
      type: MessageType.BROADCAST,
      uid: this.uid,
      packet,
      opts: serializeBroadcastOptions(opts),
    };
    const channel = this.onlyLocalSockets(opts) ? "" : this.channel;
    const store = this.store;
    if (!store || !isRecoverable(packet, opts)) {
      if (channel) this.publish(channel, message);
      this.deliverInOrder(packet, opts);
      return;
    }
    // logged first: the offset is the log entry's id, so local delivery waits for it (in order
    // with this node's other broadcasts), but never for longer than Redis is up: see LocalOrder
    const encoded = encodeMessage(message);
    let logged: string | undefined;
    const pending = this.localOrder.later(() => {
      if (logged !== undefined) this.restores.hear(message.opts, packet.data as unknown[], logged);
      this.deliver(packet, opts);
    });
    this.link.flushPublishes(); // the append publishes too: after what was queued before it
    store.append(encoded, channel).then(
      (offset) => {
        if (!pending.delivered) {
          (packet.data as unknown[]).push(offset);
          logged = offset;
        }
        pending.settle();
      },
      () => pending.settle(), // Redis failed mid-way: local clients still get it
    );
  }

  override broadcastWithAck(
    packet: Packet,
    opts: BroadcastOptions,
    onClientCount: (clientCount: number) => void,
    onAck: (response: unknown) => void,
  ): void {
    // the same nodes serverCount() reports right after this call (no sweep in between)
    const nodes = opts.flags.local ? [] : this.heartbeat.liveNodes();
    super.broadcastWithAck(packet, opts, onClientCount, onAck);
    if (nodes.length === 0) return;
    if (!this.link.ready) {
      for (const _node of nodes) onClientCount(0);
      return;
    }
    const requestId = this.requests.nextId();
    const handler = broadcastAckHandler(onClientCount, onAck);
    this.requests.add(requestId, "broadcastWithAck", nodes, opts.flags.timeout, handler);
    this.publish(this.requestChannel, {
      type: MessageType.BROADCAST_WITH_ACK,
      uid: this.uid,
      requestId,
      packet,
      opts: serializeBroadcastOptions(opts),
    });
  }

  override async fetchSockets(opts: BroadcastOptions): Promise<SocketDetails[]> {
    const local = await super.fetchSockets(opts);
    const nodes = opts.flags.local || !this.link.ready ? [] : this.heartbeat.liveNodes();
    if (nodes.length === 0) return local;
    const found: SocketDetails[] = [...local];
    const requestId = this.requests.nextId();
    return new Promise((resolve, reject) => {
      const handler = fetchSocketsHandler(found, (err) => (err ? reject(err) : resolve(found)));
      this.requests.add(requestId, "fetchSockets", nodes, this.options.requestsTimeout, handler);
      this.publish(this.requestChannel, {
        type: MessageType.FETCH_SOCKETS,
        uid: this.uid,
        requestId,
        opts: serializeBroadcastOptions(opts),
      });
    });
  }

  override addSockets(opts: BroadcastOptions, rooms: Room[]): void {
    super.addSockets(opts, rooms);
    if (opts.flags.local || this.onlyLocalSockets(opts)) return;
    const serialized = serializeBroadcastOptions(opts);
    this.publish(this.channel, {
      type: MessageType.SOCKETS_JOIN,
      uid: this.uid,
      opts: serialized,
      rooms,
    });
  }

  override delSockets(opts: BroadcastOptions, rooms: Room[]): void {
    super.delSockets(opts, rooms);
    if (opts.flags.local || this.onlyLocalSockets(opts)) return;
    const serialized = serializeBroadcastOptions(opts);
    this.publish(this.channel, {
      type: MessageType.SOCKETS_LEAVE,
      uid: this.uid,
      opts: serialized,
      rooms,
    });
  }

  override disconnectSockets(opts: BroadcastOptions, close: boolean): void {
    const serialized = serializeBroadcastOptions(opts);
    const remote = !opts.flags.local && !this.onlyLocalSockets(opts);
    super.disconnectSockets(opts, close);
    if (remote) {
      this.publish(this.channel, {
        type: MessageType.DISCONNECT_SOCKETS,
        uid: this.uid,
        opts: serialized,
        close,
      });
    }
  }

  override serverSideEmit(packet: unknown[]): void {
    const ack = packet[packet.length - 1];
    if (typeof ack !== "function") {
      this.publish(this.channel, {
        type: MessageType.SERVER_SIDE_EMIT,
        uid: this.uid,
        data: packet,
      });
      return;
    }
    const data = packet.slice(0, -1);
    const nodes = this.link.ready ? this.heartbeat.liveNodes() : [];
    const responses: unknown[] = [];
    const requestId = this.requests.nextId();
    const handler = serverSideEmitHandler(responses, (err) =>
      process.nextTick(ack as Fn, err, responses),
    );
    this.requests.add(requestId, "serverSideEmit", nodes, this.options.requestsTimeout, handler);
    if (nodes.length > 0) {
      this.publish(this.requestChannel, {
        type: MessageType.SERVER_SIDE_EMIT,
        uid: this.uid,
        requestId,
        data,
      });
    }
  }

  // ---- recovery ---------------------------------------------------------------------------

  override persistSession(session: Session): Promise<void> | void {
    if (!this.store) return super.persistSession(session);
    if (!this.link.ready) return; // the outage is logged; this session cannot be recovered
    return this.store.persist(session);
  }

  override async restoreSession(
    pid: PrivateSessionId,
    offset: string,
  ): Promise<RestoredSession | null> {
    if (!this.store) return super.restoreSession(pid, offset);
    if (!this.link.ready) return null;
    // live broadcasts are captured from before the log read until the socket joins its rooms
    const merge = this.restores.begin();
    let restored: RestoredSession | null = null;
    try {
      restored = await this.store.restore(pid, offset);
    } finally {
      if (!restored || this.closed) this.restores.abandon(merge);
    }
    if (!restored || this.closed) return restored;
    merge.restored(restored.rooms, offset, restored.missedPackets);
    this.restores.restored(restored.sid, merge);
    return restored;
  }

  override addAll(id: SocketId, rooms: Set<Room>): void {
    super.addAll(id, rooms);
    // the restored socket joined its rooms as it connected (not in a middleware): live delivery
    // reaches it from now on, and its replay (with what was merged) is sent right after this;
    // other nodes' live copies of replayed packets are kept from it until one is past the replay
    if (this.restores.waiting(id) && this.nsp.sockets.has(id)) this.restores.joined(id);
  }

  override delAll(id: SocketId): void {
    super.delAll(id);
    this.restores.end(id); // refused by a middleware, or gone
  }

  // ---- messages from the other nodes ------------------------------------------------------

  /** One PUBLISH payload: a message, or a batch of them (publish-queue.ts), handled in order. */
  private readonly onMessage = (text: string): void => {
    let messages: ClusterMessage[];
    try {
      messages = decodeMessages(text);
    } catch {
      if (!this.warnedBadMessage) {
        this.warnedBadMessage = true;
        this.options.logger.warn(
          `[volley:redis-adapter] ignoring messages that are not Volley cluster messages on ${this.channel}`,
        );
      }
      return;
    }
    for (const message of messages) {
      if (message.uid === this.uid || this.closed) continue;
      try {
        this.handle(message);
      } catch (err) {
        this.nsp.reportError(err);
      }
    }
  };

  private handle(message: ClusterMessage): void {
    if (message.type === MessageType.CLOSE) {
      this.heartbeat.remove(message.uid);
      return;
    }
    this.heartbeat.seen(message.uid);
    switch (message.type) {
      case MessageType.HEARTBEAT:
        if (message.initial) this.publish(this.channel, this.heartbeatMessage(false));
        break;
      case MessageType.BROADCAST:
        this.onBroadcast(message);
        break;
      case MessageType.SOCKETS_JOIN:
        super.addSockets(localOptions(message.opts), message.rooms);
        break;
      case MessageType.SOCKETS_LEAVE:
        super.delSockets(localOptions(message.opts), message.rooms);
        break;
      case MessageType.DISCONNECT_SOCKETS:
        super.disconnectSockets(localOptions(message.opts), message.close);
        break;
      case MessageType.SERVER_SIDE_EMIT:
        this.onServerSideEmit(message);
        break;
      case MessageType.FETCH_SOCKETS:
        this.onFetchSockets(message).catch((err) => this.nsp.reportError(err));
        break;
      case MessageType.BROADCAST_WITH_ACK:
        this.onBroadcastWithAck(message);
        break;
      default:
        this.requests.respond(message);
        break;
    }
  }

  private onBroadcast(message: Message<typeof MessageType.BROADCAST>): void {
    const { packet, offset } = message;
    const opts = localOptions(message.opts);
    if (offset !== undefined && this.store && Array.isArray(packet.data)) {
      packet.data.push(offset);
      this.restores.hear(message.opts, packet.data, offset);
      if (this.restores.active)
        for (const sid of this.restores.replayedTo(offset)) opts.except.add(sid);
    }
    this.deliver(packet, opts);
  }

  private onServerSideEmit(message: Message<typeof MessageType.SERVER_SIDE_EMIT>): void {
    const { requestId, uid } = message;
    const args = message.data as [string, ...unknown[]];
    if (requestId === undefined) {
      this.nsp.onServerSideEmit(args);
      return;
    }
    let answered = false;
    const reply = (...response: unknown[]): void => {
      if (answered) return;
      answered = true;
      this.respond(uid, {
        type: MessageType.SERVER_SIDE_EMIT_RESPONSE,
        uid: this.uid,
        requestId,
        data: response[0],
      });
    };
    this.nsp.onServerSideEmit([...args, reply] as [string, ...unknown[]]);
  }

  private async onFetchSockets(message: Message<typeof MessageType.FETCH_SOCKETS>): Promise<void> {
    const found = await super.fetchSockets(localOptions(message.opts));
    const sockets: SerializedSocket[] = found.map((socket) => ({
      id: socket.id,
      handshake: socket.handshake,
      rooms: [...socket.rooms],
      data: socket.data,
    }));
    this.respond(message.uid, {
      type: MessageType.FETCH_SOCKETS_RESPONSE,
      uid: this.uid,
      requestId: message.requestId,
      sockets,
    });
  }

  private onBroadcastWithAck(message: Message<typeof MessageType.BROADCAST_WITH_ACK>): void {
    const { uid, requestId } = message;
    super.broadcastWithAck(
      message.packet,
      localOptions(message.opts),
      (clientCount) => {
        this.respond(uid, {
          type: MessageType.BROADCAST_CLIENT_COUNT,
          uid: this.uid,
          requestId,
          clientCount,
        });
        // out before the packet reaches our clients: if this process dies right after, the
        // requester still knows whose acks it lost (and reports a timeout, not success)
        this.link.flushPublishes();
      },
      (data) =>
        this.respond(uid, { type: MessageType.BROADCAST_ACK, uid: this.uid, requestId, data }),
    );
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** Local delivery now (no closure), or behind broadcasts still waiting for their log append. */
  private deliverInOrder(packet: Packet, opts: BroadcastOptions): void {
    if (this.localOrder.size === 0) this.deliver(packet, opts);
    else this.localOrder.now(() => this.deliver(packet, opts));
  }

  private heartbeatMessage(initial: boolean): ClusterMessage {
    return { type: MessageType.HEARTBEAT, uid: this.uid, initial };
  }

  /**
   * Publishes a message, encoded once, batched with the others of this turn (publish-queue.ts);
   * dropped while Redis is unreachable (logged by the link).
   */
  private publish(channel: string, message: ClusterMessage): void {
    if (!this.link.ready) return;
    this.link.publish(channel, encodeMessage(message));
  }

  private respond(uid: string, response: ClusterResponse): void {
    this.publish(`${this.options.key}-response#${this.nsp.name}#${uid}#`, response);
  }

  /** Whether the targets are sockets of this node only (a socket's own room, e.g. socket.emit). */
  private onlyLocalSockets(opts: BroadcastOptions): boolean {
    return onlyLocalSockets(opts, this.nsp.sockets);
  }
}
