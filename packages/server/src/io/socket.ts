/**
 * One client's presence in one namespace: typed events both ways, acknowledgements, per-packet
 * middleware, rooms and the disconnect lifecycle (catch-all listeners live in CatchAllEmitter,
 * broadcast shortcuts and emit modifiers in SocketModifiers). It never touches the transport:
 * packets go through its Client, broadcasts through the namespace's adapter, which sees the
 * socket only as a Recipient.
 */
import {
  AckRegistry,
  type AckResult,
  type AllButLast,
  assertEmittable,
  type DecorateAcknowledgements,
  type DefaultEventsMap,
  type DefaultSocketData,
  type EventNames,
  type EventNamesWithAck,
  type EventParams,
  type EventsMap,
  type InvalidArgumentsAnswer,
  type Packet,
  PacketType,
  SocketDisconnectedError,
} from "@volley/protocol";
import { generateSid } from "../engine/index.js";
import type { Adapter } from "./adapter.js";
import type {
  BroadcastFlags,
  PrivateSessionId,
  RestoredSession,
  Room,
  SocketId,
} from "./adapter-types.js";
import type { IoClasses } from "./class-registry.js";
import type { Client } from "./client.js";
import type { ContractGuard } from "./contract-guard.js";
import { type DisconnectReason, RECOVERABLE_DISCONNECT_REASONS } from "./errors.js";
import type { ReportError } from "./handlers.js";
import { buildHandshake, type Handshake } from "./handshake.js";
import { pendingAcksError, refusesJoin } from "./limits/socket-limits.js";
import {
  closeAll,
  invalidEvent,
  nextAckId,
  onClose,
  onConnect,
  pendingAcks,
  refuse,
  removeSocket,
  reportError,
  reportLimit,
  writePacket,
  writePrepared,
} from "./links.js";
import { deliverPrepared, expectAck, forgetAck, type PreparedBroadcast } from "./recipient.js";
import type { SocketExtras } from "./socket-extras.js";
import { SocketReceiver } from "./socket-receiver.js";

function hasKeys(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

/**
 * A connected client in a namespace.
 * @example
 * io.on("connection", (socket) => {
 *   socket.on("chat", (text, ack) => { socket.to("room").emit("chat", text); ack("ok"); });
 * });
 */
export class Socket<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = DefaultEventsMap,
  ServerSideEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> extends SocketReceiver<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
  /** The Socket.IO id: random, never the Engine.IO session id; the socket's own room. */
  readonly id: SocketId;
  connected = false;
  readonly nsp: IoClasses<ListenEvents, EmitEvents, ServerSideEvents, SocketData>["namespace"];
  readonly client: Client;
  // Memory: one Socket lives per connection, so what an idle socket does not use (acks,
  // middlewares, catch-all listeners, the handshake object) is created on first use.
  private extras: SocketExtras<SocketData> | undefined = undefined;
  private readonly issued = Date.now();
  /** Set when the socket starts closing: no rooms joined, no second close. */
  private closed = false;

  /** Created by its Namespace (not meant to be called by apps). */
  constructor(
    nsp: IoClasses<ListenEvents, EmitEvents, ServerSideEvents, SocketData>["namespace"],
    client: Client,
    auth: Record<string, unknown>,
    previous: RestoredSession | null,
  ) {
    super();
    this.nsp = nsp;
    this.client = client;
    if (hasKeys(auth)) this.more().auth = auth;
    if (previous) {
      this.id = previous.sid;
      const extras = this.more();
      extras.pid = previous.pid;
      extras.data = previous.data as SocketData;
      extras.hasData = true;
      extras.recovered = true;
      extras.missedPackets = previous.missedPackets;
      extras.pendingRooms = previous.rooms;
    } else {
      this.id = generateSid(); // pooled random bytes, as the engine's session ids
      if (nsp.server.opts.connectionStateRecovery) this.more().pid = generateSid();
    }
  }

  private more(): SocketExtras<SocketData> {
    this.extras ??= {};
    return this.extras;
  }

  /** Private session id for recovery (only when recovery is on). */
  get pid(): PrivateSessionId | undefined {
    return this.extras?.pid;
  }

  /** Whether this connection recovered a previous session (id, rooms, data, missed packets). */
  get recovered(): boolean {
    return this.extras?.recovered === true;
  }

  private get acks(): AckRegistry | undefined {
    return this.extras?.acks;
  }

  /** Free-form data, kept across recovery and visible through fetchSockets (`{}` at first). */
  get data(): SocketData {
    const extras = this.more();
    if (extras.hasData !== true) {
      extras.data = {} as SocketData;
      extras.hasData = true;
    }
    return extras.data as SocketData;
  }

  set data(value: SocketData) {
    const extras = this.more();
    extras.data = value;
    extras.hasData = true;
  }

  /** What the client sent when it connected (built on first access). */
  get handshake(): Handshake {
    const extras = this.more();
    extras.handshake ??= buildHandshake(
      this.client.request,
      this.client.remoteAddress,
      extras.auth ?? {},
      this.issued,
    );
    return extras.handshake;
  }

  /** @internal number of acknowledgements still pending */
  get [pendingAcks](): number {
    return this.acks?.size ?? 0;
  }

  /** Number of acknowledgements this socket still waits for (for monitoring). */
  get pendingAckCount(): number {
    return this.acks?.size ?? 0;
  }

  /** Acks this socket waits for (created on first use). */
  private ackRegistry(): AckRegistry {
    const extras = this.more();
    extras.acks ??= new AckRegistry(
      (err) => this.nsp[reportError](err, this),
      () => this.nsp.server.counters.acksTimedOut++,
    );
    return extras.acks;
  }

  /** Where errors thrown by this socket's user handlers go. */
  protected override errorReport(): ReportError {
    return this.nsp[reportError];
  }

  /** The server's contract checks (undefined without a contract). */
  protected override contractGuard(): ContractGuard | undefined {
    return this.nsp.server.opts.contract;
  }

  /** Tells `io.on("invalid_event")` about an event the contract refused. */
  protected override reportRefused(event: string, answer: InvalidArgumentsAnswer): void {
    this.nsp.server[invalidEvent](this, event, answer);
  }

  /** The client acknowledged one of our emits. */
  protected override resolveAck(id: number, args: unknown[]): void {
    this.acks?.resolve(id, args);
  }

  /** Answers one of the client's acknowledgement requests. */
  protected override writeAck(id: number, args: unknown[]): void {
    this.sendPacket({ type: PacketType.ACK, nsp: this.nsp.name, id, data: args });
  }

  /** The server this socket belongs to. */
  get server(): IoClasses<ListenEvents, EmitEvents, ServerSideEvents, SocketData>["server"] {
    return this.nsp.server;
  }

  /** The namespace's adapter. */
  get adapter(): Adapter {
    return this.nsp.adapter;
  }

  /** The engine session under this socket. */
  get conn(): Client["session"] {
    return this.client.session;
  }

  /** The HTTP request that opened the engine session. */
  get request(): Client["request"] {
    return this.client.request;
  }

  get disconnected(): boolean {
    return !this.connected;
  }

  /** The rooms this socket is in (its own id included). */
  get rooms(): Set<Room> {
    return this.adapter.socketRooms(this.id) ?? new Set();
  }

  // ---- sending ----------------------------------------------------------------------------

  /**
   * Emits an event to this client. A function as last argument asks for an acknowledgement.
   * @example socket.emit("hello", "world", (reply) => console.log(reply));
   */
  emit<Ev extends EventNames<EmitEvents>>(ev: Ev, ...args: EventParams<EmitEvents, Ev>): boolean {
    assertEmittable(ev);
    const flags = this.takeFlags();
    const data: unknown[] = [ev, ...args];
    const packet: Packet = { type: PacketType.EVENT, nsp: this.nsp.name, data };
    const last = data[data.length - 1];
    const ackFn = typeof last === "function";
    if (ackFn) data.pop();
    // development check of what we send (throws where the bug is); off: one undefined check
    this.nsp.server.opts.contract?.checkOutgoing(data, this.nsp[reportError]);
    if (ackFn) {
      const maxAcks = this.nsp.server.opts.limits?.pendingAcks;
      if (maxAcks !== undefined && (this.acks?.size ?? 0) >= maxAcks) {
        // not sent: an `(err, …)` callback (timeout()) gets the error, else the emit throws it
        const err = pendingAcksError(this.nsp.server, reportLimit, this, ev, maxAcks);
        if (flags.timeout === undefined) throw err;
        queueMicrotask(() => this.call(last as (...a: unknown[]) => unknown, [err]));
        return false;
      }
      const id = this.nsp[nextAckId]();
      packet.id = id;
      const withError = flags.timeout !== undefined;
      let callback = last as (...a: unknown[]) => unknown;
      const contract = this.nsp.server.opts.contract;
      // the client's answer is input: checked when the contract declares it
      if (contract !== undefined) {
        callback = contract.guardAnswer(ev, callback, withError, this.guardedSocket());
      }
      this.ackRegistry().add(id, callback, { withError, timeout: flags.timeout });
    } else if (this.nsp.server.opts.connectionStateRecovery && !flags.volatile) {
      // through the adapter, so the packet is stored (with its offset) for recovery
      this.adapter.broadcast(packet, { rooms: new Set([this.id]), except: new Set(), flags });
      return true;
    }
    this.notifyOutgoing(packet);
    this.sendPacket(packet, flags);
    return true;
  }

  /**
   * Emits and resolves with the first argument of the acknowledgement (rejects on timeout).
   * @example const reply = await socket.timeout(1000).emitWithAck("ping");
   */
  emitWithAck<Ev extends EventNamesWithAck<EmitEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<EmitEvents, Ev>>
  ): Promise<AckResult<EmitEvents, Ev>> {
    const withError = this.peekFlags().timeout !== undefined;
    return new Promise((resolve, reject) => {
      const ack = withError
        ? (err: Error | null, response: AckResult<EmitEvents, Ev>) =>
            err ? reject(err) : resolve(response)
        : (response: AckResult<EmitEvents, Ev>) => resolve(response);
      (this.emit as (ev: string, ...args: unknown[]) => boolean)(ev, ...args, ack);
    });
  }

  /** Sends a `message` event. */
  send(...args: unknown[]): this {
    (this.emit as (ev: string, ...args: unknown[]) => boolean)("message", ...args);
    return this;
  }

  /** The next emit's acknowledgement fails with an error after `ms`; its callback gets `(err, …)`. */
  timeout(
    ms: number,
  ): Socket<ListenEvents, DecorateAcknowledgements<EmitEvents>, ServerSideEvents, SocketData> {
    this.addFlags({ timeout: ms });
    return this as unknown as Socket<
      ListenEvents,
      DecorateAcknowledgements<EmitEvents>,
      ServerSideEvents,
      SocketData
    >;
  }

  /** Writes one packet of this namespace to the client (nothing once it left the namespace). */
  private sendPacket(packet: Packet, flags?: BroadcastFlags): void {
    if (this.connected || packet.type === PacketType.CONNECT_ERROR) {
      this.client[writePacket](packet, flags);
    }
  }

  /** Recipient: a broadcast prepared once for every recipient */
  [deliverPrepared](broadcast: PreparedBroadcast): void {
    if (this.extras?.replayed !== undefined && this.alreadyReplayed(broadcast.packet)) return;
    this.notifyOutgoing(broadcast.packet);
    this.client[writePrepared](broadcast.parts, broadcast.sendOptions);
  }

  /** Recipient: waits for a broadcast's acknowledgement */
  [expectAck](id: number, fn: (...args: unknown[]) => void): void {
    this.ackRegistry().add(id, fn);
  }

  /** Recipient: forgets an acknowledgement */
  [forgetAck](id: number): void {
    this.acks?.delete(id);
  }

  /**
   * Whether a live broadcast is one the recovery replay already sent (same offset): a cluster
   * adapter reads the log and receives live messages on different connections, so a message
   * can come both ways. The first live packet with a new offset ends the check: live delivery
   * has moved past the replay.
   */
  private alreadyReplayed(packet: Packet): boolean {
    const data = packet.data;
    const offset = Array.isArray(data) ? data[data.length - 1] : undefined;
    if (typeof offset !== "string") return false;
    const extras = this.extras!;
    if (extras.replayed!.has(offset)) return true;
    extras.replayed = undefined;
    return false;
  }

  /** Tells the outgoing catch-all listeners about an event packet. */
  private notifyOutgoing(packet: Packet): void {
    const any = this.anyOutgoing?.snapshot();
    if (!any) return;
    for (const listener of any) this.call(listener, packet.data as unknown[]);
  }

  // ---- rooms ------------------------------------------------------------------------------

  /** Joins rooms; returns the adapter's result (a Promise with a remote adapter). */
  join(rooms: Room | Room[]): Promise<void> | void {
    // allowed in middlewares (before connect), ignored once disconnecting
    if (this.closed) return;
    const wanted = new Set(Array.isArray(rooms) ? rooms : [rooms]);
    const maxRooms = this.nsp.server.opts.limits?.roomsPerSocket;
    if (
      maxRooms !== undefined &&
      refusesJoin(
        this.nsp.server,
        reportLimit,
        this,
        this.adapter.socketRooms(this.id),
        wanted,
        maxRooms,
      )
    ) {
      return; // past limits.roomsPerSocket: nothing joined
    }
    return this.adapter.addAll(this.id, wanted);
  }

  /** Leaves a room; returns the adapter's result. */
  leave(room: Room): Promise<void> | void {
    return this.adapter.del(this.id, room);
  }

  /** Leaves every room, its own id's included (socket.io's `leaveAll()`; `rooms` is then empty). */
  leaveAll(): void {
    this.adapter.delAll(this.id);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** @internal the namespace accepted the socket: join rooms, answer CONNECT, replay missed */
  [onConnect](): void {
    this.connected = true;
    const extras = this.extras;
    void this.join(extras?.pendingRooms ?? this.id);
    const pid = extras?.pid;
    const data = pid === undefined ? { sid: this.id } : { sid: this.id, pid };
    this.sendPacket({ type: PacketType.CONNECT, nsp: this.nsp.name, data });
    if (extras === undefined) return;
    extras.pendingRooms = undefined;
    const missed = extras.missedPackets;
    extras.missedPackets = undefined;
    if (missed && missed.length > 0) {
      const replayed = new Set<string>();
      extras.replayed = replayed;
      // a replay never throws past here: a packet that does not encode is reported and skipped
      for (const args of missed) {
        const offset = args[args.length - 1];
        if (typeof offset === "string") replayed.add(offset);
        try {
          this.sendPacket({ type: PacketType.EVENT, nsp: this.nsp.name, data: args });
        } catch (err) {
          this.nsp[reportError](err, this);
        }
      }
    }
  }

  /** @internal refuses the connection with CONNECT_ERROR */
  [refuse](data: { message: string; data?: unknown }): void {
    this.sendPacket({ type: PacketType.CONNECT_ERROR, nsp: this.nsp.name, data });
  }

  /**
   * Disconnects this socket (sends DISCONNECT; reason "server namespace disconnect").
   * With `close`, closes the whole engine session, and so every namespace of this client.
   */
  disconnect(close = false): this {
    if (!this.connected || this.closed) return this;
    if (close) {
      this.client[closeAll]();
    } else {
      this.sendPacket({ type: PacketType.DISCONNECT, nsp: this.nsp.name });
      this[onClose]("server namespace disconnect");
    }
    return this;
  }

  /**
   * @internal the socket is gone: "disconnecting" (rooms still visible), then the library's
   * cleanup (session kept for recovery, rooms left, registrations removed, acks failed), then
   * "disconnect". A listener that disconnects again or throws cannot interrupt the cleanup.
   */
  [onClose](reason: DisconnectReason, description?: unknown): void {
    if (!this.connected || this.closed) return;
    this.closed = true;
    this.adapter.nsp.log?.("socket %s left %s: %s", this.id, this.nsp.name, reason);
    this.emitSafely("disconnecting", reason, description);
    if (this.pid && this.nsp.server.opts.connectionStateRecovery) {
      if (RECOVERABLE_DISCONNECT_REASONS.has(reason)) this.persist();
    }
    this.adapter.delAll(this.id);
    this.nsp[removeSocket](this);
    this.client[removeSocket](this);
    this.connected = false;
    this.acks?.failAll(new SocketDisconnectedError());
    this.emitSafely("disconnect", reason, description);
  }

  private persist(): void {
    try {
      const session = { sid: this.id, pid: this.pid!, rooms: [...this.rooms], data: this.data };
      const persisted = this.adapter.persistSession(session);
      if (persisted instanceof Promise) {
        persisted.catch((err: unknown) => this.nsp[reportError](err, this));
      }
    } catch (err) {
      this.nsp[reportError](err, this);
    }
  }

  private emitSafely(event: "disconnect" | "disconnecting", ...args: unknown[]): void {
    for (const listener of this.rawListeners(event)) this.call(listener, args);
  }
}
