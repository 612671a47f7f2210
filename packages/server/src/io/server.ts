/**
 * The public Server: options, attaching the engine to an HTTP server, the namespace registry
 * (static and dynamic), and the main namespace's API (use, emit, to, fetchSockets…) delegated
 * to `io.sockets`. Errors thrown by user handlers end up here, on the "error" event.
 */
import type { Server as HttpServer } from "node:http";
import {
  type AllButLast,
  type DecorateAcknowledgementsWithMultipleResponses,
  type DefaultEventsMap,
  type DefaultSocketData,
  type EventNames,
  type EventNamesWithAck,
  type EventParams,
  type EventsMap,
  type InvalidArgumentsAnswer,
  toError,
} from "@volley/protocol";
import { closeHttpServer } from "../close-http-server.js";
import {
  createHttpServer,
  type EngineOptions,
  EngineServer,
  type EngineSession,
} from "../engine/index.js";
import type { AdapterFactory } from "./adapter.js";
import { BroadcastApi } from "./broadcast-api.js";
import { BroadcastOperator } from "./broadcast-operator.js";
import { Client } from "./client.js";
import type { ClientHost } from "./client-links.js";
import { withConnectionGate } from "./connection-gate.js";
import { ServerCounters } from "./counters.js";
import { callSafely, type Handler } from "./handlers.js";
import { InMemoryAdapter } from "./in-memory-adapter.js";
import type { LimitExceeded } from "./limits/limit-exceeded.js";
import { invalidEvent, rebuildAdapter, reportError, reportLimit } from "./links.js";
import type { Namespace } from "./namespace.js";
import { NamespaceRegistry } from "./namespace-registry.js";
import type { Middleware } from "./namespace-types.js";
import {
  type IoOptions,
  resolveServerOptions,
  type ServerOptions,
  type TypedServerOptions,
} from "./options.js";
import type { NamespaceMatcher } from "./parent-namespace.js";
import type { ServerEventName, ServerListener, ServerReservedEvents } from "./server-events.js";
import type { Socket } from "./socket.js";

declare module "./class-registry.js" {
  interface IoClasses<
    ListenEvents extends EventsMap,
    EmitEvents extends EventsMap,
    ServerSideEvents extends EventsMap,
    SocketData,
  > {
    server: Server<ListenEvents, EmitEvents, ServerSideEvents, SocketData>;
  }
}

type Listener = (...args: unknown[]) => void;

const SERVER_OWN_EVENTS = new Set(["new_namespace", "error", "limit_exceeded", "invalid_event"]);

/**
 * A Socket.IO v5 server.
 *
 * Errors in user code: a listener, acknowledgement callback, connection handler or middleware
 * that throws or rejects never takes the process down; the error goes to `io.on("error",
 * (err, socket) => …)` (socket when known), or to one console.error call when nobody listens.
 *
 * Bad input: a packet the decoder refuses closes that client's engine session with "parse
 * error" (its sockets disconnect with reason "parse error"); so does a packet for a namespace
 * the session never joined (Volley is stricter than Socket.IO, which only logs). Packets that
 * race a connect or a disconnect of a namespace are ignored. Repeated CONNECTs for one namespace
 * are ignored (one socket per namespace and session). A session that joins no namespace within
 * `connectTimeout` is closed.
 *
 * @example
 * import { createServer } from "node:http";
 * import { Server } from "@volley/server";
 *
 * interface ClientToServer { chat: (text: string, ack: (ok: boolean) => void) => void }
 * interface ServerToClient { chat: (from: string, text: string) => void }
 *
 * const httpServer = createServer();
 * const io = new Server<ClientToServer, ServerToClient>(httpServer, { cors: { origin: "*" } });
 * io.on("connection", (socket) => {
 *   socket.on("chat", (text, ack) => {
 *     socket.broadcast.emit("chat", socket.id, text);
 *     ack(true);
 *   });
 * });
 * io.on("error", (err, socket) => console.error("handler failed", socket?.id, err));
 * httpServer.listen(3000);
 */
export class Server<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = DefaultEventsMap,
  ServerSideEvents extends EventsMap = DefaultEventsMap,
  SocketData = DefaultSocketData,
> extends BroadcastApi<
  ServerSideEvents,
  ServerReservedEvents<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  EmitEvents,
  SocketData
> {
  /**
   * The engine (Engine.IO server): `clientsCount`, `connection_error` events, `use()`. The same
   * object for the server's whole life: `close()` then `listen()` serves with it again.
   */
  readonly engine: EngineServer;
  /** The HTTP server this server is attached to, if any. */
  httpServer: HttpServer | undefined;
  /** The main namespace `/`. */
  readonly sockets: Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>;
  /** Monitoring totals of this node (broadcast fan-out, ack timeouts): see ServerCounters. */
  readonly counters = new ServerCounters();
  /** The options as given (merged over the calls: constructor, then attach/listen). */
  private input: Partial<ServerOptions>;
  private resolved: IoOptions;
  /** Whether an engine session ever reached the io layer (the adapters are then in use). */
  private served = false;
  /** Set by close(): the next attach/listen reconfigures the engine to serve again. */
  private closed = false;
  private readonly registry: NamespaceRegistry<
    ListenEvents,
    EmitEvents,
    ServerSideEvents,
    SocketData
  >;
  /** What each Client sees of this server. */
  private readonly clientHost: ClientHost<Client>;

  /**
   * With `events` (a contract from `defineEvents`), the event maps are inferred from it:
   * `new Server(http, { events })` is a `Server<ServerListenEvents<C>, ServerEmitEvents<C>>`.
   */
  constructor(opts?: TypedServerOptions<ListenEvents, EmitEvents>);
  constructor(
    srv: HttpServer | number | undefined,
    opts?: TypedServerOptions<ListenEvents, EmitEvents>,
  );
  constructor(
    srv?: HttpServer | number | TypedServerOptions<ListenEvents, EmitEvents>,
    given: TypedServerOptions<ListenEvents, EmitEvents> = {},
  ) {
    super();
    let target: HttpServer | number | undefined;
    let opts = given as Partial<ServerOptions>;
    if (typeof srv === "number" || isHttpServer(srv)) target = srv;
    else if (srv && typeof srv === "object") opts = srv as Partial<ServerOptions>;
    this.input = opts;
    const { io, engine } = resolveServerOptions(opts, "new Server()");
    this.resolved = io;
    this.engine = new EngineServer(this.engineOptions(engine));
    this.engine.on("connection", this.onEngineConnection);
    this.clientHost = this.newClientHost();
    this.registry = new NamespaceRegistry(this, (nsp) => {
      for (const listener of this.rawListeners("new_namespace")) {
        callSafely(listener as Handler, this, [nsp], this[reportError]);
      }
    });
    this.sockets = this.of("/");
    if (target !== undefined) this.attach(target);
  }

  /** The io-layer options, validated, with defaults (read-only: pass options to attach). */
  get opts(): Readonly<IoOptions> {
    return this.resolved;
  }

  /** The engine's options, with the per-address handshake limiter (connection-gate.ts). */
  private engineOptions(options: Partial<EngineOptions>): Partial<EngineOptions> {
    return withConnectionGate(options, this.resolved.limits, (address, retryAfterMs) => {
      this[reportLimit]({ limit: "connections", action: "refuse", retryAfterMs, address });
    });
  }

  /** @internal logs an action taken past a limit and emits `limit_exceeded` */
  [reportLimit](info: LimitExceeded<unknown>): void {
    this.resolved.log?.(
      "limit %s exceeded by %s%s: %s (retry after %d ms)",
      info.limit,
      info.address,
      info.event === undefined ? "" : ` (event ${info.event})`,
      info.action,
      info.retryAfterMs,
    );
    const listeners = this.rawListeners("limit_exceeded");
    for (const listener of listeners)
      callSafely(listener as Handler, this, [info], this[reportError]);
  }

  private newClientHost(): ClientHost<Client> {
    const server = this;
    return {
      get connectTimeout() {
        return server.resolved.connectTimeout;
      },
      get log() {
        return server.resolved.log;
      },
      get maxPendingBinaryBytes() {
        return server.resolved.maxPendingBinaryBytes ?? server.engine.options.maxHttpBufferSize;
      },
      get limits() {
        return server.resolved.limits;
      },
      get parser() {
        return server.resolved.parser;
      },
      get encode() {
        return server.resolved.encode;
      },
      connect: (client, name, auth, outcome) => this.registry.connect(client, name, auth, outcome),
      reportError: (err, socket) => this[reportError](err, socket),
      limitExceeded: (info) => this[reportLimit](info),
    };
  }

  private readonly onEngineConnection = (session: EngineSession): void => {
    this.served = true;
    new Client(this.clientHost, session);
  };

  /**
   * Attaches to an HTTP server (or creates one listening on `port`). Options given here are
   * resolved with the constructor's, as if they had been given there: the engine, and (while no
   * client has connected yet) the namespaces' adapters and recovery stores, are rebuilt from them.
   * @throws {InvalidOptionError} for an io option of the wrong type
   */
  attach(srv: HttpServer | number, opts?: Partial<ServerOptions>): this {
    return this.attachAs("io.attach()", srv, opts);
  }

  /** Alias of attach. */
  listen(srv: HttpServer | number, opts?: Partial<ServerOptions>): this {
    return this.attachAs("io.listen()", srv, opts);
  }

  private attachAs(where: string, srv: HttpServer | number, opts?: Partial<ServerOptions>): this {
    if (this.closed) this.reopen(where);
    if (opts && !this.httpServer) this.reconfigure({ ...this.input, ...opts }, where);
    else if (opts) this.resolved.log?.("%s: already attached, options ignored", where);
    if (typeof srv === "number") {
      const httpServer = createHttpServer((_req, res) => {
        res.writeHead(404);
        res.end();
      });
      this.httpServer = httpServer;
      this.engine.attach(httpServer);
      httpServer.listen(srv);
      return this;
    }
    this.httpServer = srv;
    this.engine.attach(srv);
    return this;
  }

  /**
   * After close(): the same engine serves again (its listeners, `io.engine.use` middlewares
   * and `generateId` kept), reconfigured from the same options.
   */
  private reopen(where: string): void {
    this.closed = false;
    this.httpServer = undefined;
    this.engine.configure(this.engineOptions(resolveServerOptions(this.input, where).engine));
  }

  /** Resolves new options and rebuilds what was built from the old ones. */
  private reconfigure(input: Partial<ServerOptions>, where: string): void {
    const { io, engine } = resolveServerOptions(input, where);
    const before = this.resolved;
    this.input = input;
    this.resolved = io;
    // the engine has served nothing yet (it is not attached): reconfigure it in place, keeping
    // what the app set on it (listeners, `io.engine.use` middlewares, `generateId`)
    this.engine.configure(this.engineOptions(engine));
    const adapterChanged =
      io.adapter !== before.adapter ||
      (io.connectionStateRecovery === undefined) !==
        (before.connectionStateRecovery === undefined) ||
      JSON.stringify(io.connectionStateRecovery) !== JSON.stringify(before.connectionStateRecovery);
    if (!adapterChanged) return;
    if (this.served) {
      io.log?.("%s: adapter options changed after clients connected; kept the old adapters", where);
      return;
    }
    for (const nsp of this.registry.all()) nsp[rebuildAdapter]();
  }

  // ---- namespaces -------------------------------------------------------------------------

  /**
   * Returns (creating if needed) a namespace; a RegExp or a function returns a parent of
   * dynamically created namespaces (`new_namespace` is emitted for each namespace created).
   * @example io.of("/admin"); io.of(/^\/team-\d+$/); io.of((name, auth, next) => next(null, true));
   */
  of(
    name: string | RegExp | NamespaceMatcher,
    fn?: (socket: Socket<ListenEvents, EmitEvents, ServerSideEvents, SocketData>) => void,
  ): Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
    return this.registry.of(name, fn);
  }

  /**
   * Every namespace (static ones and dynamic children; not the dynamic parents), by name: what
   * Socket.IO calls `io._nsps`, for tools that list namespaces (dashboards, metrics).
   */
  get namespaces(): ReadonlyMap<
    string,
    Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
  > {
    return this.registry.namespaces;
  }

  /** Socket.IO's name for {@link Server.engine} (`io.eio.opts` is `io.engine.options`). */
  get eio(): EngineServer {
    return this.engine;
  }

  /**
   * The adapter of every namespace, as socket.io's `io.adapter()`. Without an argument: the
   * `adapter` option, or InMemoryAdapter. With one: the same as that option given late —
   * namespaces created from now on use it, the existing ones get a new adapter at once (their
   * room-event listeners and their connected sockets' rooms carried over).
   * @example io.adapter(createAdapter(redis));
   * @throws {InvalidOptionError} when `factory` is not a function or class
   */
  adapter(): AdapterFactory;
  adapter(factory: AdapterFactory): this;
  adapter(factory?: AdapterFactory): AdapterFactory | this {
    if (factory === undefined) return this.resolved.adapter ?? InMemoryAdapter;
    const input = { ...this.input, adapter: factory };
    const { io } = resolveServerOptions(input, "io.adapter()");
    const before = { input: this.input, resolved: this.resolved };
    this.input = input;
    this.resolved = { ...this.resolved, adapter: io.adapter };
    try {
      for (const nsp of this.registry.all()) nsp[rebuildAdapter]();
    } catch (err) {
      // a factory that throws: new namespaces keep the adapter that worked
      this.input = before.input;
      this.resolved = before.resolved;
      throw err;
    }
    return this;
  }

  /**
   * Socket.IO's name for {@link Server.namespaces}. Kept because the official
   * `@socket.io/admin-ui` (and other Socket.IO tooling) reads it; prefer `io.namespaces`.
   * @deprecated use `io.namespaces`
   */
  get _nsps(): ReadonlyMap<
    string,
    Namespace<ListenEvents, EmitEvents, ServerSideEvents, SocketData>
  > {
    return this.registry.namespaces;
  }

  // ---- listeners: connection events belong to the main namespace --------------------------

  override on<Ev extends ServerEventName<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>(
    ev: Ev,
    listener: ServerListener<ListenEvents, EmitEvents, ServerSideEvents, SocketData, Ev>,
  ): this {
    if (SERVER_OWN_EVENTS.has(ev)) return super.on(ev, listener as never);
    this.sockets.on(ev as "connection", listener as Listener);
    return this;
  }

  override once<Ev extends ServerEventName<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>(
    ev: Ev,
    listener: ServerListener<ListenEvents, EmitEvents, ServerSideEvents, SocketData, Ev>,
  ): this {
    if (SERVER_OWN_EVENTS.has(ev)) return super.once(ev, listener as never);
    this.sockets.once(ev as "connection", listener as Listener);
    return this;
  }

  override prependListener<
    Ev extends ServerEventName<ListenEvents, EmitEvents, ServerSideEvents, SocketData>,
  >(
    ev: Ev,
    listener: ServerListener<ListenEvents, EmitEvents, ServerSideEvents, SocketData, Ev>,
  ): this {
    if (SERVER_OWN_EVENTS.has(ev)) return super.prependListener(ev, listener as never);
    this.sockets.prependListener(ev as "connection", listener as Listener);
    return this;
  }

  override off<Ev extends ServerEventName<ListenEvents, EmitEvents, ServerSideEvents, SocketData>>(
    ev: Ev,
    listener: ServerListener<ListenEvents, EmitEvents, ServerSideEvents, SocketData, Ev>,
  ): this {
    if (SERVER_OWN_EVENTS.has(ev)) return super.off(ev, listener as never);
    this.sockets.off(ev as "connection", listener as Listener);
    return this;
  }

  /** @internal reports an error thrown by user code to "error" listeners; never throws */
  readonly [reportError] = (value: unknown, socket?: object): void => {
    const err = toError(value);
    const listeners = this.rawListeners("error");
    if (listeners.length === 0) {
      console.error('[volley] error in a handler (add io.on("error") to handle it):', err);
      return;
    }
    for (const listener of listeners) {
      try {
        (listener as Listener)(err, socket);
      } catch (inner) {
        console.error('[volley] error in the "error" listener:', inner);
      }
    }
  };

  /** @internal an event the contract refused: tells "invalid_event" listeners; never throws */
  [invalidEvent](socket: object, event: string, answer: InvalidArgumentsAnswer): void {
    const listeners = this.rawListeners("invalid_event");
    if (listeners.length === 0) return;
    const refused = { socket, event, error: answer.error, issues: answer.issues };
    for (const listener of listeners) {
      callSafely(listener as Handler, this, [refused], this[reportError], socket);
    }
  }

  // ---- main namespace API -----------------------------------------------------------------

  /** Adds a connection middleware to the main namespace. */
  use(fn: Middleware<ListenEvents, EmitEvents, ServerSideEvents, SocketData>): this {
    this.sockets.use(fn);
    return this;
  }

  protected override operator(): BroadcastOperator<EmitEvents, SocketData> {
    return new BroadcastOperator(this.sockets.adapter);
  }

  /** Emits to the other nodes (see Namespace.serverSideEmit). */
  serverSideEmit<Ev extends EventNames<ServerSideEvents>>(
    ev: Ev,
    ...args: EventParams<DecorateAcknowledgementsWithMultipleResponses<ServerSideEvents>, Ev>
  ): boolean {
    return this.sockets.serverSideEmit(ev, ...args);
  }

  /** serverSideEmit as a Promise of the other nodes' responses. */
  serverSideEmitWithAck<Ev extends EventNamesWithAck<ServerSideEvents>>(
    ev: Ev,
    ...args: AllButLast<EventParams<ServerSideEvents, Ev>>
  ): Promise<unknown[]> {
    return this.sockets.serverSideEmitWithAck(ev, ...args);
  }

  /**
   * Disconnects every socket ("server shutting down"), closes the adapters, the engine and the
   * HTTP server.
   */
  async close(fn?: (err?: Error) => void): Promise<void> {
    let error: Error | undefined;
    // as in socket.io, the callback (not the promise) learns that the server was not running
    const notRunning = fn !== undefined && this.httpServer?.listening === false;
    try {
      if (notRunning) error = await closeHttpServer(this.httpServer!);
      this.closed = true;
      await this.registry.shutDown();
      await this.engine.close();
      const httpServer = this.httpServer;
      if (httpServer?.listening) {
        const err = await closeHttpServer(httpServer);
        if (err) throw err;
      }
    } catch (err) {
      error = toError(err);
    }
    if (fn) fn(error);
    else if (error) throw error;
  }
}

function isHttpServer(value: unknown): value is HttpServer {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as HttpServer).listen === "function" &&
    typeof (value as HttpServer).on === "function"
  );
}
