/**
 * A namespace socket: typed events and acks over its Manager's session. Handles CONNECT (with
 * auth and connection state recovery), server events (offsets stripped), acks with timeouts,
 * emits buffered while offline, at-least-once `retries`, and the reactive connection state.
 * What the app's callbacks throw is caught and reported after the socket's own work is done.
 */
import { computed, type ReadonlySignal } from "@preact/signals-core";
import {
  AckRegistry,
  type AckResult,
  assertEmittable,
  type DefaultEventsMap,
  type EmitWithAckArgs,
  type EventNames,
  type EventsMap,
  type Packet,
  PacketType,
  SendBufferFullError,
  SocketDisconnectedError,
  toError,
} from "@volley/protocol";
import { CatchAllEmitter } from "./catch-all-emitter.js";
import { subscribe } from "./host-subscription.js";
import type { IncomingGate } from "./incoming-gate.js";
import { gateFactoryFor } from "./incoming-gates.js";
import { DEFAULTS, type SocketOptions, type TransportName } from "./options.js";
import { Outbox } from "./outbox.js";
import { RetryQueue } from "./retry-queue.js";
import { type ConnectionStatus, createConnectionState, write } from "./signals.js";
import type { SocketHost } from "./socket-host.js";
import type {
  ConnectError,
  DisconnectDescription,
  DisconnectReason,
  EmitArgs,
  SocketReservedEvents,
} from "./socket-types.js";

export type {
  ConnectError,
  DisconnectDescription,
  DisconnectReason,
  EmitArgs,
  SocketReservedEvents,
} from "./socket-types.js";

type Callback = (...args: unknown[]) => void;

interface Flags {
  volatile?: boolean;
  timeout?: number;
  /** `compress(false)`: not deflated on a WebSocket. */
  compress?: boolean;
  fromQueue?: boolean;
  /** The ack callback takes `(err, ...args)` (emitWithAck, retries). */
  withError?: boolean;
}

export class Socket<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = ListenEvents,
  /** `true` on the socket returned by `timeout(ms)`: ack callbacks get `(err, ...args)`. */
  WithTimeout extends boolean = false,
> extends CatchAllEmitter<ListenEvents & SocketReservedEvents> {
  /** The Socket.IO id given by the server while connected. */
  id: string | undefined;
  connected = false;
  /** Whether the last connection restored the previous session (connection state recovery). */
  recovered = false;
  auth: SocketOptions["auth"];
  /** Where the socket stands: "connecting" | "connected" | "reconnecting" | "disconnected". */
  readonly status: ReadonlySignal<ConnectionStatus>;
  /** The transport in use while connected. */
  readonly transport: ReadonlySignal<TransportName | undefined>;
  /** The last connection error (`connect_error`), cleared on connect. */
  readonly lastError: ReadonlySignal<Error | undefined>;
  /** The current reconnection attempt of the Manager (0 when none). */
  readonly reconnectAttempt: ReadonlySignal<number>;

  readonly #state = createConnectionState();
  readonly #acks: AckRegistry;
  #nextAckId = 0;
  readonly #outbox: Outbox<Packet>;
  /** Buffered packets emitted with `compress(false)` (created on first use). */
  #uncompressed: WeakSet<Packet> | undefined;
  readonly #received: Packet[] = [];
  readonly #retryQueue: RetryQueue<Flags>;
  readonly #options: SocketOptions;
  #flags: Flags = {};
  /** Removes this socket's listeners from its Manager; set while the socket is active. */
  #unsubscribe: (() => void) | undefined;
  #pid: string | undefined;
  #lastOffset: string | undefined;
  /** Development checks of server events (only with `events` and `validateIncoming`). */
  #gate: IncomingGate | undefined;

  /** Use `io(url)` or `manager.socket(nsp)`; `options` are already resolved there. */
  constructor(
    /** The Manager: the Engine.IO session shared by the sockets of one origin and path. */
    readonly io: SocketHost,
    readonly nsp: string,
    options: SocketOptions,
  ) {
    super();
    this.#options = options;
    this.#outbox = new Outbox(options.maxSendBuffer);
    this.auth = options.auth;
    this.#acks = new AckRegistry((error) => io.report(error, { source: "ack", nsp }));
    this.#retryQueue = new RetryQueue<Flags>(
      this.#options.retries,
      (args, flags) => {
        this.#flags = flags;
        (this.emit as (...rest: unknown[]) => this)(...args);
      },
      () => this.connected,
    );
    const createGate = gateFactoryFor(options);
    if (createGate !== undefined) {
      this.#gate = createGate(options.events!, io, nsp, (args, ackId) =>
        this.#deliver(args, ackId),
      );
    }
    const state = this.#state;
    this.status = state.status;
    this.lastError = state.lastError;
    this.reconnectAttempt = io.reconnectAttempt;
    this.transport = computed(() =>
      state.status.value === "connected" ? io.transport.value : undefined,
    );
  }

  get disconnected(): boolean {
    return !this.connected;
  }

  /**
   * Packets emitted while disconnected, oldest first, sent in order on (re)connection (as
   * socket.io-client's `sendBuffer`). Bounded by `maxSendBuffer`; assign `[]` to drop them
   * (their acks then only end by their timeout, if any).
   */
  get sendBuffer(): Packet[] {
    return this.#outbox.items;
  }

  set sendBuffer(packets: Packet[]) {
    this.#outbox.items = packets;
  }

  /** Whether the socket is subscribed to its Manager (it will connect and reconnect). */
  get active(): boolean {
    return this.#unsubscribe !== undefined;
  }

  /** Connects (or reconnects after `disconnect()`, a server disconnect or a connect error). */
  connect(): this {
    if (this.connected) return this;
    this.#subscribe();
    this.#setStatus(this.io.reconnecting ? "reconnecting" : "connecting");
    if (!this.io.reconnecting) this.io.open();
    if (this.io.readyState === "open") this.#onOpen();
    return this;
  }

  /** Alias of `connect`. */
  open(): this {
    return this.connect();
  }

  /** Leaves the namespace; no automatic reconnection follows ("io client disconnect"). */
  disconnect(): this {
    const wasConnected = this.connected;
    if (wasConnected) this.io.packet({ type: PacketType.DISCONNECT, nsp: this.nsp });
    this.#destroy();
    if (wasConnected) this.#onClose("io client disconnect");
    this.#setStatus("disconnected");
    return this;
  }

  /** Alias of `disconnect`. */
  close(): this {
    return this.disconnect();
  }

  /** Flags the next emit as volatile: dropped unless it can be sent right now. */
  get volatile(): this {
    this.#flags.volatile = true;
    return this;
  }

  /**
   * Whether the next emit may be deflated (the WebSocket compression extension); `compress(false)`
   * sends it as is. Ignored on polling and SSE.
   * @example socket.compress(false).emit("frame", alreadyCompressedBytes);
   */
  compress(compress: boolean): this {
    this.#flags.compress = compress;
    return this;
  }

  /**
   * Sets an ack timeout on the next emit: its callback receives `(err, ...args)`.
   *
   * @example
   * socket.timeout(2000).emit("hello", (err, reply) => { if (err) retryLater(); });
   */
  timeout(ms: number): Socket<ListenEvents, EmitEvents, true> {
    this.#flags.timeout = ms;
    return this as unknown as Socket<ListenEvents, EmitEvents, true>;
  }

  /**
   * Sends an event; a function as last argument receives the server's ack. Emits made while
   * offline are buffered and sent in order on (re)connection, except volatile ones.
   */
  emit<E extends EventNames<EmitEvents>>(
    event: E,
    ...args: EmitArgs<EmitEvents, E, WithTimeout>
  ): this {
    assertEmittable(event);
    const flags = this.#flags;
    this.#flags = {};
    const data: unknown[] = [event, ...args];
    if (this.#options.retries > 0 && !flags.fromQueue && !flags.volatile) {
      this.#retryQueue.push(data, { ...flags, fromQueue: true });
      return this;
    }
    const packet: Packet = { type: PacketType.EVENT, nsp: this.nsp, data };
    const connected = this.connected && !this.io.engine?.hasPingExpired();
    if (!connected && !flags.volatile && this.#outbox.full) {
      this.#refuse(event, data, flags);
      return this;
    }
    if (typeof data[data.length - 1] === "function") {
      const id = this.#nextAckId++;
      const callback = data.pop() as Callback;
      const timeout = flags.timeout ?? this.#options.ackTimeout;
      this.#acks.add(id, callback, {
        timeout,
        withError: flags.fromQueue || flags.withError || timeout !== undefined,
        onTimeout: () => void this.#outbox.remove((p) => p.id === id),
      });
      packet.id = id;
    }
    if (flags.volatile && !(connected && this.io.engine?.writable)) {
      this.io.log?.("volatile emit %s dropped: not writable now", event);
      return this;
    }
    if (connected) this.#send(packet, flags.compress !== false);
    else {
      this.#outbox.push(packet);
      if (flags.compress === false) {
        this.#uncompressed ??= new WeakSet();
        this.#uncompressed.add(packet);
      }
    }
    return this;
  }

  /**
   * An emit past `maxSendBuffer` while disconnected: not buffered. An ack callback that takes
   * an error (timeout, emitWithAck, retries) gets a SendBufferFullError, asynchronously as an
   * ack would come; otherwise the emit is dropped, and logged.
   */
  #refuse(event: unknown, data: unknown[], flags: Flags): void {
    const limit = this.#outbox.limit;
    this.io.log?.("emit %s refused: send buffer full (maxSendBuffer %d)", event, limit);
    const last = data[data.length - 1];
    const takesError = flags.fromQueue || flags.withError || flags.timeout !== undefined;
    if (typeof last !== "function" || !(takesError || this.#options.ackTimeout !== undefined))
      return;
    const callback = last as Callback;
    queueMicrotask(() => {
      try {
        callback(new SendBufferFullError(limit));
      } catch (error) {
        this.io.report(error, { source: "ack", nsp: this.nsp });
      }
    });
  }

  /**
   * Sends an event and resolves with the first argument of the server's ack. Rejects with an
   * `AckTimeoutError` on timeout when one is set (`timeout(ms)` or `ackTimeout`), and with a
   * `SocketDisconnectedError` when the socket disconnects before the ack (unless the emit is
   * still buffered and will be sent on reconnection).
   *
   * @example
   * const reply = await socket.timeout(2000).emitWithAck("chat:send", text);
   */
  emitWithAck<E extends EventNames<EmitEvents>>(
    event: E,
    ...args: EmitWithAckArgs<EmitEvents, E>
  ): Promise<AckResult<EmitEvents, E>> {
    this.#flags.withError = true;
    return new Promise((resolve, reject) => {
      const callback = (error: unknown, reply: unknown) =>
        error ? reject(error) : resolve(reply as AckResult<EmitEvents, E>);
      (this.emit as (event: string, ...rest: unknown[]) => this)(event, ...args, callback);
    });
  }

  /** Sends a raw `message` event (Socket.IO's `send`). */
  send(...args: unknown[]): this {
    return (this.emit as (event: string, ...rest: unknown[]) => this)("message", ...args);
  }

  // ---- Manager events ----

  #subscribe(): void {
    if (this.#unsubscribe) return;
    const io = this.io;
    this.#unsubscribe = subscribe(io, {
      open: () => this.#onOpen(),
      packet: (packet) => this.#onPacket(packet),
      error: (error) => {
        if (this.connected) return;
        this.#setStatus(io.options.reconnection ? "reconnecting" : "disconnected");
        this.#connectError(error);
      },
      close: (reason, description) =>
        this.#onClose(reason, description as DisconnectDescription | undefined),
      reconnect_attempt: () => {
        if (!this.connected) this.#setStatus("reconnecting");
      },
      reconnect_failed: () => this.#setStatus("disconnected"),
    });
  }

  #destroy(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.io.destroySocket(this);
  }

  #onOpen(): void {
    const auth = this.auth;
    if (typeof auth !== "function") {
      this.#sendConnect(auth);
      return;
    }
    let called = false;
    try {
      auth((data) => {
        called = true;
        this.#sendConnect(data);
      });
    } catch (error) {
      this.io.report(error, { source: "auth", nsp: this.nsp });
      if (called) return;
      // no CONNECT can be sent: fail this connection as a refusal would
      this.#destroy();
      this.#setStatus("disconnected");
      this.#connectError(toError(error));
    }
  }

  #sendConnect(data: Record<string, unknown>): void {
    if (this.#pid) data = { pid: this.#pid, offset: this.#lastOffset, ...data };
    // without an `auth` option, a bare `0` as socket.io-client sends (servers read it as {})
    else if (data === DEFAULTS.auth) {
      this.io.packet({ type: PacketType.CONNECT, nsp: this.nsp });
      return;
    }
    this.io.packet({ type: PacketType.CONNECT, nsp: this.nsp, data });
  }

  #onPacket(packet: Packet): void {
    if (packet.nsp !== this.nsp) return;
    switch (packet.type) {
      case PacketType.CONNECT: {
        const data = packet.data as { sid?: unknown; pid?: unknown } | undefined;
        if (data && typeof data.sid === "string") {
          this.#onConnect(data.sid, typeof data.pid === "string" ? data.pid : undefined);
        } else {
          this.#connectError(new Error("invalid CONNECT reply: no sid"));
        }
        return;
      }
      case PacketType.EVENT:
      case PacketType.BINARY_EVENT:
        if (this.connected) this.#onEvent(packet);
        else this.#received.push(packet);
        return;
      case PacketType.ACK:
      case PacketType.BINARY_ACK:
        if (packet.id !== undefined)
          this.#acks.resolve(packet.id, (packet.data as unknown[]) ?? []);
        return;
      case PacketType.DISCONNECT:
        this.#destroy();
        this.#onClose("io server disconnect");
        this.#setStatus("disconnected");
        return;
      case PacketType.CONNECT_ERROR: {
        this.#destroy();
        const data = (packet.data ?? {}) as { message?: unknown; data?: unknown };
        const error: ConnectError = new Error(String(data.message ?? "connect error"));
        if ("data" in data) error.data = data.data;
        this.#setStatus("disconnected");
        this.#connectError(error);
        return;
      }
    }
  }

  #connectError(error: ConnectError): void {
    this.io.log?.("connect_error on %s: %s", this.nsp, error.message);
    write(this.#state.lastError, error, this.io.report, this.nsp);
    this.#emitReserved("connect_error", error);
  }

  #setStatus(status: ConnectionStatus): void {
    write(this.#state.status, status, this.io.report, this.nsp);
  }

  protected override onListenerError(error: unknown, event: string): void {
    this.io.report(error, { source: "listener", event, nsp: this.nsp });
  }

  #onConnect(id: string, pid: string | undefined): void {
    this.id = id;
    this.recovered = pid !== undefined && this.#pid === pid;
    this.#pid = pid;
    if (!this.recovered) this.#lastOffset = undefined;
    this.connected = true;
    this.io.log?.("connected to %s as %s%s", this.nsp, id, this.recovered ? " (recovered)" : "");
    write(this.#state.lastError, undefined, this.io.report, this.nsp);
    this.#setStatus("connected");
    for (const packet of this.#received.splice(0)) this.#onEvent(packet);
    const uncompressed = this.#uncompressed;
    this.#uncompressed = undefined;
    for (const packet of this.#outbox.drain()) this.#send(packet, !uncompressed?.has(packet));
    this.#emitReserved("connect");
    this.#retryQueue.drain(true);
  }

  #onEvent(packet: Packet): void {
    const args = ((packet.data as unknown[]) ?? []).slice();
    // With connection state recovery, the server appends its offset to events without ack.
    if (this.#pid && packet.id === undefined && typeof args[args.length - 1] === "string") {
      this.#lastOffset = args.pop() as string;
    }
    if (this.#gate !== undefined) this.#gate.push(args, packet.id);
    else this.#deliver(args, packet.id);
  }

  #deliver(args: unknown[], ackId: number | undefined): void {
    if (ackId !== undefined) args.push(this.#ackFor(ackId));
    if (this.anyIncoming.size > 0) this.anyIncoming.call(args as [string]);
    const [event, ...rest] = args;
    (this.emitLocal as (event: string, ...rest: unknown[]) => void)(String(event), ...rest);
  }

  #emitReserved<E extends keyof SocketReservedEvents>(
    event: E,
    ...args: Parameters<SocketReservedEvents[E]>
  ): void {
    (this.emitLocal as (event: string, ...rest: unknown[]) => void)(event, ...args);
  }

  #ackFor(id: number): Callback {
    let sent = false;
    return (...data: unknown[]) => {
      if (sent) return;
      sent = true;
      this.io.packet({ type: PacketType.ACK, nsp: this.nsp, id, data });
    };
  }

  #onClose(reason: DisconnectReason, description?: DisconnectDescription): void {
    const wasConnected = this.connected;
    this.connected = false;
    this.id = undefined;
    if (this.active)
      this.#setStatus(this.io.options.reconnection ? "reconnecting" : "disconnected");
    if (wasConnected) this.io.log?.("disconnected from %s: %s", this.nsp, reason);
    // pending acks fail before the app hears of it (buffered emits are kept for later)
    this.#acks.failAll(new SocketDisconnectedError(), (id) =>
      this.#outbox.some((p) => p.id === id),
    );
    if (wasConnected) this.#emitReserved("disconnect", reason, description);
  }

  #send(packet: Packet, compress = true): void {
    this.io.packet(packet, compress);
    if (packet.type === PacketType.EVENT && this.anyOutgoing.size > 0) {
      this.anyOutgoing.call(packet.data as [string, ...unknown[]]);
    }
  }
}
