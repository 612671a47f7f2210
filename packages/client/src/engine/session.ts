/**
 * The Engine.IO v4 client session: opens the first transport, reads the handshake, answers
 * pings and detects a dead server (no ping within pingInterval + pingTimeout), buffers and
 * flushes outgoing packets, and upgrades: each transport the server offers and the app allows
 * is probed in the app's order (`2probe` / `3probe`, pause the current one, `5`) until one
 * works. If WebSocket is blocked, the probe fails quietly and SSE is tried, else the session
 * stays where it is. Transports are reached only through the `Transport` interface: this file
 * never asks which one it holds.
 */
import {
  type BinaryData,
  type EnginePacket,
  type HandshakeData,
  parseHandshake,
} from "@volley/protocol";
import { toReceivedBinary } from "#websocket-constructor";
import { Emitter } from "../emitter.js";
import type { Report } from "../error-reporter.js";
import { ConnectionErrorCode, describeError, errorTexts, TransportError } from "../errors.js";
import type { Log } from "../logger.js";
import type { ManagerOptions, TransportName } from "../options.js";
import { type Timers, timersFor } from "../timers.js";
import { batchLength } from "./batch.js";
import { transportClass } from "./transports/registry.js";
import type { OutgoingPacket, Transport, TransportOptions } from "./transports/transport.js";

/** Why a session closed, as socket.io-client reports it. */
export type EngineCloseReason =
  | "transport close"
  | "transport error"
  | "ping timeout"
  | "parse error"
  | "forced close";

/** What engine.io-client's `packetCreate` listeners get: a packet about to be queued. */
export interface CreatedPacket {
  type: "message" | "pong";
  data?: string | BinaryData | Blob;
  /** `compress: false` from `socket.compress(false)`; `true` otherwise. */
  options: { compress: boolean };
}

export interface SessionEvents {
  open: (handshake: HandshakeData) => void;
  /** engine.io-client's event: a packet is created to be sent (emitted only when listened to). */
  packetCreate: (packet: CreatedPacket) => void;
  /** engine.io-client's event: a packet was received (emitted only when listened to). */
  packet: (packet: EnginePacket) => void;
  message: (data: string | ArrayBuffer | Uint8Array) => void;
  ping: () => void;
  upgrade: (transport: TransportName) => void;
  upgradeError: (error: Error) => void;
  error: (error: Error) => void;
  close: (reason: EngineCloseReason, description?: unknown) => void;
}

export type SessionOptions = Pick<
  ManagerOptions,
  "transports" | "tryAllTransports" | "upgrade" | "rememberUpgrade"
> &
  Partial<Pick<ManagerOptions, "closeOnBeforeunload">> &
  TransportOptions & { report?: Report | undefined; timers?: Timers | undefined };

/** The transport of the last successful upgrade, for `rememberUpgrade` (per page, as in Socket.IO). */
let rememberedUpgrade: TransportName | undefined;

export class EngineSession extends Emitter<SessionEvents> {
  readyState: "opening" | "open" | "closed" = "opening";
  id: string | undefined;
  handshake: HandshakeData | undefined;
  transport: Transport | undefined;
  #writeBuffer: OutgoingPacket[] = [];
  #upgrading = false;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #pingDeadline = 0;
  #offlineListener: (() => void) | undefined;
  #beforeunloadListener: (() => void) | undefined;
  #candidates: TransportName[];
  /** The app's transports that are registered, in its order of preference. */
  readonly #usable: TransportName[];
  #closing = false;
  /** Set while closing: called whenever the session may have become idle. */
  #onIdle: (() => void) | undefined;
  /** The transport tried first because of `rememberUpgrade` (falls back if it fails). */
  #remembered: TransportName | undefined;
  readonly #log: Log | undefined;
  readonly #timers: Timers;

  constructor(private readonly options: SessionOptions) {
    super();
    this.#log = options.log;
    this.#timers = options.timers ?? timersFor(false);
    // unregistered names (SSE without `import "@volley/client/sse"`) are skipped; the Manager
    // refuses a list the app wrote with one
    this.#usable = options.transports.filter((name) => transportClass(name) !== undefined);
    this.#candidates = [...this.#usable];
    const remembered = rememberedUpgrade;
    if (
      options.rememberUpgrade &&
      remembered &&
      this.#candidates[0] !== remembered &&
      this.#candidates.includes(remembered)
    ) {
      this.#candidates = [remembered, ...this.#candidates.filter((t) => t !== remembered)];
      this.#remembered = remembered;
    }
  }

  /** Starts the handshake on the first candidate transport. */
  open(): void {
    const name = this.#candidates[0]!;
    this.#log?.("opening a session on %s", name);
    const transport = this.#createTransport(name);
    this.#setTransport(transport);
    transport.open();
  }

  /**
   * Queues one message packet (a Socket.IO packet or one of its attachments). `compress: false`
   * asks the WebSocket not to deflate it (polling and SSE ignore it).
   */
  send(data: string | BinaryData | Blob, compress = true): void {
    if (this.readyState === "closed") return;
    if (this.hasListeners("packetCreate")) {
      this.emitLocal("packetCreate", { type: "message", data, options: { compress } });
    }
    this.#writeBuffer.push(
      compress
        ? { type: "message", data: data as BinaryData }
        : { type: "message", data: data as BinaryData, compress: false },
    );
    this.#flush();
  }

  /**
   * Whether the heartbeat deadline passed without its timer firing (browsers throttle timers in
   * background tabs): then the session closes with "ping timeout" right after, and callers
   * should buffer rather than write into a dead connection.
   */
  hasPingExpired(): boolean {
    if (this.readyState !== "open" || this.#pingDeadline === 0) return false;
    if (Date.now() <= this.#pingDeadline) return false;
    this.#pingDeadline = 0;
    queueMicrotask(() => this.#onClose("ping timeout"));
    return true;
  }

  /** Whether a packet sent now would leave immediately (used to drop volatile emits). */
  get writable(): boolean {
    return this.readyState === "open" && !this.#upgrading && this.transport?.writable === true;
  }

  /**
   * Closes the session from this side: packets already queued (a DISCONNECT) leave first, and
   * an upgrade under way completes or fails first. Emits `close` with "forced close".
   */
  close(): void {
    if (this.readyState === "closed" || this.#closing) return;
    this.#closing = true;
    const closeWhenIdle = () => {
      if (this.readyState === "closed") return;
      if (this.#upgrading) return; // `upgrade` or `upgradeError` will call back
      const transport = this.transport;
      if (
        this.readyState === "open" &&
        transport &&
        (!transport.writable || this.#writeBuffer.length > 0)
      ) {
        this.#flush();
        return; // the transport's `drain` calls back
      }
      this.#onClose("forced close");
    };
    this.#onIdle = closeWhenIdle;
    closeWhenIdle();
  }

  /** Where the session's listeners' errors go (the app's `onError` hook, via the Manager). */
  protected override onListenerError(error: unknown, event: string): void {
    if (this.options.report) this.options.report(error, { source: "listener", event });
    else super.onListenerError(error, event);
  }

  #createTransport(name: TransportName): Transport {
    const transport = new (transportClass(name)!)(this.options);
    transport.sid = this.id;
    return transport;
  }

  #setTransport(transport: Transport): void {
    this.transport?.off();
    this.transport = transport;
    transport.on("packet", (packet) => this.#onPacket(packet));
    transport.on("drain", () => {
      this.#flush();
      this.#onIdle?.();
    });
    transport.on("error", (error) => this.#onError(error));
    transport.on("close", (description) => this.#onClose("transport close", description));
  }

  #onPacket(packet: EnginePacket): void {
    if (this.hasListeners("packet")) this.emitLocal("packet", packet);
    switch (packet.type) {
      case "open":
        this.#onHandshake(packet.data);
        return;
      case "ping":
        this.#resetPingTimer();
        if (this.hasListeners("packetCreate")) {
          this.emitLocal("packetCreate", { type: "pong", options: { compress: true } });
        }
        this.transport?.send([{ type: "pong" }]);
        this.emitLocal("ping");
        return;
      case "message": {
        const { data } = packet;
        if (data === undefined) return;
        this.emitLocal("message", typeof data === "string" ? data : toReceivedBinary(data));
        return;
      }
      default:
        return; // noop, pong, upgrade: nothing to do on the client
    }
  }

  #onHandshake(data: EnginePacket["data"]): void {
    if (this.readyState !== "opening") return;
    const transport = this.transport!;
    let handshake: HandshakeData;
    try {
      handshake = parseHandshake(String(data));
    } catch (error) {
      this.#onError(
        new TransportError(
          "parse error",
          ConnectionErrorCode.PARSE_ERROR,
          errorTexts()?.notEngineIo(
            "the handshake is not an Engine.IO open packet",
            String(data),
          ) ?? "",
          { transport: transport.name },
          error,
        ),
      );
      return;
    }
    this.handshake = handshake;
    this.id = handshake.sid;
    transport.sid = handshake.sid;
    this.readyState = "open";
    // opened on what the app prefers: nothing to remember; on an upgrade target: remember it
    rememberedUpgrade = transport.name === this.options.transports[0] ? undefined : transport.name;
    this.#log?.(
      "handshake on %s: sid %s, upgrades [%s], pingInterval %d, pingTimeout %d, maxPayload %d",
      transport.name,
      handshake.sid,
      handshake.upgrades.join(", "),
      handshake.pingInterval,
      handshake.pingTimeout,
      handshake.maxPayload,
    );
    this.#listenForOffline();
    this.#resetPingTimer();
    this.emitLocal("open", handshake);
    this.#flush();
    if (this.readyState !== "open" || !this.options.upgrade) return;
    // Upgrade targets the server offers, in the app's order of preference.
    const offered = new Set(handshake.upgrades);
    const targets = this.#usable.filter((name) => name !== transport.name && offered.has(name));
    this.#upgrade(targets);
  }

  /** Browsers: losing the network closes the session at once, not at the next ping timeout. */
  #listenForOffline(): void {
    const target = globalThis as {
      addEventListener?: (type: string, listener: () => void) => void;
    };
    if (typeof target.addEventListener !== "function" || typeof window === "undefined") return;
    this.#offlineListener = () =>
      this.#onClose("transport close", { description: "network connection lost" });
    target.addEventListener("offline", this.#offlineListener);
    if (this.options.closeOnBeforeunload) {
      // as engine.io-client: close the transport silently when the page goes away, so every
      // browser behaves alike (Firefox would otherwise report a disconnect while unloading)
      this.#beforeunloadListener = () => {
        this.transport?.off();
        this.transport?.close();
      };
      target.addEventListener("beforeunload", this.#beforeunloadListener);
    }
  }

  #resetPingTimer(): void {
    if (this.#pingTimer !== undefined) this.#timers.clearTimeout(this.#pingTimer);
    const { pingInterval = 25_000, pingTimeout = 20_000 } = this.handshake ?? {};
    this.#pingDeadline = Date.now() + pingInterval + pingTimeout;
    this.#pingTimer = this.#timers.setTimeout(
      () => this.#onClose("ping timeout"),
      pingInterval + pingTimeout,
    );
    if (this.options.autoUnref) (this.#pingTimer as { unref?: () => void }).unref?.();
  }

  #flush(): void {
    const transport = this.transport;
    if (this.readyState !== "open" || this.#upgrading || !transport?.writable) return;
    if (this.#writeBuffer.length === 0) return;
    transport.send(this.#takeBatch(transport));
  }

  /** HTTP bodies must stay under maxPayload; a WebSocket takes everything. */
  #takeBatch(transport: Transport): EnginePacket[] {
    const max = this.handshake?.maxPayload;
    if (!transport.boundedByMaxPayload || !max) return this.#writeBuffer.splice(0);
    const count = batchLength(this.#writeBuffer, max);
    if (count < this.#writeBuffer.length) {
      this.#log?.(
        "buffer: %d packets exceed maxPayload %d, sending %d now",
        this.#writeBuffer.length,
        max,
        count,
      );
    }
    return this.#writeBuffer.splice(0, count);
  }

  /** Probes `targets[0]`; if it fails, the next one; the first that works takes over. */
  #upgrade(targets: TransportName[]): void {
    const name = targets.shift();
    if (name === undefined || this.readyState !== "open" || this.#closing) return;
    const current = this.transport!;
    const probe = this.#createTransport(name);
    if (!probe.upgradeTarget) {
      this.#upgrade(targets);
      return;
    }
    this.#log?.("upgrade: probing %s", name);
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      this.off("close", onSessionClose);
      probe.off();
      probe.close();
      if (this.#upgrading) {
        this.#upgrading = false;
        if (this.transport === current) current.resume();
        this.#flush();
      }
      this.#log?.("upgrade to %s failed: %s", name, describeError(error));
      this.emitLocal("upgradeError", error);
      this.#onIdle?.();
      this.#upgrade(targets);
    };
    const onSessionClose = () => fail(new Error("session closed during upgrade"));
    this.on("close", onSessionClose);
    probe.once("error", (error) => fail(error));
    probe.once("close", () => fail(new Error("probe transport closed")));
    probe.once("open", () =>
      probe.probe((error) => {
        if (done) return;
        if (error) {
          fail(error);
          return;
        }
        this.#upgrading = true;
        current.pause(() => {
          if (done || this.readyState !== "open") return;
          done = true;
          this.off("close", onSessionClose);
          probe.off();
          current.discard();
          this.#setTransport(probe);
          probe.send([{ type: "upgrade" }]);
          rememberedUpgrade = name;
          this.#upgrading = false;
          this.#log?.("upgraded from %s to %s", current.name, name);
          this.emitLocal("upgrade", name);
          this.#flush();
          this.#onIdle?.();
        });
      }),
    );
    probe.open();
  }

  #onError(error: TransportError | Error): void {
    rememberedUpgrade = undefined;
    if (this.readyState === "opening" && this.#candidates.length > 1) {
      const failed = this.#candidates.shift();
      if (this.options.tryAllTransports || failed === this.#remembered) {
        this.#log?.(
          "%s failed to open (%s): trying %s",
          failed,
          describeError(error),
          this.#candidates[0],
        );
        this.transport?.off();
        this.transport?.close();
        this.open();
        return;
      }
    }
    this.#log?.("transport error: %s", describeError(error));
    this.emitLocal("error", error);
    const parseError =
      error instanceof TransportError && error.code === ConnectionErrorCode.PARSE_ERROR;
    this.#onClose(parseError ? "parse error" : "transport error", error);
  }

  #onClose(reason: EngineCloseReason, description?: unknown): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.#onIdle = undefined;
    if (this.#pingTimer !== undefined) this.#timers.clearTimeout(this.#pingTimer);
    this.#pingTimer = undefined;
    this.#pingDeadline = 0;
    const target = globalThis as {
      removeEventListener?: (type: string, listener: () => void) => void;
    };
    if (this.#offlineListener) {
      target.removeEventListener?.("offline", this.#offlineListener);
      this.#offlineListener = undefined;
    }
    if (this.#beforeunloadListener) {
      target.removeEventListener?.("beforeunload", this.#beforeunloadListener);
      this.#beforeunloadListener = undefined;
    }
    this.transport?.off();
    this.transport?.close();
    this.#writeBuffer = [];
    this.id = undefined;
    this.#log?.(
      "session closed: %s%s",
      reason,
      description ? ` (${describeError(description)})` : "",
    );
    this.emitLocal("close", reason, description);
  }
}
