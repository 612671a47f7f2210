/**
 * `EngineServer`: the Engine.IO v4 endpoint. Routes requests on its path (and only those),
 * verifies them (Origin, protocol version, transport, sid ownership), performs handshakes on
 * any registered transport, hands requests and upgrade probes to their session, and shuts
 * everything down on `close()`. Transports are plug-ins (transports/index.ts): the server only
 * asks them how they open (a plain request or an HTTP upgrade), whether they open sessions and
 * what they upgrade from. Refused requests get Engine.IO's JSON errors, a `connection_error`
 * event and a log line; nothing a client sends can throw out of here.
 */

import { EventEmitter } from "node:events";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { EngineErrorCode, engineErrorMessage } from "@volley/protocol";
import { type ScopedLog, scopedLog } from "../logger.js";
import { claimPath, releasePath } from "./attach-registry.js";
import { EngineCloseReason } from "./close-reasons.js";
import { sessionCookie } from "./cookie.js";
import { answerPreflight, applyCors, describeOriginRule, originAllowed } from "./cors.js";
import { requestStarted, watchFirstRequest } from "./first-request-timeout.js";
import { abortRequest, abortUpgrade, type EngineConnectionError } from "./http-errors.js";
import { createHttpServer } from "./http-server.js";
import { type EngineOptions, resolveEngineOptions } from "./options.js";
import { parseEngineQuery } from "./query.js";
import {
  type Kind,
  mayUpgrade,
  type Refusal,
  type Route,
  type RoutingState,
  routeRequest,
  servedTransports,
  upgradeRefusal,
} from "./routes.js";
import { EngineSession } from "./session.js";
import { generateSid } from "./sid.js";
import { tooManyConnections } from "./too-many-requests.js";
import type { Transport } from "./transports/transport.js";

/** Events of {@link EngineServer}, as `[argument types]`. */
export interface EngineServerEvents {
  /** A new session opened (its open packet is on its way). */
  connection: [session: EngineSession];
  /** A request or upgrade was refused with an Engine.IO error. */
  connection_error: [error: EngineConnectionError];
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
  /** The resolved options. */
  readonly options: Readonly<EngineOptions>;
  private readonly sessions = new Map<string, EngineSession>();
  /** The allowed transports by name, in registration order. */
  private readonly kinds: ReadonlyMap<string, Kind>;
  private readonly log: ScopedLog | undefined;
  /** One `close` listener for every session (`this` is the session). */
  private readonly forgetSession: (this: EngineSession) => void;
  private readonly attachedTo: (Server | HttpsServer)[] = [];
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
    this.options = resolveEngineOptions(options);
    const o = this.options;
    this.log = scopedLog("volley:engine", o.logger);
    this.kinds = servedTransports(o, this.log);
    const server = this;
    this.routing = {
      kinds: this.kinds,
      sessions: this.sessions,
      allowUpgrades: o.allowUpgrades,
      get closing() {
        return server.closePromise !== undefined;
      },
    };
    const sessions = this.sessions;
    this.forgetSession = function (this: EngineSession) {
      if (sessions.get(this.id) === this) sessions.delete(this.id);
    };
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
    const appListeners = server.listeners("request") as ((...args: unknown[]) => void)[];
    server.removeAllListeners("request");
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      requestStarted(req.socket);
      if (this.matchesPath(req)) this.handleRequest(req, res);
      else if (appListeners.length > 0) {
        for (const listener of appListeners) listener.call(server, req, res);
      } else if (server.listenerCount("request") === 1) {
        res.writeHead(404, { "Content-Type": "text/plain" });
        res.end("Not found");
      }
    });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      requestStarted(req.socket);
      if (this.matchesPath(req)) this.handleUpgrade(req, socket, head);
      else if (server.listenerCount("upgrade") === 1) {
        abortUpgrade(socket, EngineErrorCode.BAD_REQUEST);
      }
    });
    server.once("close", () => void this.close());
    this.unwatch.push(watchFirstRequest(server, this.options.firstRequestTimeout, this.log));
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

  /** Whether a request targets this engine's path. */
  matchesPath(req: IncomingMessage): boolean {
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const path = this.options.path;
    return pathname === path || pathname === path.slice(0, -1);
  }

  /** Handle one HTTP request on the engine path (for manual wiring with your own HTTP stack). */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.onRequest(req, res);
    } catch (err) {
      this.internalError(res, err);
    }
  }

  /** Handle one `upgrade` on the engine path (for manual wiring with your own HTTP stack). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      this.onUpgrade(req, socket, head);
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

  // ---- plain HTTP requests (polling, SSE) ----

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const { cors, allowCrossOrigin } = this.options;
    if (!originAllowed(cors, allowCrossOrigin, req)) {
      this.refuseRequest(req, res, this.originRefusal(req));
      return;
    }
    applyCors(cors, req, res);
    if (req.method === "OPTIONS" && cors !== false) {
      answerPreflight(cors, req, res);
      return;
    }
    const route = this.route(req, "request");
    if ("refusal" in route) {
      this.refuseRequest(req, res, route.refusal);
    } else if ("open" in route) {
      const kind = route.open;
      if (tooManyConnections(this, req, res)) return;
      this.whenAllowed(req, (refused) => {
        if (refused) this.refuseRequest(req, res, refused);
        else if (!res.destroyed) this.openOnRequest(kind, req, res);
      });
    } else if (!route.probe) {
      if (!route.session.handleRequest(route.kind.definition.name, req, res)) {
        this.refuseRequest(req, res, {
          code: EngineErrorCode.BAD_REQUEST,
          context: { name: "TRANSPORT_MISMATCH", transport: route.kind.definition.name },
        });
      }
    } else {
      this.probeOnRequest(route.session, route.kind, req, res);
    }
  }

  private openOnRequest(kind: Kind, req: IncomingMessage, res: ServerResponse): void {
    if (kind.factory.opensWith !== "request") return;
    const transport = kind.factory.create();
    const session = this.register(req, transport, kind);
    const cookie = sessionCookie(this.options.cookie, session.id);
    if (cookie !== undefined) res.setHeader("Set-Cookie", cookie);
    transport.handleRequest?.(req, res);
    this.emit("connection", session);
  }

  private probeOnRequest(
    session: EngineSession,
    kind: Kind,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    if (kind.factory.opensWith !== "request") return;
    const probe = kind.factory.create();
    if (session.attachProbe(probe)) {
      probe.handleRequest?.(req, res);
    } else {
      probe.close(false);
      this.refuseRequest(req, res, upgradeRefusal(session, kind));
    }
  }

  // ---- HTTP upgrades (WebSocket) ----

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!originAllowed(this.options.cors, this.options.allowCrossOrigin, req)) {
      this.refuseUpgrade(req, socket, this.originRefusal(req));
      return;
    }
    const route = this.route(req, "upgrade");
    if ("refusal" in route) {
      this.refuseUpgrade(req, socket, route.refusal);
      return;
    }
    if ("session" in route) {
      const { session, kind } = route;
      if (kind.factory.opensWith !== "upgrade") return;
      kind.factory.accept(req, socket, head, undefined, (probe) => {
        // the session may have changed while the upgrade completed
        if (!this.mayUpgrade(session, kind) || !session.attachProbe(probe)) probe.close(false);
      });
      return;
    }
    const kind = route.open;
    if (tooManyConnections(this, req, socket)) return;
    this.whenAllowed(req, (refused) => {
      if (refused) {
        this.refuseUpgrade(req, socket, refused);
        return;
      }
      if (socket.destroyed || kind.factory.opensWith !== "upgrade") return;
      const sid = generateSid();
      const cookie = sessionCookie(this.options.cookie, sid);
      kind.factory.accept(req, socket, head, cookie, (transport) => {
        if (this.closePromise) {
          transport.close(true);
          return;
        }
        this.emit("connection", this.register(req, transport, kind, sid));
      });
    });
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

  private originRefusal(req: IncomingMessage): Refusal {
    const origin = req.headers.origin;
    this.log?.(
      "refused origin %s (rule: %s) on %s %s",
      origin,
      describeOriginRule(this.options.cors),
      req.method,
      req.url,
    );
    return { code: EngineErrorCode.FORBIDDEN, context: { name: "ORIGIN_NOT_ALLOWED", origin } };
  }

  /** Run `allowRequest` (synchronously when absent) and report the outcome; never rejects. */
  private whenAllowed(req: IncomingMessage, done: (refused: Refusal | undefined) => void): void {
    const allowRequest = this.options.allowRequest;
    if (!allowRequest) {
      done(undefined);
      return;
    }
    const forbidden = (message?: string): Refusal => ({
      code: EngineErrorCode.FORBIDDEN,
      ...(message ? { message } : {}),
      context: {
        name: "ALLOW_REQUEST",
        message: message ?? engineErrorMessage(EngineErrorCode.FORBIDDEN),
      },
    });
    Promise.resolve()
      .then(() => allowRequest(req))
      .then(
        (verdict) => {
          if (verdict === true) done(this.closePromise ? forbidden() : undefined);
          else done(forbidden(typeof verdict === "string" && verdict !== "" ? verdict : undefined));
        },
        () => done(forbidden()),
      )
      .catch((err: unknown) => {
        // A throwing `connection` listener must not become an unhandled rejection.
        process.emitWarning(err instanceof Error ? err : String(err), "VolleyEngineWarning");
      });
  }

  private register(
    req: IncomingMessage,
    transport: Transport,
    kind: Kind,
    sid: string = generateSid(),
  ): EngineSession {
    const session = new EngineSession(sid, req, transport, kind.settings);
    this.sessions.set(sid, session);
    session.on("close", this.forgetSession); // emitted once
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
    const message = refusal.message ?? engineErrorMessage(refusal.code);
    this.log?.(
      "refused %s %s: %d %s %s",
      req.method,
      req.url,
      refusal.code,
      message,
      JSON.stringify(refusal.context),
    );
    if (this.listenerCount("connection_error") === 0) return;
    this.emit("connection_error", { req, code: refusal.code, message, context: refusal.context });
  }

  private internalError(res: ServerResponse, err: unknown): void {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end();
    }
    this.log?.("internal error: %o", err);
    process.emitWarning(err instanceof Error ? err : String(err), "VolleyEngineWarning");
  }

  private async shutdown(): Promise<void> {
    for (const server of this.attachedTo) releasePath(server, this.options.path, this);
    for (const stop of this.unwatch) stop();
    const sessions = [...this.sessions.values()];
    this.log?.("closing: %d sessions", sessions.length);
    for (const session of sessions) session.close(EngineCloseReason.SERVER_SHUTTING_DOWN);
    await Promise.all(sessions.map((session) => session.whenTransportClosed()));
    for (const kind of this.kinds.values()) kind.factory.close?.();
    const server = this.ownedServer;
    if (server?.listening) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
  }
}
