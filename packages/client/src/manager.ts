/**
 * A Manager owns one Engine.IO session and shares it between the namespace sockets of one
 * origin and path (multiplexing). It decodes Socket.IO packets, encodes outgoing ones, and
 * reconnects with exponential backoff after an unexpected close. It holds the app's error hook
 * and logger for its sockets and session.
 */
import { type Signal, signal } from "@preact/signals-core";
import type { ClientContract, DefaultEventsMap, EventsMap } from "@volley/protocol";
import {
  checkDecodedPacket,
  Decoder,
  type EncodedPart,
  encodePacket,
  type Packet,
  type PacketDecoder,
  type PacketEncode,
} from "@volley/protocol";
import { toReceivedBinary } from "#websocket-constructor";
import { Backoff } from "./backoff.js";
import { Emitter } from "./emitter.js";
import { type EngineCloseReason, EngineSession, type SessionEvents } from "./engine/session.js";
import { assertRegistered, transportClass } from "./engine/transports/registry.js";
import { createReport, type Report } from "./error-reporter.js";
import { ConnectionError, ConnectionErrorCode, describeError, errorTexts } from "./errors.js";
import { createLog, type Log } from "./logger.js";
import {
  checkManagerOption,
  DEFAULTS,
  type ManagerOptions,
  type ResolvedOptions,
  resolveClientOptions,
  resolveSocketOptions,
  type SocketOptions,
  type TransportName,
} from "./options.js";
import { write } from "./signals.js";
import { Socket } from "./socket.js";
import type { ManagerEvents, SocketHost } from "./socket-host.js";
import { type Timers, timersFor } from "./timers.js";
import { parseUrl } from "./url.js";

export type { ManagerEvents };

export class Manager extends Emitter<ManagerEvents> implements SocketHost {
  readonly options: ResolvedOptions;
  /**
   * The Engine.IO session: the current one, or the last one once closed (as in
   * socket.io-client, so `manager.engine.on(...)` works right after `new Manager()`).
   */
  engine: EngineSession | undefined;
  readyState: "opening" | "open" | "closed" = "closed";
  /** Namespace → socket. */
  readonly nsps = new Map<string, Socket>();
  /** The transport in use while open: "polling", "websocket" or "sse". */
  readonly transport: Signal<TransportName | undefined> = signal(undefined);
  /** The current reconnection attempt (0 when none is under way). */
  readonly reconnectAttempt = signal(0);
  /** Reports what an app callback threw: the `onError` option, else like a DOM listener error. */
  readonly report: Report;
  /** The debug log (`logger` option, or `DEBUG=volley:client` in Node), when on. */
  readonly log: Log | undefined;
  readonly #secure: boolean;
  readonly #host: string;
  #backoff: Backoff;
  #reconnecting = false;
  #skipReconnect = false;
  #openTimer: ReturnType<typeof setTimeout> | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #decoder: Decoder | undefined;
  /** The `parser` option's decoder for the current session (undefined with the built-in codec). */
  #parserDecoder: PacketDecoder | undefined;
  /** Encodes packets: the built-in codec, or the `parser` option's one Encoder. */
  readonly #encode: PacketEncode;
  #binaryPending = false;
  #engineSubscriptions: (() => void)[] = [];
  readonly #timers: Timers;

  /**
   * @throws {InvalidOptionError} an unknown option, a wrong type or an unknown transport name
   * @example
   * const manager = new Manager("https://example.com", { reconnectionDelayMax: 10_000 });
   * const chat = manager.socket("/chat");
   * const admin = manager.socket("/admin", { auth: { token } });
   */
  constructor(uri?: string | Partial<ManagerOptions>, options: Partial<ManagerOptions> = {}) {
    super();
    // as in socket.io-client, `new Manager(options)` connects to the page's origin
    if (typeof uri === "object") {
      options = uri;
      uri = undefined;
    }
    this.options = resolveClientOptions(options, "new Manager()");
    assertRegistered(options.transports);
    this.#timers = timersFor(this.options.useNativeTimers);
    const parsed = parseUrl(uri);
    this.#secure = parsed.secure;
    this.#host = parsed.host;
    this.options.query = { ...parsed.query, ...this.options.query };
    this.report = createReport(this.options.onError);
    this.log = createLog(this.options.logger, this.report);
    this.#backoff = new Backoff(this.#backoffOptions());
    const parser = this.options.parser;
    if (parser) {
      const encoder = new parser.Encoder();
      this.#encode = (packet) => encoder.encode(packet) as readonly EncodedPart[];
    } else this.#encode = encodePacket;
    if (this.options.autoConnect) this.open();
  }

  /** Whether a reconnection is scheduled or under way. */
  get reconnecting(): boolean {
    return this.#reconnecting;
  }

  /**
   * The socket of namespace `nsp`, created on first use.
   * @throws {InvalidOptionError} an unknown or mistyped socket option
   */
  socket<L extends EventsMap = DefaultEventsMap, E extends EventsMap = L>(
    nsp = "/",
    options: Partial<SocketOptions> & {
      autoConnect?: boolean;
      events?: ClientContract<L, E> | undefined;
    } = {},
  ): Socket<L, E> {
    const o = this.options;
    // as in socket.io-client, a socket's options are its own, never the Manager's
    const resolved = resolveSocketOptions(options, DEFAULTS, "manager.socket()");
    let socket = this.nsps.get(nsp);
    if (!socket) {
      socket = new Socket(this, nsp, resolved);
      this.nsps.set(nsp, socket);
    } else if (options.auth !== undefined) {
      socket.auth = options.auth;
    }
    // the socket's own autoConnect, else the Manager's (resolved options carry a default)
    if ((options.autoConnect ?? o.autoConnect) && !socket.active) socket.connect();
    return socket as unknown as Socket<L, E>;
  }

  /** Opens the session; `callback` gets an error if the connection fails. */
  open(callback?: (error?: Error) => void): this {
    if (this.readyState !== "closed") return this;
    const o = this.options;
    const transports = o.transports.filter((name) => transportClass(name) !== undefined);
    this.log?.("connecting to %s%s (transports: %s)", this.#host, o.path, transports.join(", "));
    // the session and its transports read their own options from the Manager's (a snapshot)
    const engine = new EngineSession({
      ...o,
      secure: this.#secure,
      host: this.#host,
      log: this.log,
      report: this.report,
      timers: this.#timers,
    });
    this.engine = engine;
    this.readyState = "opening";
    this.#skipReconnect = false;
    const onError = (error: Error) => {
      this.#cleanup();
      this.readyState = "closed";
      this.log?.("connection failed: %s", describeError(error));
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
      if (this.readyState === "opening")
        onError(
          new ConnectionError(
            reason,
            ConnectionErrorCode.CLOSED_BEFORE_OPEN,
            errorTexts()?.closedBeforeOpen(reason) ?? "",
          ),
        );
    });
    if (o.timeout !== false) {
      const timeout = o.timeout;
      this.#openTimer = this.#timers.setTimeout(() => {
        this.#cleanup();
        engine.close();
        onError(
          new ConnectionError(
            "timeout",
            ConnectionErrorCode.CONNECT_TIMEOUT,
            errorTexts()?.connectTimeout(this.#host + o.path, timeout) ?? "",
            { timeout },
          ),
        );
      }, timeout);
      this.#unref(this.#openTimer);
    }
    engine.open();
    return this;
  }

  /** Alias of `open`. */
  connect(callback?: (error?: Error) => void): this {
    return this.open(callback);
  }

  /**
   * Encodes one Socket.IO packet and sends it with its binary attachments; `compress: false`
   * (from `socket.compress(false)`) asks the WebSocket not to deflate it.
   */
  packet(packet: Packet, compress = true): void {
    const engine = this.engine;
    if (!engine) return;
    for (const part of this.#encode(packet)) engine.send(part, compress);
  }

  /** Closes the session without reconnecting (when the last socket disconnects). */
  close(): void {
    this.#skipReconnect = true;
    this.#setReconnecting(false);
    this.#timers.clearTimeout(this.#reconnectTimer);
    const engine = this.engine;
    this.#onClose("forced close");
    engine?.close();
  }

  /**
   * socket.io-client's name for {@link Manager.close}, kept so code ported from it (and its
   * test suite) runs unchanged.
   * @deprecated use `close()`
   */
  _close(): void {
    this.close();
  }

  /** Called by a socket that became inactive; closes the session when none is active. */
  destroySocket(_socket: object): void {
    for (const socket of this.nsps.values()) if (socket.active) return;
    this.close();
  }

  /** Whether to reconnect after an unexpected close; `reconnection(false)` also stops a loop under way. */
  reconnection(): boolean;
  reconnection(value: boolean): this;
  reconnection(value?: boolean): boolean | this {
    if (value === undefined) return this.options.reconnection;
    this.options.reconnection = checkManagerOption("reconnection", value, "manager.reconnection()");
    if (!value) this.#skipReconnect = true;
    return this;
  }

  /** How many reconnection attempts before `reconnect_failed`. */
  reconnectionAttempts(): number;
  reconnectionAttempts(value: number): this;
  reconnectionAttempts(value?: number): number | this {
    return this.#option("reconnectionAttempts", value);
  }

  /** The first reconnection delay in ms (applies from the next attempt). */
  reconnectionDelay(): number;
  reconnectionDelay(value: number): this;
  reconnectionDelay(value?: number): number | this {
    return this.#option("reconnectionDelay", value);
  }

  /** The upper bound of the reconnection delay in ms (applies from the next attempt). */
  reconnectionDelayMax(): number;
  reconnectionDelayMax(value: number): this;
  reconnectionDelayMax(value?: number): number | this {
    return this.#option("reconnectionDelayMax", value);
  }

  /** The jitter of each reconnection delay, between 0 and 1 (applies from the next attempt). */
  randomizationFactor(): number;
  randomizationFactor(value: number): this;
  randomizationFactor(value?: number): number | this {
    return this.#option("randomizationFactor", value);
  }

  /** The connect timeout in ms, or `false` for none (applies from the next `open()`). */
  timeout(): number | false;
  timeout(value: number | false): this;
  timeout(value?: number | false): number | false | this {
    return this.#option("timeout", value);
  }

  /** socket.io-client's getter/setter shape over one checked option. */
  #option<
    K extends
      | "reconnectionAttempts"
      | "reconnectionDelay"
      | "reconnectionDelayMax"
      | "randomizationFactor"
      | "timeout",
  >(name: K, value: ManagerOptions[K] | undefined): ManagerOptions[K] | this {
    if (value === undefined) return this.options[name];
    (this.options as ManagerOptions)[name] = checkManagerOption(name, value, `manager.${name}()`);
    return this;
  }

  protected override onListenerError(error: unknown, event: string): void {
    this.report(error, { source: "listener", event });
  }

  #onOpen(engine: EngineSession): void {
    this.#cleanup();
    this.readyState = "open";
    this.#binaryPending = false;
    const parser = this.options.parser;
    if (parser) {
      const decoder = new parser.Decoder();
      decoder.on("decoded", (packet: unknown) => this.#onDecoded(packet));
      this.#parserDecoder = decoder;
      this.#listen(engine, "message", (data) => this.#onParserData(decoder, data));
    } else {
      this.#decoder = new Decoder();
      this.#listen(engine, "message", (data) => this.#onData(data));
    }
    this.#listen(engine, "ping", () => this.emitLocal("ping"));
    this.#listen(engine, "upgrade", (name) => write(this.transport, name, this.report));
    this.#listen(engine, "error", (error) => this.emitLocal("error", error));
    this.#listen(engine, "close", (reason, description) => this.#onClose(reason, description));
    write(this.transport, engine.transport?.name, this.report);
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
      this.#parseError(error);
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

  #onParserData(decoder: PacketDecoder, data: string | ArrayBuffer | Uint8Array): void {
    try {
      decoder.add(data);
    } catch (error) {
      this.#parseError(error);
    }
  }

  /** A packet from the `parser` option's decoder, checked as strictly as the built-in one. */
  #onDecoded(decoded: unknown): void {
    if (this.readyState !== "open") return;
    let packet: Packet;
    try {
      packet = checkDecodedPacket(decoded);
    } catch (error) {
      this.#parseError(error);
      return;
    }
    this.emitLocal("packet", packet);
  }

  #parseError(error: unknown): void {
    const engine = this.engine;
    this.log?.("parse error: %s", describeError(error));
    this.#onClose("parse error", error);
    engine?.close();
  }

  #onClose(reason: EngineCloseReason, description?: unknown): void {
    const wasOpen = this.readyState !== "closed";
    this.#cleanup();
    this.#backoff.reset();
    this.readyState = "closed";
    if (wasOpen) this.log?.("closed: %s", reason);
    write(this.transport, undefined, this.report);
    this.emitLocal("close", reason, description);
    if (this.options.reconnection && !this.#skipReconnect) this.#reconnect();
  }

  #cleanup(): void {
    for (const unsubscribe of this.#engineSubscriptions.splice(0)) unsubscribe();
    this.#decoder = undefined;
    this.#parserDecoder?.destroy();
    this.#parserDecoder = undefined;
    this.#timers.clearTimeout(this.#openTimer);
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
      this.log?.("reconnection failed after %d attempts", this.#backoff.attempts);
      this.#backoff.reset();
      this.#setReconnecting(false);
      this.emitLocal("reconnect_failed");
      return;
    }
    this.#backoff.options = this.#backoffOptions();
    const delay = this.#backoff.duration();
    this.log?.("reconnection attempt %d in %d ms", this.#backoff.attempts, delay);
    this.#setReconnecting(true);
    this.#reconnectTimer = this.#timers.setTimeout(() => {
      if (this.#skipReconnect) return;
      write(this.reconnectAttempt, this.#backoff.attempts, this.report);
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
          this.log?.("reconnected after %d attempts", attempt);
          this.emitLocal("reconnect", attempt);
        }
      });
    }, delay);
    this.#unref(this.#reconnectTimer);
  }

  /** `autoUnref`: a timer that does not keep a Node process alive (no-op in browsers). */
  #unref(timer: ReturnType<typeof setTimeout> | undefined): void {
    if (this.options.autoUnref) (timer as { unref?: () => void } | undefined)?.unref?.();
  }

  #setReconnecting(value: boolean): void {
    this.#reconnecting = value;
    if (!value) write(this.reconnectAttempt, 0, this.report);
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
