/**
 * A namespace: its sockets, its middlewares, its adapter (rooms and broadcast), and the CONNECT
 * handshake that runs the middlewares (or restores a recovered session) before a socket is
 * accepted. Broadcast methods delegate to a BroadcastOperator.
 */
import type { Adapter, RestoredSession, Room, SocketId } from "./adapter.js";
import { type BroadcastAckResult, BroadcastOperator } from "./broadcast-operator.js";
import type { Client } from "./client.js";
import { toError } from "./errors.js";
import { InMemoryAdapter } from "./in-memory-adapter.js";
import type { RemoteSocket } from "./remote-socket.js";
import type { Server } from "./server.js";
import { Socket } from "./socket.js";
import type {
  AllButLast,
  DecorateAcknowledgementsWithMultipleResponses,
  DefaultEventsMap,
  DefaultSocketData,
  EventNames,
  EventNamesWithAck,
  EventParams,
  EventsMap,
} from "./typed-events.js";
import { TypedEmitter } from "./typed-events.js";

/** Connection middleware: call `next()` to accept, `next(err)` to refuse (err.data reaches the client). */
export type Middleware<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = DefaultEventsMap,
  ServerSideEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> = (
  socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  next: (err?: Error & { data?: unknown }) => void,
) => void;

/** Events a Namespace emits locally. */
export interface NamespaceReservedEvents<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  ServerSideEvents extends EventsMap,
  SocketData,
> {
  connect: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void;
  connection: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void;
}

type Fn = (...args: unknown[]) => unknown;

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
> extends TypedEmitter<
  ServerSideEvents,
  NamespaceReservedEvents<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
> {
  readonly name: string;
  readonly server: Server<ListenEvents, EmitEvents, ServerSideEvents, SocketData>;
  /** Connected sockets of this namespace on this node. */
  readonly sockets = new Map<
    SocketId,
    Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
  >();
  adapter!: Adapter;
  /** @internal connection middlewares */
  _fns: Middleware<ListenEvents, EmitEvents, ServerSideEvents, SocketData>[] = [];
  private ids = 0;

  constructor(
    server: Server<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    name: string,
  ) {
    super();
    this.server = server;
    this.name = name;
    this._initAdapter();
  }

  /** @internal creates the adapter from the `adapter` option */
  _initAdapter(): void {
    const factory = this.server.opts.adapter;
    const self = this as unknown as Namespace;
    if (!factory) this.adapter = new InMemoryAdapter(self);
    else if (typeof factory.prototype === "object")
      this.adapter = new (factory as new (nsp: Namespace) => Adapter)(self);
    else this.adapter = (factory as (nsp: Namespace) => Adapter)(self);
    try {
      const init = this.adapter.init();
      if (init instanceof Promise) init.catch((err) => this.server._reportError(err));
    } catch (err) {
      this.server._reportError(err);
    }
  }

  /** @internal the next ack id of this namespace */
  _nextAckId(): number {
    const id = this.ids;
    this.ids = (this.ids + 1) % MAX_ACK_ID;
    return id;
  }

  /** Adds a connection middleware (async-friendly: a rejected promise refuses the connection). */
  use(fn: Middleware<ListenEvents, EmitEvents, ServerSideEvents, SocketData>): this {
    this._fns.push(fn);
    return this;
  }

  // ---- broadcast --------------------------------------------------------------------------

  private operator(): BroadcastOperator<EmitEvents, SocketData> {
    return new BroadcastOperator(this.adapter);
  }

  /** Targets a room. */
  to(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().to(room);
  }

  /** Alias of to. */
  in(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().in(room);
  }

  /** Leaves out a room. */
  except(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().except(room);
  }

  /** Emits to every socket of the namespace. */
  emit<Ev extends EventNames<EmitEvents>>(
    ev: Ev,
    ...args: EventParams<DecorateAcknowledgementsWithMultipleResponses<EmitEvents>, Ev>
  ): boolean {
    return this.operator().emit(ev, ...args);
  }

  /** Emits to every socket and resolves with their acknowledgements. */
  emitWithAck<Ev extends EventNamesWithAck<EmitEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<EmitEvents, Ev>>
  ): Promise<BroadcastAckResult<EmitEvents, Ev>> {
    return this.operator().emitWithAck(ev, ...args);
  }

  /** Sends a `message` event to every socket. */
  send(...args: unknown[]): this {
    (this.operator().emit as (ev: string, ...args: unknown[]) => boolean)("message", ...args);
    return this;
  }

  /** Alias of send. */
  write(...args: unknown[]): this {
    return this.send(...args);
  }

  /** Compression flag of the next broadcast. */
  compress(compress: boolean): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().compress(compress);
  }

  /** The next broadcast may be dropped for clients that cannot take it now. */
  get volatile(): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().volatile;
  }

  /** The next broadcast reaches this node's sockets only. */
  get local(): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().local;
  }

  /** Acknowledgements of the next broadcast must arrive within `ms`. */
  timeout(ms: number): BroadcastOperator<EmitEvents, SocketData> {
    return this.operator().timeout(ms);
  }

  /** Every socket of the namespace, on every node. */
  fetchSockets(): Promise<RemoteSocket<EmitEvents, SocketData>[]> {
    return this.operator().fetchSockets();
  }

  /** Makes every socket join rooms. */
  socketsJoin(room: Room | Room[]): void {
    this.operator().socketsJoin(room);
  }

  /** Makes every socket leave rooms. */
  socketsLeave(room: Room | Room[]): void {
    this.operator().socketsLeave(room);
  }

  /** Disconnects every socket. */
  disconnectSockets(close = false): void {
    this.operator().disconnectSockets(close);
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
      throw new Error(`"${ev}" is a reserved event name`);
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

  /** @internal a message from another node (called by cluster adapters) */
  _onServerSideEmit(args: [string, ...unknown[]]): void {
    const [event, ...rest] = args;
    for (const listener of this.rawListeners(event)) this.invoke(listener as Fn, rest);
  }

  // ---- connection -------------------------------------------------------------------------

  /**
   * @internal a client asked to join: restore or create a socket, run middlewares, accept or
   * refuse. `onAccepted` runs before the `connection` event.
   */
  _add(
    client: Client,
    auth: Record<string, unknown>,
    onAccepted: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void,
    onRefused: () => void,
  ): void {
    const recovery = this.server.opts.connectionStateRecovery;
    if (recovery && typeof auth.pid === "string" && typeof auth.offset === "string") {
      void this.restoreAndAdd(client, auth, auth.pid, auth.offset, onAccepted, onRefused);
      return;
    }
    // synchronous without recovery: no promise per connection
    this.addSocket(client, auth, null, onAccepted, onRefused);
  }

  private async restoreAndAdd(
    client: Client,
    auth: Record<string, unknown>,
    pid: string,
    offset: string,
    onAccepted: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void,
    onRefused: () => void,
  ): Promise<void> {
    let previous: RestoredSession | null = null;
    try {
      previous = await this.adapter.restoreSession(pid, offset);
    } catch (err) {
      this.server._reportError(err);
    }
    if (!client.isOpen) return;
    this.addSocket(client, auth, previous, onAccepted, onRefused);
  }

  private addSocket(
    client: Client,
    auth: Record<string, unknown>,
    previous: RestoredSession | null,
    onAccepted: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void,
    onRefused: () => void,
  ): void {
    const recovery = this.server.opts.connectionStateRecovery;
    const socket = new Socket(this, client, auth, previous);
    if (previous && recovery?.skipMiddlewares) {
      this.doConnect(socket, onAccepted);
      return;
    }
    this.runMiddlewares(socket, 0, (err) => {
      if (!client.isOpen) {
        this.adapter.delAll(socket.id);
        return;
      }
      if (err) {
        socket._error({ message: err.message, data: err.data });
        this.adapter.delAll(socket.id); // rooms joined inside a middleware
        onRefused();
        return;
      }
      this.doConnect(socket, onAccepted);
    });
  }

  private runMiddlewares(
    socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    index: number,
    done: (err?: Error & { data?: unknown }) => void,
  ): void {
    const fn = this._fns[index];
    if (!fn) {
      done();
      return;
    }
    let called = false;
    const next = (err?: Error & { data?: unknown }): void => {
      if (called) return;
      called = true;
      if (err) done(toError(err));
      else this.runMiddlewares(socket, index + 1, done);
    };
    try {
      const result: unknown = fn(socket, next);
      if (result instanceof Promise) {
        result.catch((err: unknown) => {
          if (called) this.server._reportError(err, socket as unknown as Socket);
          else next(toError(err));
        });
      }
    } catch (err) {
      next(toError(err));
    }
  }

  private doConnect(
    socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
    onAccepted: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void,
  ): void {
    this.sockets.set(socket.id, socket);
    socket._onconnect();
    onAccepted(socket);
    for (const event of ["connect", "connection"] as const) {
      for (const listener of this.rawListeners(event))
        this.invoke(listener as Fn, [socket], socket);
    }
  }

  private invoke(
    fn: Fn,
    args: unknown[],
    socket?: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  ): void {
    const report = (err: unknown) =>
      this.server._reportError(err, socket as unknown as Socket | undefined);
    try {
      const result = fn.apply(this, args);
      if (result instanceof Promise) result.catch(report);
    } catch (err) {
      report(err);
    }
  }

  /** @internal a socket left */
  _remove(socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>): void {
    this.sockets.delete(socket.id);
  }
}
