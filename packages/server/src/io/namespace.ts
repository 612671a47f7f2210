/**
 * A namespace: its sockets, its middlewares, its adapter (rooms and broadcast), and the CONNECT
 * handshake that runs the middlewares (or restores a recovered session) before a socket is
 * accepted. Broadcast methods delegate to a BroadcastOperator.
 */
import {
  type AllButLast,
  type DecorateAcknowledgementsWithMultipleResponses,
  type DefaultEventsMap,
  type DefaultSocketData,
  type EventNames,
  type EventNamesWithAck,
  type EventParams,
  type EventsMap,
  VolleyError,
} from "@volley/protocol";
import { type Adapter, createAdapter } from "./adapter.js";
import type { AdapterHost } from "./adapter-host.js";
import type { AdapterEvents, RestoredSession, SocketId } from "./adapter-types.js";
import { BroadcastApi } from "./broadcast-api.js";
import { BroadcastOperator } from "./broadcast-operator.js";
import type { IoClasses } from "./class-registry.js";
import type { Client } from "./client.js";
import type { ConnectOutcome } from "./client-links.js";
import { callSafely, type Handler, type ReportError, runMiddlewares } from "./handlers.js";
import { InMemoryAdapter } from "./in-memory-adapter.js";
import {
  addClient,
  nextAckId,
  onConnect,
  rebuildAdapter,
  refuse,
  removeSocket,
  reportError,
} from "./links.js";
import type { Middleware, NamespaceOptions, NamespaceReservedEvents } from "./namespace-types.js";
import { Socket } from "./socket.js";

declare module "./class-registry.js" {
  interface IoClasses<
    ListenEvents extends EventsMap,
    EmitEvents extends EventsMap,
    ServerSideEvents extends EventsMap,
    SocketData,
  > {
    namespace: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>;
  }
}

/** Ack ids wrap here, far below Number.MAX_SAFE_INTEGER. */
const MAX_ACK_ID = 2 ** 31;

/**
 * A namespace (`io.of("/admin")`).
 * @example io.of("/admin").use(auth).on("connection", (socket) => socket.join("admins"));
 */
export class Namespace<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = DefaultEventsMap,
  ServerSideEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> extends BroadcastApi<
  ServerSideEvents,
  NamespaceReservedEvents<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  EmitEvents,
  SocketData
> {
  readonly name: string;
  readonly server: IoClasses<ListenEvents, EmitEvents, ServerSideEvents, SocketData>["server"];
  /** Connected sockets of this namespace on this node. */
  readonly sockets = new Map<
    SocketId,
    Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
  >();
  /** This namespace's adapter (rooms, broadcasts); it sees the namespace as an AdapterHost. */
  adapter: Adapter;
  /** @internal reports an error thrown by user code (bound: handed to callSafely) */
  readonly [reportError]: ReportError;
  private middlewares: Middleware<ListenEvents, EmitEvents, ServerSideEvents, SocketData>[] = [];
  private readonly host: AdapterHost;
  private readonly options: NamespaceOptions;
  private ids = 0;
  /** Sockets whose middlewares are running: a dynamic child is not emptied under them. */
  private admitting = 0;

  /** Created by the Server's namespace registry (not meant to be called by apps). */
  constructor(
    server: IoClasses<ListenEvents, EmitEvents, ServerSideEvents, SocketData>["server"],
    name: string,
    options: NamespaceOptions = {},
  ) {
    super();
    this.server = server;
    this.name = name;
    this.options = options;
    this[reportError] = (err, socket) => server[reportError](err, socket);
    const inherited = options.inheritFrom as this | undefined;
    if (inherited) {
      // a dynamic child starts with its parent's middlewares and connection listeners
      this.middlewares = inherited.middlewares.slice();
      for (const event of ["connect", "connection"] as const) {
        for (const listener of inherited.listeners(event)) this.on(event, listener);
      }
    }
    const host: AdapterHost = {
      name,
      sockets: this.sockets,
      get recovery() {
        return server.opts.connectionStateRecovery;
      },
      get log() {
        return server.opts.log;
      },
      counters: server.counters,
      get encode() {
        return server.opts.encode;
      },
      get checkOutgoing() {
        const contract = server.opts.contract;
        if (contract === undefined || !contract.checksOutgoing) return undefined;
        return (data: readonly unknown[]) => contract.checkOutgoing(data, host.reportError);
      },
      nextAckId: () => this[nextAckId](),
      reportError: (err) => this[reportError](err),
      onServerSideEmit: (args) => this.onServerSideEmit(args),
    };
    this.host = host;
    this.adapter = this.newAdapter();
  }

  /**
   * Creates the adapter from the options (the server's `adapter`, else in-memory) and inits it;
   * a failed `init()` is reported (the adapter may recover, as the Redis one does).
   */
  private newAdapter(): Adapter {
    const factory = this.options.adapter ?? this.server.opts.adapter;
    // a factory that throws is a configuration error: it throws from `new Server()` / `of()`
    const adapter = factory ? createAdapter(factory, this.host) : new InMemoryAdapter(this.host);
    try {
      const init = adapter.init();
      if (init instanceof Promise) init.catch((err: unknown) => this[reportError](err));
    } catch (err) {
      this[reportError](err);
    }
    return adapter;
  }

  /**
   * @internal the adapter option changed (`io.attach(http, opts)`, `io.adapter(factory)`):
   * replace the adapter, keeping the room-event listeners added to the old one and the rooms
   * of the connected sockets.
   */
  [rebuildAdapter](): void {
    const old = this.adapter;
    this.adapter = this.newAdapter();
    for (const event of old.eventNames() as (keyof AdapterEvents)[]) {
      for (const listener of old.listeners(event)) {
        this.adapter.on(event, listener as (...args: unknown[]) => void);
      }
    }
    for (const id of this.sockets.keys()) {
      const rooms = old.socketRooms(id);
      if (rooms === undefined) continue;
      try {
        const added = this.adapter.addAll(id, new Set(rooms));
        if (added instanceof Promise) added.catch((err: unknown) => this[reportError](err));
      } catch (err) {
        this[reportError](err);
      }
    }
    try {
      const closed = old.close();
      if (closed instanceof Promise) closed.catch((err: unknown) => this[reportError](err));
    } catch (err) {
      this[reportError](err);
    }
  }

  /** @internal the next ack id of this namespace */
  [nextAckId](): number {
    const id = this.ids;
    this.ids = (this.ids + 1) % MAX_ACK_ID;
    return id;
  }

  /** Adds a connection middleware (async-friendly: a rejected promise refuses the connection). */
  use(fn: Middleware<ListenEvents, EmitEvents, ServerSideEvents, SocketData>): this {
    this.middlewares.push(fn);
    return this;
  }

  // ---- broadcast --------------------------------------------------------------------------

  protected override operator(): BroadcastOperator<EmitEvents, SocketData> {
    return new BroadcastOperator(this.adapter);
  }

  /**
   * Emits to the other nodes of the cluster (their `io.of(name).on(ev)` listeners). With the
   * in-memory adapter nobody hears it, and an acknowledgement gets `(null, [])`.
   */
  serverSideEmit<Ev extends EventNames<ServerSideEvents>>(
    ev: Ev,
    ...args: EventParams<DecorateAcknowledgementsWithMultipleResponses<ServerSideEvents>, Ev>
  ): boolean {
    if (ev === "connect" || ev === "connection" || ev === "new_namespace") {
      throw new VolleyError("RESERVED_EVENT", `"${ev}" is a reserved event name`);
    }
    this.adapter.serverSideEmit([ev, ...args]);
    return true;
  }

  /** serverSideEmit as a Promise of the other nodes' responses. */
  serverSideEmitWithAck<Ev extends EventNamesWithAck<ServerSideEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<ServerSideEvents, Ev>>
  ): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      const ack = (err: Error | null, responses: unknown[]) =>
        err ? reject(err) : resolve(responses);
      this.adapter.serverSideEmit([ev, ...args, ack]);
    });
  }

  /** A server-side emit from another node (through the adapter host). */
  private onServerSideEmit(args: [string, ...unknown[]]): void {
    const [event, ...rest] = args;
    for (const listener of this.rawListeners(event)) {
      callSafely(listener as Handler, this, rest, this[reportError]);
    }
  }

  // ---- connection -------------------------------------------------------------------------

  /**
   * @internal a client asked to join: restore or create a socket, run middlewares, then accept
   * (socket registered, CONNECT answered, `outcome.accepted`, then the `connection` listeners)
   * or refuse (CONNECT_ERROR, rooms left, `outcome.refused`).
   */
  [addClient](client: Client, auth: Record<string, unknown>, outcome: ConnectOutcome): void {
    const recovery = this.server.opts.connectionStateRecovery;
    if (recovery && typeof auth.pid === "string" && typeof auth.offset === "string") {
      this.closeStale(client, auth.pid);
      void this.restoreAndAdd(client, auth, auth.pid, auth.offset, outcome);
      return;
    }
    // synchronous without recovery: no promise per connection
    this.addSocket(client, auth, null, outcome);
  }

  /**
   * A client reconnects with the private id of a socket this node still holds open: the old
   * connection is dead but the server has not noticed yet (a polling client between polls, a
   * half-open TCP connection). Only the client knows its private id, so close that old session
   * now: its socket is saved for recovery (a recoverable reason) before the restore reads it.
   */
  private closeStale(client: Client, pid: string): void {
    for (const socket of this.sockets.values()) {
      if (socket.pid !== pid || socket.client === client) continue;
      this.server.opts.log?.(
        "%s: socket %s reconnected before its old session closed",
        this.name,
        socket.id,
      );
      socket.client.close();
      return;
    }
  }

  private async restoreAndAdd(
    client: Client,
    auth: Record<string, unknown>,
    pid: string,
    offset: string,
    outcome: ConnectOutcome,
  ): Promise<void> {
    let previous: RestoredSession | null = null;
    try {
      previous = await this.adapter.restoreSession(pid, offset);
    } catch (err) {
      this[reportError](err);
    }
    const log = this.server.opts.log;
    if (log) {
      if (previous)
        log(
          "recovered session %s on %s (%d missed)",
          previous.sid,
          this.name,
          previous.missedPackets.length,
        );
      else log("could not recover session on %s (unknown, expired or offset gone)", this.name);
    }
    if (!client.isOpen) return;
    try {
      this.addSocket(client, auth, previous, outcome);
    } catch (err) {
      // nothing thrown here may become an unhandled rejection of this async restore
      this[reportError](err);
    }
  }

  private addSocket(
    client: Client,
    auth: Record<string, unknown>,
    previous: RestoredSession | null,
    outcome: ConnectOutcome,
  ): void {
    const socket = new Socket(this, client, auth, previous);
    if (previous && this.server.opts.connectionStateRecovery?.skipMiddlewares) {
      this.doConnect(socket, outcome);
      return;
    }
    if (this.middlewares.length === 0) {
      this.doConnect(socket, outcome);
      return;
    }
    const done = (err?: Error & { data?: unknown }): void => {
      this.admitting--;
      if (!client.isOpen) {
        this.adapter.delAll(socket.id);
        this.emptied();
        return;
      }
      if (err) {
        this.server.opts.log?.("refused %s on %s: %s", socket.id, this.name, err.message);
        socket[refuse]({ message: err.message, data: err.data });
        this.adapter.delAll(socket.id); // rooms joined inside a middleware
        outcome.refused();
        this.emptied(); // a dynamic child created for a refused client goes (as socket.io)
        return;
      }
      this.doConnect(socket, outcome);
    };
    this.admitting++;
    runMiddlewares(this.middlewares, socket, done, this[reportError], socket);
  }

  /** The library's work first (registered, CONNECT answered), then the user's listeners. */
  private doConnect(
    socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    outcome: ConnectOutcome,
  ): void {
    this.sockets.set(socket.id, socket);
    socket[onConnect]();
    outcome.accepted(socket);
    for (const event of ["connect", "connection"] as const) {
      for (const listener of this.rawListeners(event)) {
        callSafely(listener as Handler, this, [socket], this[reportError], socket);
      }
    }
  }

  /** @internal a socket left */
  [removeSocket](socket: { readonly id: SocketId }): void {
    if (this.sockets.delete(socket.id)) this.emptied();
  }

  /** No socket left and none being admitted: tell the owner (cleanupEmptyChildNamespaces). */
  private emptied(): void {
    if (this.sockets.size === 0 && this.admitting === 0) this.options.onEmpty?.();
  }
}
