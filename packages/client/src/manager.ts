/**
 * A Manager owns one Engine.IO session and shares it between the namespace sockets of one
 * origin and path (multiplexing). It decodes Socket.IO packets, encodes outgoing ones, and
 * reconnects with exponential backoff after an unexpected close.
 */
import { signal } from "@preact/signals-core";
import { Decoder, encodePacket, type Packet } from "@volley/protocol";
import { toReceivedBinary } from "#websocket-constructor";
import { Backoff } from "./backoff.js";
import { Emitter } from "./emitter.js";
import { type EngineCloseReason, EngineSession, type SessionEvents } from "./engine/session.js";
import {
  DEFAULTS,
  type ManagerOptions,
  type SocketOptions,
  type TransportName,
} from "./options.js";
import { Socket } from "./socket.js";
import type { DefaultEventsMap, EventsMap } from "./typed-events.js";
import { parseUrl } from "./url.js";

export interface ManagerEvents {
  open: () => void;
  close: (reason: EngineCloseReason, description?: unknown) => void;
  error: (error: Error) => void;
  packet: (packet: Packet) => void;
  ping: () => void;
  reconnect_attempt: (attempt: number) => void;
  reconnect: (attempt: number) => void;
  reconnect_error: (error: Error) => void;
  reconnect_failed: () => void;
}

export class Manager extends Emitter<ManagerEvents> {
  readonly options: ManagerOptions;
  /** The current Engine.IO session, if any. */
  engine: EngineSession | undefined;
  readyState: "opening" | "open" | "closed" = "closed";
  /** Namespace → socket. */
  readonly nsps = new Map<string, Socket>();
  /** The transport in use while open: "polling" or "websocket". */
  readonly transport = signal<TransportName | undefined>(undefined);
  /** The current reconnection attempt (0 when none is under way). */
  readonly reconnectAttempt = signal(0);
  readonly #secure: boolean;
  readonly #host: string;
  #backoff: Backoff;
  #reconnecting = false;
  #skipReconnect = false;
  #openTimer: ReturnType<typeof setTimeout> | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #decoder: Decoder | undefined;
  #binaryPending = false;
  #engineSubscriptions: (() => void)[] = [];

  /**
   * @example
   * const manager = new Manager("https://example.com", { reconnectionDelayMax: 10_000 });
   * const chat = manager.socket("/chat");
   * const admin = manager.socket("/admin", { auth: { token } });
   */
  constructor(uri?: string, options: Partial<ManagerOptions> = {}) {
    super();
    const parsed = parseUrl(uri);
    this.#secure = parsed.secure;
    this.#host = parsed.host;
    const query = { ...parsed.query, ...options.query };
    const defined = Object.fromEntries(
      Object.entries(options).filter(([, value]) => value !== undefined),
    ) as Partial<ManagerOptions>;
    this.options = { ...DEFAULTS, transports: [...DEFAULTS.transports], ...defined, query };
    this.#backoff = new Backoff(this.#backoffOptions());
    if (this.options.autoConnect) this.open();
  }

  /** Whether a reconnection is scheduled or under way. */
  get reconnecting(): boolean {
    return this.#reconnecting;
  }

  /** The socket of namespace `nsp`, created on first use. */
  socket<L extends EventsMap = DefaultEventsMap, E extends EventsMap = L>(
    nsp = "/",
    options: Partial<SocketOptions> & { autoConnect?: boolean } = {},
  ): Socket<L, E> {
    let socket = this.nsps.get(nsp);
    if (!socket) {
      socket = new Socket(this, nsp, options);
      this.nsps.set(nsp, socket);
    } else if (options.auth !== undefined) {
      socket.auth = options.auth;
    }
    if ((options.autoConnect ?? this.options.autoConnect) && !socket.active) socket.connect();
    return socket as unknown as Socket<L, E>;
  }

  /** Opens the session; `callback` gets an error if the connection fails. */
  open(callback?: (error?: Error) => void): this {
    if (this.readyState !== "closed") return this;
    const o = this.options;
    const engine = new EngineSession({
      secure: this.#secure,
      host: this.#host,
      path: o.path,
      query: o.query,
      extraHeaders: o.extraHeaders,
      withCredentials: o.withCredentials,
      transports: o.transports,
      tryAllTransports: o.tryAllTransports,
      upgrade: o.upgrade,
      rememberUpgrade: o.rememberUpgrade,
    });
    this.engine = engine;
    this.readyState = "opening";
    this.#skipReconnect = false;
    const onError = (error: Error) => {
      this.#cleanup();
      this.readyState = "closed";
      this.emitLocal("error", error);
      if (callback) callback(error);
      else this.#maybeReconnectOnOpen();
    };
    this.#listen(engine, "open", () => {
      this.#onOpen(engine);
      callback?.();
    });
    this.#listen(engine, "error", onError);
    this.#listen(engine, "close", (reason) => {
      // A close before the handshake without an error (e.g. the server closed at once).
      if (this.readyState === "opening") onError(new Error(reason));
    });
    if (o.timeout !== false) {
      const timeout = o.timeout;
      this.#openTimer = setTimeout(() => {
        this.#cleanup();
        engine.close();
        onError(new Error("timeout"));
      }, timeout);
    }
    engine.open();
    return this;
  }

  /** Alias of `open`. */
  connect(callback?: (error?: Error) => void): this {
    return this.open(callback);
  }

  /** Encodes one Socket.IO packet and sends it with its binary attachments. */
  packet(packet: Packet): void {
    const engine = this.engine;
    if (!engine) return;
    for (const part of encodePacket(packet)) engine.send(part);
  }

  /** Closes the session without reconnecting (when the last socket disconnects). */
  close(): void {
    this.#skipReconnect = true;
    this.#setReconnecting(false);
    clearTimeout(this.#reconnectTimer);
    const engine = this.engine;
    this.#onClose("forced close");
    engine?.close();
  }

  /** Called by a socket that became inactive; closes the session when none is active. */
  destroySocket(_socket: Socket): void {
    for (const socket of this.nsps.values()) if (socket.active) return;
    this.close();
  }

  #onOpen(engine: EngineSession): void {
    this.#cleanup();
    this.readyState = "open";
    this.#decoder = new Decoder();
    this.#binaryPending = false;
    this.transport.value = engine.transport?.name;
    this.#listen(engine, "message", (data) => this.#onData(data));
    this.#listen(engine, "ping", () => this.emitLocal("ping"));
    this.#listen(engine, "upgrade", (name) => {
      this.transport.value = name;
    });
    this.#listen(engine, "error", (error) => this.emitLocal("error", error));
    this.#listen(engine, "close", (reason, description) => this.#onClose(reason, description));
    this.emitLocal("open");
  }

  /** Listens to the session, remembering how to stop (users may listen to it too). */
  #listen<E extends keyof SessionEvents & string>(
    engine: EngineSession,
    event: E,
    listener: SessionEvents[E],
  ): void {
    engine.on(event, listener);
    this.#engineSubscriptions.push(() => engine.off(event, listener));
  }

  #onData(data: string | ArrayBuffer | Uint8Array): void {
    let packet: Packet | undefined;
    try {
      packet = this.#decoder?.add(data);
    } catch (error) {
      const engine = this.engine;
      this.#onClose("parse error", error);
      engine?.close();
      return;
    }
    if (typeof data !== "string") this.#binaryPending = true;
    if (!packet) return;
    if (this.#binaryPending) {
      this.#binaryPending = false;
      packet.data = restoreBinary(packet.data);
    }
    this.emitLocal("packet", packet);
  }

  #onClose(reason: EngineCloseReason, description?: unknown): void {
    this.#cleanup();
    this.#backoff.reset();
    this.readyState = "closed";
    this.transport.value = undefined;
    this.engine = undefined;
    this.emitLocal("close", reason, description);
    if (this.options.reconnection && !this.#skipReconnect) this.#reconnect();
  }

  #cleanup(): void {
    for (const unsubscribe of this.#engineSubscriptions.splice(0)) unsubscribe();
    this.#decoder = undefined;
    clearTimeout(this.#openTimer);
    this.#openTimer = undefined;
  }

  #maybeReconnectOnOpen(): void {
    if (!this.#reconnecting && this.options.reconnection && this.#backoff.attempts === 0) {
      this.#reconnect();
    }
  }

  #reconnect(): void {
    if (this.#reconnecting || this.#skipReconnect) return;
    if (this.#backoff.attempts >= this.options.reconnectionAttempts) {
      this.#backoff.reset();
      this.#setReconnecting(false);
      this.emitLocal("reconnect_failed");
      return;
    }
    this.#backoff.options = this.#backoffOptions();
    const delay = this.#backoff.duration();
    this.#setReconnecting(true);
    this.#reconnectTimer = setTimeout(() => {
      if (this.#skipReconnect) return;
      this.reconnectAttempt.value = this.#backoff.attempts;
      this.emitLocal("reconnect_attempt", this.#backoff.attempts);
      if (this.#skipReconnect) return;
      this.open((error) => {
        if (error) {
          this.#reconnecting = false;
          this.#reconnect();
          this.emitLocal("reconnect_error", error);
        } else {
          const attempt = this.#backoff.attempts;
          this.#backoff.reset();
          this.#setReconnecting(false);
          this.emitLocal("reconnect", attempt);
        }
      });
    }, delay);
  }

  #setReconnecting(value: boolean): void {
    this.#reconnecting = value;
    if (!value) this.reconnectAttempt.value = 0;
  }

  #backoffOptions() {
    const o = this.options;
    return {
      min: o.reconnectionDelay,
      max: o.reconnectionDelayMax,
      jitter: o.randomizationFactor,
    };
  }
}

/** The decoder yields Uint8Array attachments: give the app ArrayBuffer (browsers) or Buffer (Node). */
function restoreBinary(value: unknown): unknown {
  if (value instanceof Uint8Array) return toReceivedBinary(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreBinary(value[i]);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = restoreBinary(record[key]);
  }
  return value;
}
