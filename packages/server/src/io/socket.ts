/**
 * One client's presence in one namespace: typed events both ways, acknowledgements, per-packet
 * middleware, rooms, catch-all listeners and the disconnect lifecycle. It never touches the
 * transport: packets go through its Client, broadcasts through the namespace's adapter.
 */

import { type Packet, PacketType } from "@volley/protocol";
import { generateSid } from "../engine/index.js";
import { AckRegistry } from "./ack-registry.js";
import type {
  Adapter,
  BroadcastFlags,
  PrivateSessionId,
  RestoredSession,
  Room,
  SocketId,
} from "./adapter.js";
import { BroadcastOperator } from "./broadcast-operator.js";
import { CatchAllEmitter } from "./catch-all-emitter.js";
import type { Client } from "./client.js";
import {
  type DisconnectReason,
  RECOVERABLE_DISCONNECT_REASONS,
  SocketDisconnectedError,
  toError,
} from "./errors.js";
import { buildHandshake, type Handshake } from "./handshake.js";
import type { Namespace } from "./namespace.js";
import type { Server } from "./server.js";
import type {
  AckResult,
  AllButLast,
  DecorateAcknowledgements,
  DefaultEventsMap,
  DefaultSocketData,
  EventNames,
  EventNamesWithAck,
  EventParams,
  EventsMap,
} from "./typed-events.js";

/** Events a Socket emits locally. */
export interface SocketReservedEvents {
  disconnect: (reason: DisconnectReason, description?: unknown) => void;
  disconnecting: (reason: DisconnectReason, description?: unknown) => void;
  error: (err: Error) => void;
}

/** Per-packet middleware: `([event, ...args], next) => …`. */
export type PacketMiddleware = (event: [string, ...unknown[]], next: (err?: Error) => void) => void;

/** Names a server may not emit: they mean something to Socket.IO itself. */
const RESERVED_EMIT = new Set([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);

const NO_FLAGS: BroadcastFlags = Object.freeze({});

type Fn = (...args: unknown[]) => unknown;

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
> extends CatchAllEmitter<ListenEvents, SocketReservedEvents> {
  /** The Socket.IO id: random, never the Engine.IO session id; the socket's own room. */
  readonly id: SocketId;
  /** Private session id for recovery (only when recovery is on). */
  readonly pid: PrivateSessionId | undefined;
  /** Whether this connection recovered a previous session (id, rooms, data, missed packets). */
  readonly recovered: boolean;
  /** Free-form data, kept across recovery and visible through fetchSockets. */
  data: SocketData;
  connected = false;
  readonly nsp: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>;
  readonly client: Client;
  // Memory: one Socket lives per connection, so what an idle socket does not use (acks,
  // middlewares, catch-all listeners, the handshake object) is created on first use.
  private flags: BroadcastFlags = NO_FLAGS;
  private fns: PacketMiddleware[] | undefined;
  private acks: AckRegistry | undefined;
  private builtHandshake: Handshake | undefined;
  private readonly auth: Record<string, unknown>;
  private readonly issued = Date.now();
  private missedPackets: unknown[][] | undefined;
  private pendingRooms: Room[] | undefined;
  private closed = false;

  constructor(
    nsp: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    client: Client,
    auth: Record<string, unknown>,
    previous: RestoredSession | null,
  ) {
    super();
    this.nsp = nsp;
    this.client = client;
    this.auth = auth;
    if (previous) {
      this.id = previous.sid;
      this.pid = previous.pid;
      this.data = previous.data as SocketData;
      this.recovered = true;
      this.missedPackets = previous.missedPackets;
      this.pendingRooms = previous.rooms;
    } else {
      this.id = generateSid(); // pooled random bytes, as the engine's session ids
      this.pid = nsp.server.opts.connectionStateRecovery ? generateSid() : undefined;
      this.data = {} as SocketData;
      this.recovered = false;
    }
  }

  /** What the client sent when it connected (built on first access). */
  get handshake(): Handshake {
    this.builtHandshake ??= buildHandshake(
      this.client.request,
      this.client.remoteAddress,
      this.auth,
      this.issued,
    );
    return this.builtHandshake;
  }

  /** @internal acks this socket waits for (created on first use) */
  get _acks(): AckRegistry {
    this.acks ??= new AckRegistry((err) => this.reportError(err));
    return this.acks;
  }

  /** A user handler threw or rejected: to the server's error event. */
  private reportError(err: unknown): void {
    this.nsp.server._reportError(err, this as unknown as Socket);
  }

  /** The server this socket belongs to. */
  get server(): Server<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
    return this.nsp.server as unknown as Server<
      ListenEvents,
      EmitEvents,
      ServerSideEvents,
      SocketData
    >;
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
  get request(): Client["session"]["request"] {
    return this.client.session.request;
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
    if (RESERVED_EMIT.has(ev)) throw new Error(`"${ev}" is a reserved event name`);
    const flags = this.flags;
    this.flags = NO_FLAGS;
    const data: unknown[] = [ev, ...args];
    const packet: Packet = { type: PacketType.EVENT, nsp: this.nsp.name, data };
    const last = data[data.length - 1];
    if (typeof last === "function") {
      data.pop();
      const id = this.nsp._nextAckId();
      packet.id = id;
      this._acks.add(id, last as Fn, flags.timeout !== undefined, flags.timeout);
    } else if (this.nsp.server.opts.connectionStateRecovery && !flags.volatile) {
      // through the adapter, so the packet is stored (with its offset) for recovery
      this.adapter.broadcast(packet, { rooms: new Set([this.id]), except: new Set(), flags });
      return true;
    }
    this._notifyOutgoing(packet);
    this._packet(packet, flags);
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
    const withError = this.flags.timeout !== undefined;
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

  /** Alias of send. */
  write(...args: unknown[]): this {
    return this.send(...args);
  }

  /** @internal writes one packet of this namespace to the client */
  _packet(packet: Packet, flags: BroadcastFlags = NO_FLAGS): void {
    // a socket that left its namespace writes nothing more (CONNECT_ERROR goes out unconnected)
    if (!this.connected && packet.type !== PacketType.CONNECT_ERROR) return;
    this.client._packet(packet, flags);
  }

  // ---- modifiers --------------------------------------------------------------------------

  /** The next emit may be dropped if the client cannot take it now. */
  get volatile(): this {
    this.flags = { ...this.flags, volatile: true };
    return this;
  }

  /** Whether the next emit is compressed. */
  compress(compress: boolean): this {
    this.flags = { ...this.flags, compress };
    return this;
  }

  /** The next emit's acknowledgement fails with an error after `ms`; its callback gets `(err, …)`. */
  timeout(
    ms: number,
  ): Socket<ListenEvents, DecorateAcknowledgements<EmitEvents>, ServerSideEvents, SocketData> {
    this.flags = { ...this.flags, timeout: ms };
    return this as unknown as Socket<
      ListenEvents,
      DecorateAcknowledgements<EmitEvents>,
      ServerSideEvents,
      SocketData
    >;
  }

  /** Broadcast to every other socket of the namespace. */
  get broadcast(): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator();
  }

  /** Broadcast to this node's other sockets only. */
  get local(): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator().local;
  }

  /** Broadcast to the sockets of `room` except this one. */
  to(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator().to(room);
  }

  /** Alias of to. */
  in(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.to(room);
  }

  /** Broadcast to every other socket not in `room`. */
  except(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator().except(room);
  }

  private newBroadcastOperator(): BroadcastOperator<EmitEvents, SocketData> {
    const flags = this.flags;
    this.flags = NO_FLAGS;
    return new BroadcastOperator(this.adapter, new Set(), new Set([this.id]), { ...flags });
  }

  // ---- rooms ------------------------------------------------------------------------------

  /** Joins rooms; returns the adapter's result (a Promise with a remote adapter). */
  join(rooms: Room | Room[]): Promise<void> | void {
    // allowed in middlewares (before connect), ignored once disconnected
    if (this.closed) return;
    return this.adapter.addAll(this.id, new Set(Array.isArray(rooms) ? rooms : [rooms]));
  }

  /** Leaves a room; returns the adapter's result. */
  leave(room: Room): Promise<void> | void {
    return this.adapter.del(this.id, room);
  }

  // ---- receiving --------------------------------------------------------------------------

  /** Registers a per-packet middleware, run before the event's listeners. */
  use(fn: PacketMiddleware): this {
    this.fns ??= [];
    this.fns.push(fn);
    return this;
  }

  /** @internal a packet for this namespace arrived */
  _onpacket(packet: Packet): void {
    if (!this.connected) return;
    switch (packet.type) {
      case PacketType.EVENT:
      case PacketType.BINARY_EVENT:
        this.onevent(packet);
        break;
      case PacketType.ACK:
      case PacketType.BINARY_ACK:
        if (packet.id !== undefined) this.acks?.resolve(packet.id, packet.data as unknown[]);
        break;
      case PacketType.DISCONNECT:
        this._onclose("client namespace disconnect");
        break;
    }
  }

  private onevent(packet: Packet): void {
    const args = packet.data as [string, ...unknown[]];
    if (packet.id !== undefined) args.push(this.ackFor(packet.id));
    const any = this.anyIncoming?.snapshot();
    if (any) for (const listener of any) this.invoke(listener as Fn, args);
    if (this.fns === undefined) this.dispatch(args);
    else this.runMiddlewares(args, 0);
  }

  private runMiddlewares(event: [string, ...unknown[]], index: number): void {
    const fn = this.fns?.[index];
    if (!fn) {
      if (this.connected) this.dispatch(event);
      return;
    }
    let called = false;
    const next = (err?: Error): void => {
      if (called) return;
      called = true;
      if (err) this._onerror(toError(err));
      else this.runMiddlewares(event, index + 1);
    };
    try {
      const result: unknown = fn(event, next);
      if (result instanceof Promise) result.catch((err) => next(toError(err)));
    } catch (err) {
      next(toError(err));
    }
  }

  private dispatch(args: [string, ...unknown[]]): void {
    const listeners = this.rawListeners(String(args[0]));
    if (listeners.length === 0) return;
    const rest = args.slice(1);
    for (const listener of listeners) this.invoke(listener as Fn, rest);
  }

  /** Calls a user handler; a throw or a rejection goes to the server's error event. */
  private invoke(fn: Fn, args: unknown[]): void {
    try {
      const result = fn.apply(this, args);
      if (result instanceof Promise) result.catch((err: unknown) => this.reportError(err));
    } catch (err) {
      this.reportError(err);
    }
  }

  private ackFor(id: number): (...args: unknown[]) => void {
    let sent = false;
    return (...args: unknown[]) => {
      if (sent || !this.connected) return;
      sent = true;
      this._packet({ type: PacketType.ACK, nsp: this.nsp.name, id, data: args });
    };
  }

  /** @internal an error to show on this socket ("error" event, else console.error) */
  _onerror(err: Error): void {
    if (this.listenerCount("error") > 0) {
      for (const listener of this.rawListeners("error")) this.invoke(listener as Fn, [err]);
    } else {
      console.error("Missing error handler on `socket`.", err);
    }
  }

  /** @internal tells the outgoing catch-all listeners about an event packet */
  _notifyOutgoing(packet: Packet): void {
    const any = this.anyOutgoing?.snapshot();
    if (!any) return;
    const args = packet.data as unknown[];
    for (const listener of any) this.invoke(listener as Fn, args);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** @internal the namespace accepted the socket: join rooms, answer CONNECT, replay missed */
  _onconnect(): void {
    this.connected = true;
    void this.join(this.pendingRooms ?? this.id);
    this.pendingRooms = undefined;
    const data = this.pid === undefined ? { sid: this.id } : { sid: this.id, pid: this.pid };
    this._packet({ type: PacketType.CONNECT, nsp: this.nsp.name, data });
    const missed = this.missedPackets;
    this.missedPackets = undefined;
    if (missed) {
      for (const args of missed) {
        this._packet({ type: PacketType.EVENT, nsp: this.nsp.name, data: args });
      }
    }
  }

  /** @internal refuses the connection with CONNECT_ERROR */
  _error(data: { message: string; data?: unknown }): void {
    this._packet({ type: PacketType.CONNECT_ERROR, nsp: this.nsp.name, data });
  }

  /**
   * Disconnects this socket (sends DISCONNECT; reason "server namespace disconnect").
   * With `close`, closes the whole engine session, and so every namespace of this client.
   */
  disconnect(close = false): this {
    if (!this.connected) return this;
    if (close) {
      this.client._disconnect();
    } else {
      this._packet({ type: PacketType.DISCONNECT, nsp: this.nsp.name });
      this._onclose("server namespace disconnect");
    }
    return this;
  }

  /** @internal the socket is gone: "disconnecting" (rooms visible), cleanup, "disconnect" */
  _onclose(reason: DisconnectReason, description?: unknown): void {
    if (!this.connected) return;
    this.emitSafely("disconnecting", reason, description);
    if (
      this.pid &&
      this.nsp.server.opts.connectionStateRecovery &&
      RECOVERABLE_DISCONNECT_REASONS.has(reason)
    ) {
      try {
        const persisted = this.adapter.persistSession({
          sid: this.id,
          pid: this.pid,
          rooms: [...this.rooms],
          data: this.data,
        });
        if (persisted instanceof Promise) persisted.catch((err: unknown) => this.reportError(err));
      } catch (err) {
        this.reportError(err);
      }
    }
    this.adapter.delAll(this.id);
    this.nsp._remove(this);
    this.client._remove(this);
    this.connected = false;
    this.closed = true;
    this.acks?.failAll(new SocketDisconnectedError());
    this.emitSafely("disconnect", reason, description);
  }

  private emitSafely(event: "disconnect" | "disconnecting", ...args: unknown[]): void {
    for (const listener of this.rawListeners(event)) this.invoke(listener as Fn, args);
  }
}
