/**
 * `EngineServer`: the Engine.IO v4 endpoint, as engine.io's server (options, `use`,
 * `generateId`, `initial_headers`/`headers`, `connection`, `connection_error`). It owns the
 * sessions and what is built from the options; the path of a request (requests.ts) or an
 * upgrade (upgrades.ts) — Origin, middlewares, routing, admission — runs against a narrow host
 * it hands them. It attaches to HTTP servers (http-attach.ts, with `serveClient`'s files) and
 * shuts everything down on `close()`. Transports are plug-ins (transports/index.ts): the server only
 * asks them how they open (a plain request or an HTTP upgrade), whether they open sessions and
 * what they upgrade from. Refused requests get Engine.IO's JSON errors, a `connection_error`
 * event and a log line; nothing a client sends can throw out of here.
 */

import { EventEmitter } from "node:events";
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { EngineErrorCode } from "@volley/protocol";
import { closeHttpServer } from "../close-http-server.js";
import { type ScopedLog, scopedLog } from "../logger.js";
import type { AdmissionState, GenerateId } from "./admission.js";
import { claimPath, releasePath } from "./attach-registry.js";
import { EngineCloseReason } from "./close-reasons.js";
import { type CorsHeaders, corsHeaders, originVerdict } from "./cors.js";
import { watchFirstRequest } from "./first-request-timeout.js";
import { listenOn } from "./http-attach.js";
import { abortRequest, abortUpgrade, type EngineConnectionError } from "./http-errors.js";
import { createHttpServer } from "./http-server.js";
import type { EngineMiddleware } from "./middlewares.js";
import { type EngineOptions, resolveEngineOptions } from "./options.js";
import { parseEngineQuery } from "./query.js";
import { internalError, logRefusal } from "./refusals.js";
import { handleRequest, type RequestHost } from "./requests.js";
import {
  type Kind,
  mayUpgrade,
  type Refusal,
  type Route,
  type RoutingState,
  routeRequest,
  servedTransports,
} from "./routes.js";
import { ClientFiles } from "./serve-client.js";
import { EngineSession } from "./session.js";
import { generateSid } from "./sid.js";
import type { Transport } from "./transports/transport.js";
import { handleUpgrade, type UpgradeHost } from "./upgrades.js";

/** Events of {@link EngineServer}, as `[argument types]`. */
export interface EngineServerEvents {
  /** A new session opened (its open packet is on its way). */
  connection: [session: EngineSession];
  /** A request or upgrade was refused with an Engine.IO error. */
  connection_error: [error: EngineConnectionError];
  /**
   * The headers of a handshake's answer (polling or SSE response, or the WebSocket `101`), as
   * engine.io's `initial_headers`: set or change entries of `headers` and they are sent
   * (e.g. a sticky-session cookie). The session cookie (`cookie` option) is already there.
   */
  initial_headers: [headers: OutgoingHttpHeaders, req: IncomingMessage];
  /**
   * The headers of every answer a transport gives (after `initial_headers` on a handshake):
   * each poll, post and SSE stream, and each WebSocket `101`, upgrades included.
   */
  headers: [headers: OutgoingHttpHeaders, req: IncomingMessage];
}

/**
 * The Engine.IO v4 server.
 *
 * @example
 * const engine = new EngineServer({ path: "/engine.io/", cors: { origin: "https://app.example" } });
 * engine.attach(httpServer);
 * engine.on("connection", (session) => session.on("message", (data) => session.send(data)));
 * await engine.close();
 */
export class EngineServer extends EventEmitter<EngineServerEvents> {
  /**
   * The id of a new session, as engine.io's overridable `generateId(req)`: replace it with a
   * function returning a unique string (or a promise of one). A throw, a rejection, an empty or
   * already used id refuses the handshake (400, `connection_error` context
   * `ID_GENERATION_ERROR`). Default: 20 random base64url characters.
   *
   * @example
   * engine.generateId = (req) => `${req.headers["x-node"]}-${randomUUID()}`;
   */
  generateId: GenerateId = generateSid;
  private resolvedOptions: Readonly<EngineOptions>;
  private readonly sessions = new Map<string, EngineSession>();
  /** The allowed transports by name, in registration order. */
  private kinds: ReadonlyMap<string, Kind>;
  private log: ScopedLog | undefined;
  private cors: CorsHeaders | undefined;
  /** `serveClient`: the browser client files, undefined when off. */
  private clientFiles: ClientFiles | undefined;
  private readonly middlewares: EngineMiddleware[] = [];
  /** What admission (allowRequest, generateId) reads. */
  private readonly admission: AdmissionState;
  /** What the request and upgrade paths (requests.ts, upgrades.ts) read and call. */
  private readonly host: RequestHost & UpgradeHost;
  /** Forgets a closed session: one registry hook for every session, called first when it closes. */
  private readonly forgetSession: (session: EngineSession) => void;
  private readonly attachedTo: (Server | HttpsServer)[] = [];
  /** Servers this engine put its request and upgrade listeners on (once each). */
  private readonly listenedOn = new WeakSet<Server | HttpsServer>();
  /** Stop watching attached servers' new connections (see first-request-timeout.ts). */
  private readonly unwatch: (() => void)[] = [];
  private closePromise: Promise<void> | undefined;
  /** What routing reads (see routes.ts). */
  private readonly routing: RoutingState;
  private ownedServer: Server | undefined;

  /**
   * @throws {InvalidOptionError} (a TypeError) for an unknown option, a value of the wrong
   * type or an unknown transport name, see `resolveEngineOptions`
   */
  constructor(options: Partial<EngineOptions> = {}) {
    super();
    this.resolvedOptions = resolveEngineOptions(options);
    const o = this.resolvedOptions;
    this.log = scopedLog("volley:engine", o.logger);
    const sessions = this.sessions;
    this.forgetSession = (session: EngineSession): void => {
      if (sessions.get(session.id) === session) sessions.delete(session.id);
    };
    this.kinds = servedTransports(o, this.log, this.forgetSession);
    this.cors = corsHeaders(o.cors);
    this.clientFiles = this.newClientFiles();
    const server = this;
    this.routing = {
      get kinds() {
        return server.kinds;
      },
      sessions: this.sessions,
      get allowUpgrades() {
        return server.resolvedOptions.allowUpgrades;
      },
      get closing() {
        return server.closePromise !== undefined;
      },
    };
    this.admission = {
      get allowRequest() {
        return server.resolvedOptions.allowRequest;
      },
      get generateId() {
        return server.generateId;
      },
      taken: (id) => sessions.has(id),
      get closing() {
        return server.closePromise !== undefined;
      },
    };
    this.host = {
      get options() {
        return server.resolvedOptions;
      },
      get log() {
        return server.log;
      },
      get cors() {
        return server.cors;
      },
      middlewares: this.middlewares,
      admission: this.admission,
      gate: this,
      listenerCount: (event) => this.listenerCount(event),
      emit: (event, headers, req) => this.emit(event, headers, req),
      routeRequest: (req) => this.route(req, "request"),
      routeUpgrade: (req) => this.route(req, "upgrade"),
      mayUpgrade: (session, kind) => this.mayUpgrade(session, kind),
      refuseRequest: (req, res, refusal) => this.refuseRequest(req, res, refusal),
      refuseUpgrade: (req, socket, refusal) => this.refuseUpgrade(req, socket, refusal),
      internalError: (res, err) => this.internalError(res, err),
      register: (req, transport, kind, sid) => this.register(req, transport, kind, sid),
      announce: (session) => this.emit("connection", session),
      openUpgraded: (req, transport, kind, sid) => {
        if (this.closePromise) transport.close(true);
        else this.emit("connection", this.register(req, transport, kind, sid));
      },
    };
  }

  /** The resolved options. */
  get options(): Readonly<EngineOptions> {
    return this.resolvedOptions;
  }

  /** engine.io's name for {@link EngineServer.options} (read by socket.io-era code). */
  get opts(): Readonly<EngineOptions> {
    return this.resolvedOptions;
  }

  /**
   * Resolve `options` (over the defaults, as the constructor does) and rebuild what is built
   * from them, keeping everything else: listeners, middlewares, `generateId`. Allowed before
   * the engine is attached, and after `close()`: the engine then serves again once attached
   * (`io.attach(srv, options)`, `io.listen()` after `io.close()`).
   *
   * @throws {Error} when the engine is attached and not closed
   * @throws {InvalidOptionError} as the constructor
   */
  configure(options: Partial<EngineOptions>): void {
    const closed = this.closePromise !== undefined;
    if (!closed && (this.attachedTo.length > 0 || this.ownedServer)) {
      throw new Error("EngineServer.configure(): the engine is attached; close() it first");
    }
    const resolved = resolveEngineOptions(options);
    const log = scopedLog("volley:engine", resolved.logger);
    const kinds = servedTransports(resolved, log, this.forgetSession);
    if (closed) {
      // the shutdown closes the old transports and servers it captured; serve afresh
      this.closePromise = undefined;
      this.attachedTo.length = 0;
      this.unwatch.length = 0;
      this.ownedServer = undefined;
    } else {
      for (const kind of this.kinds.values()) kind.factory.close?.();
    }
    this.resolvedOptions = resolved;
    this.log = log;
    this.kinds = kinds;
    this.cors = corsHeaders(resolved.cors);
    this.clientFiles = this.newClientFiles();
  }

  /** The client files of `serveClient`, with the CORS headers of an allowed Origin. */
  private newClientFiles(): ClientFiles | undefined {
    const { serveClient, path, cors, allowCrossOrigin } = this.resolvedOptions;
    if (!serveClient) return undefined;
    return new ClientFiles(path, this.log, (req, res) => {
      const verdict = originVerdict(cors, allowCrossOrigin, req);
      if (verdict === true) this.cors?.(req, res);
      else if (verdict !== false) {
        return verdict.then((allowed) => {
          if (allowed) this.cors?.(req, res);
        });
      }
      return undefined;
    });
  }

  /**
   * Add an express-style middleware, run on every HTTP request of the engine (handshake,
   * polls, posts, SSE streams) and on WebSocket upgrades (with a stand-in `res` whose headers
   * go into the `101` answer), in the order added, after the Origin check and before routing.
   * `next(err)` refuses the request: 400, `connection_error` context `MIDDLEWARE_FAILURE`.
   *
   * @example
   * io.engine.use(session({ secret: "s", resave: false, saveUninitialized: false }));
   * io.on("connection", (socket) => socket.request.session);
   */
  use(middleware: EngineMiddleware): this {
    this.middlewares.push(middleware);
    return this;
  }

  /** Number of sessions not yet closed. */
  get clientsCount(): number {
    return this.sessions.size;
  }

  /** Live sessions by id. */
  get clients(): ReadonlyMap<string, EngineSession> {
    return this.sessions;
  }

  /**
   * Serve the engine path of `server`. Requests on other paths go to the request listeners the
   * server had when `attach` was called (e.g. an express app: register it first), or get a 404
   * when there are none; upgrades on other paths are left to other `upgrade` listeners (and
   * refused only when there is none, so they never hang).
   *
   * @throws {Error} when another Volley engine already serves the same path on `server`
   * (engines on different paths of one server are fine)
   */
  attach(server: Server | HttpsServer): void {
    claimPath(server, this.options.path, this);
    this.attachedTo.push(server);
    server.once("close", () => {
      // a server left behind by close() and a reattach must not close the engine's next run
      if (this.attachedTo.includes(server)) void this.close();
    });
    this.unwatch.push(watchFirstRequest(server, this.options.firstRequestTimeout, this.log));
    // attached again after close(): the listeners put there the first time serve this engine
    if (this.listenedOn.has(server)) return;
    this.listenedOn.add(server);
    listenOn(server, {
      matchesPath: (req) => this.matchesPath(req),
      handleRequest: (req, res) => this.handleRequest(req, res),
      handleUpgrade: (req, socket, head) => this.handleUpgrade(req, socket, head),
      serveClientFile: (req, res) => this.clientFiles?.serve(req, res) === true,
    });
  }

  /**
   * Create an HTTP server with safe timeouts (see `createHttpServer`), attach, and listen.
   * `close()` then also closes that server.
   */
  listen(port: number, host?: string): Promise<Server> {
    const server = createHttpServer();
    this.ownedServer = server;
    this.attach(server);
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve(server);
      });
    });
  }

  /**
   * Whether a request targets this engine: its path is the engine path, with or without the
   * trailing slash, or lies under it (`/socket.io/anything`), as engine.io matches — Socket.IO
   * clients built for a namespace-in-path setup reach the engine. Client files (`serveClient`)
   * are answered before this check.
   */
  matchesPath(req: IncomingMessage): boolean {
    const url = req.url ?? "";
    const path = this.options.path;
    if (url.startsWith(path)) return true;
    const bare = path.length - 1;
    return url.startsWith(path.slice(0, bare)) && (url.length === bare || url[bare] === "?");
  }

  /** Handle one HTTP request on the engine path (for manual wiring with your own HTTP stack). */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    try {
      handleRequest(this.host, req, res);
    } catch (err) {
      this.internalError(res, err);
    }
  }

  /** Handle one `upgrade` on the engine path (for manual wiring with your own HTTP stack). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      handleUpgrade(this.host, req, socket, head);
    } catch {
      abortUpgrade(socket, EngineErrorCode.BAD_REQUEST);
    }
  }

  /**
   * Close every session with "server shutting down" (pending GETs get a close packet,
   * WebSockets a close frame, SSE streams a close event), and resolve once their connections
   * are gone. New handshakes are refused from now on. Idempotent.
   */
  close(): Promise<void> {
    this.closePromise ??= this.shutdown();
    return this.closePromise;
  }

  // ---- shared ----

  /** Check a request against the protocol rules and decide where it goes. */
  private route(req: IncomingMessage, opensWith: "request" | "upgrade"): Route {
    const query = parseEngineQuery(req.url ?? "");
    return routeRequest(this.routing, req, query, opensWith);
  }

  /** Whether `session` may start an upgrade to `kind` now. */
  private mayUpgrade(session: EngineSession, kind: Kind): boolean {
    return mayUpgrade(this.options.allowUpgrades, session, kind);
  }

  private register(
    req: IncomingMessage,
    transport: Transport,
    kind: Kind,
    sid: string,
  ): EngineSession {
    const session = new EngineSession(sid, req, transport, kind.settings);
    this.sessions.set(sid, session); // forgotten by the settings' `closed` hook
    return session;
  }

  private refuseRequest(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
    abortRequest(res, refusal.code, refusal.message);
    this.reportError(req, refusal);
  }

  private refuseUpgrade(req: IncomingMessage, socket: Duplex, refusal: Refusal): void {
    abortUpgrade(socket, refusal.code, refusal.message);
    this.reportError(req, refusal);
  }

  private reportError(req: IncomingMessage, refusal: Refusal): void {
    const message = logRefusal(req, refusal, this.log);
    if (this.listenerCount("connection_error") === 0) return;
    this.emit("connection_error", { req, code: refusal.code, message, context: refusal.context });
  }

  private internalError(res: ServerResponse, err: unknown): void {
    internalError(res, err, this.log);
  }

  private async shutdown(): Promise<void> {
    // what this run used, captured: configure() may start the next run before this ends
    const kinds = this.kinds;
    const server = this.ownedServer;
    for (const attached of this.attachedTo) releasePath(attached, this.options.path, this);
    for (const stop of this.unwatch) stop();
    const sessions = [...this.sessions.values()];
    this.log?.("closing: %d sessions", sessions.length);
    for (const session of sessions) session.close(EngineCloseReason.SERVER_SHUTTING_DOWN);
    await Promise.all(sessions.map((session) => session.whenTransportClosed()));
    for (const kind of kinds.values()) kind.factory.close?.();
    if (server?.listening) await closeHttpServer(server);
  }
}
