/**
 * `EngineServer`: the Engine.IO v4 endpoint. Routes requests on its path (and only those),
 * verifies them (Origin, protocol version, transport, sid ownership), performs handshakes over
 * polling or WebSocket, hands polling requests and upgrade probes to their session, and shuts
 * everything down on `close()`. Refused requests get Engine.IO's JSON errors and a
 * `connection_error` event; nothing a client sends can throw out of here.
 */

import { EventEmitter } from "node:events";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { EngineErrorCode, engineErrorMessage } from "@volley/protocol";
import { WebSocketServer } from "ws";
import { EngineCloseReason } from "./close-reasons.js";
import { sessionCookie } from "./cookie.js";
import { answerPreflight, applyCors, originAllowed } from "./cors.js";
import { abortRequest, abortUpgrade, type EngineConnectionError } from "./http-errors.js";
import { createHttpServer } from "./http-server.js";
import { type EngineOptions, resolveOptions, type TransportName } from "./options.js";
import { type EngineQuery, parseEngineQuery } from "./query.js";
import { EngineSession, type SessionSettings } from "./session.js";
import { generateSid } from "./sid.js";
import { PollingTransport } from "./transports/polling.js";
import type { TransportHandler } from "./transports/transport.js";
import { WebSocketTransport } from "./transports/websocket.js";

/** Events of {@link EngineServer}, as `[argument types]`. */
export interface EngineServerEvents {
  /** A new session opened (its open packet is on its way). */
  connection: [session: EngineSession];
  /** A request or upgrade was refused with an Engine.IO error. */
  connection_error: [error: EngineConnectionError];
}

/** A refusal found by verification. */
interface Refusal {
  code: EngineErrorCode;
  message?: string;
  context: Record<string, unknown>;
}

/** Placeholder until the session adopts its transport. */
const DETACHED: TransportHandler = {
  onPacket() {},
  onParseError() {},
  onTransportError() {},
  onTransportClose() {},
  onWritable() {},
};

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
  private readonly wss: WebSocketServer;
  private readonly cookies = new WeakMap<IncomingMessage, string>();
  /** Settings shared by every session (one object each, not a copy per session). */
  private readonly settings: SessionSettings;
  private readonly upgradableSettings: SessionSettings;
  /** One `close` listener for every session (`this` is the session). */
  private readonly forgetSession: (this: EngineSession) => void;
  private closePromise: Promise<void> | undefined;
  private ownedServer: Server | undefined;

  constructor(options: Partial<EngineOptions> = {}) {
    super();
    this.options = resolveOptions(options);
    const o = this.options;
    this.settings = Object.freeze({
      pingInterval: o.pingInterval,
      pingTimeout: o.pingTimeout,
      upgradeTimeout: o.upgradeTimeout,
      maxPayload: o.maxHttpBufferSize,
      maxBufferedBytes: o.maxBufferedBytes,
      volatileBufferedBytes: o.volatileBufferedBytes,
      upgrades: Object.freeze([]) as unknown as string[],
    });
    this.upgradableSettings = Object.freeze({
      ...this.settings,
      upgrades: Object.freeze(["websocket"]) as unknown as string[],
    });
    const sessions = this.sessions;
    this.forgetSession = function (this: EngineSession) {
      if (sessions.get(this.id) === this) sessions.delete(this.id);
    };
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: o.maxHttpBufferSize,
      perMessageDeflate: o.perMessageDeflate,
    });
    this.wss.on("headers", (headers, req) => {
      const cookie = this.cookies.get(req);
      if (cookie !== undefined) headers.push(`Set-Cookie: ${cookie}`);
    });
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
   */
  attach(server: Server | HttpsServer): void {
    const appListeners = server.listeners("request") as ((...args: unknown[]) => void)[];
    server.removeAllListeners("request");
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      if (this.matchesPath(req)) this.handleRequest(req, res);
      else if (appListeners.length > 0) {
        for (const listener of appListeners) listener.call(server, req, res);
      } else if (server.listenerCount("request") === 1) {
        res.writeHead(404, { "Content-Type": "text/plain" });
        res.end("Not found");
      }
    });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (this.matchesPath(req)) this.handleUpgrade(req, socket, head);
      else if (server.listenerCount("upgrade") === 1) {
        abortUpgrade(socket, EngineErrorCode.BAD_REQUEST);
      }
    });
    server.once("close", () => void this.close());
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
   * WebSockets a close frame), and resolve once their connections are gone. New handshakes are
   * refused from now on. Idempotent.
   */
  close(): Promise<void> {
    this.closePromise ??= this.shutdown();
    return this.closePromise;
  }

  // ---- HTTP ----

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const { cors } = this.options;
    if (!originAllowed(cors, req)) {
      this.refuseRequest(req, res, {
        code: EngineErrorCode.FORBIDDEN,
        context: { name: "ORIGIN_NOT_ALLOWED", origin: req.headers.origin },
      });
      return;
    }
    applyCors(cors, req, res);
    if (req.method === "OPTIONS" && cors !== false) {
      answerPreflight(cors, req, res);
      return;
    }
    const query = parseEngineQuery(req.url ?? "");
    const refusal = this.verify(req, query, false);
    if (refusal) {
      this.refuseRequest(req, res, refusal);
      return;
    }
    if (query.sid !== null) {
      const session = this.sessions.get(query.sid)!;
      session.handlePollingRequest(req, res);
      return;
    }
    this.whenAllowed(req, (refused) => {
      if (refused) this.refuseRequest(req, res, refused);
      else if (!res.destroyed) this.openPollingSession(req, res);
    });
  }

  private openPollingSession(req: IncomingMessage, res: ServerResponse): void {
    const o = this.options;
    const transport = new PollingTransport(DETACHED, o.maxHttpBufferSize, o.maxPacketsPerPayload);
    const canUpgrade = o.allowUpgrades && o.transports.includes("websocket");
    const session = this.register(req, transport, canUpgrade);
    const cookie = sessionCookie(o.cookie, session.id);
    if (cookie !== undefined) res.setHeader("Set-Cookie", cookie);
    transport.onRequest(req, res);
    this.emit("connection", session);
  }

  // ---- WebSocket ----

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!originAllowed(this.options.cors, req)) {
      this.refuseUpgrade(req, socket, {
        code: EngineErrorCode.FORBIDDEN,
        context: { name: "ORIGIN_NOT_ALLOWED", origin: req.headers.origin },
      });
      return;
    }
    const query = parseEngineQuery(req.url ?? "");
    const refusal = this.verify(req, query, true);
    if (refusal) {
      this.refuseUpgrade(req, socket, refusal);
      return;
    }
    const sid = query.sid;
    if (sid !== null) {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const probe = new WebSocketTransport(ws, socket, DETACHED);
        const session = this.sessions.get(sid);
        if (!session?.attachProbe(probe)) probe.close(false);
      });
      return;
    }
    this.whenAllowed(req, (refused) => {
      if (refused) {
        this.refuseUpgrade(req, socket, refused);
        return;
      }
      if (socket.destroyed) return;
      const newSid = generateSid();
      const cookie = sessionCookie(this.options.cookie, newSid);
      if (cookie !== undefined) this.cookies.set(req, cookie);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const transport = new WebSocketTransport(ws, socket, DETACHED);
        if (this.closePromise) {
          transport.close(true);
          return;
        }
        const session = this.register(req, transport, false, newSid);
        this.emit("connection", session);
      });
    });
  }

  // ---- shared ----

  /** Check a request against the protocol rules; undefined when it may proceed. */
  private verify(req: IncomingMessage, query: EngineQuery, upgrade: boolean): Refusal | undefined {
    if (query.eio !== "4") {
      return {
        code: EngineErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
        context: { protocol: query.eio },
      };
    }
    const transport = query.transport;
    if (transport === null || !this.options.transports.includes(transport as TransportName)) {
      return { code: EngineErrorCode.UNKNOWN_TRANSPORT, context: { transport } };
    }
    if (upgrade !== (transport === "websocket")) {
      return {
        code: EngineErrorCode.BAD_REQUEST,
        context: { name: "TRANSPORT_HANDSHAKE_ERROR", transport },
      };
    }
    if (query.sid !== null) {
      const session = this.sessions.get(query.sid);
      if (!session) return { code: EngineErrorCode.UNKNOWN_SID, context: { sid: query.sid } };
      if (!upgrade && session.transportName !== transport) {
        return {
          code: EngineErrorCode.BAD_REQUEST,
          context: {
            name: "TRANSPORT_MISMATCH",
            transport,
            previousTransport: session.transportName,
          },
        };
      }
      if (
        upgrade &&
        (session.transportName !== "polling" || session.upgrading || !this.options.allowUpgrades)
      ) {
        return {
          code: EngineErrorCode.BAD_REQUEST,
          context: { name: "UPGRADE_REFUSED", sid: query.sid, transport: session.transportName },
        };
      }
      return undefined;
    }
    if (!upgrade && req.method !== "GET") {
      return { code: EngineErrorCode.BAD_HANDSHAKE_METHOD, context: { method: req.method } };
    }
    if (this.closePromise) {
      return { code: EngineErrorCode.BAD_REQUEST, context: { name: "SERVER_CLOSING" } };
    }
    return undefined;
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
    transport: PollingTransport | WebSocketTransport,
    canUpgrade: boolean,
    sid: string = generateSid(),
  ): EngineSession {
    const settings = canUpgrade ? this.upgradableSettings : this.settings;
    const session = new EngineSession(sid, req, transport, settings);
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
    if (this.listenerCount("connection_error") === 0) return;
    this.emit("connection_error", {
      req,
      code: refusal.code,
      message: refusal.message ?? engineErrorMessage(refusal.code),
      context: refusal.context,
    });
  }

  private internalError(res: ServerResponse, err: unknown): void {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end();
    }
    process.emitWarning(err instanceof Error ? err : String(err), "VolleyEngineWarning");
  }

  private async shutdown(): Promise<void> {
    const sessions = [...this.sessions.values()];
    for (const session of sessions) session.close(EngineCloseReason.SERVER_SHUTTING_DOWN);
    await Promise.all(sessions.map((session) => session.whenTransportClosed()));
    this.wss.close();
    const server = this.ownedServer;
    if (server?.listening) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
  }
}
