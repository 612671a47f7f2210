/**
 * The Engine.IO v4 client session: opens a transport, reads the handshake, answers pings and
 * detects a dead server (no ping within pingInterval + pingTimeout), buffers and flushes
 * outgoing packets, and upgrades polling to WebSocket (2probe / 3probe, pause polling, 5).
 * If WebSocket is blocked, the probe fails quietly and the session stays on polling.
 */
import {
  type BinaryData,
  type EnginePacket,
  type HandshakeData,
  parseHandshake,
} from "@volley/protocol";
import { toReceivedBinary } from "#websocket-constructor";
import { Emitter } from "../emitter.js";
import type { ManagerOptions, TransportName } from "../options.js";
import { PollingTransport } from "./transports/polling.js";
import { type Transport, TransportError, type TransportOptions } from "./transports/transport.js";
import { WebSocketTransport } from "./transports/websocket.js";

/** Why a session closed, as socket.io-client reports it. */
export type EngineCloseReason =
  | "transport close"
  | "transport error"
  | "ping timeout"
  | "parse error"
  | "forced close";

export interface SessionEvents {
  open: (handshake: HandshakeData) => void;
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
  TransportOptions;

/** Set once a WebSocket upgrade succeeded, for `rememberUpgrade` (per page, as in Socket.IO). */
let priorWebSocketSuccess = false;

export class EngineSession extends Emitter<SessionEvents> {
  readyState: "opening" | "open" | "closed" = "opening";
  id: string | undefined;
  handshake: HandshakeData | undefined;
  transport: Transport | undefined;
  #writeBuffer: EnginePacket[] = [];
  #upgrading = false;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #pingDeadline = 0;
  #offlineListener: (() => void) | undefined;
  #candidates: TransportName[];
  #closing = false;
  /** Set while closing: called whenever the session may have become idle. */
  #onIdle: (() => void) | undefined;
  #rememberedWebSocket = false;

  constructor(private readonly options: SessionOptions) {
    super();
    this.#candidates = [...options.transports];
    if (
      options.rememberUpgrade &&
      priorWebSocketSuccess &&
      this.#candidates[0] !== "websocket" &&
      this.#candidates.includes("websocket")
    ) {
      this.#candidates = ["websocket", ...this.#candidates.filter((t) => t !== "websocket")];
      this.#rememberedWebSocket = true;
    }
  }

  /** Starts the handshake on the first candidate transport. */
  open(): void {
    const name = this.#candidates[0];
    if (!name) {
      setTimeout(() => this.#onError(new Error("no transport available")), 0);
      return;
    }
    this.#setTransport(this.#createTransport(name));
    this.transport?.open();
  }

  /** Queues one message packet (a Socket.IO packet or one of its attachments). */
  send(data: string | BinaryData | Blob): void {
    if (this.readyState === "closed") return;
    this.#writeBuffer.push({ type: "message", data: data as BinaryData });
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

  #createTransport(name: TransportName): Transport {
    const transport =
      name === "websocket"
        ? new WebSocketTransport(this.options)
        : new PollingTransport(this.options);
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
    switch (packet.type) {
      case "open":
        this.#onHandshake(packet.data);
        return;
      case "ping":
        this.#resetPingTimer();
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
    let handshake: HandshakeData;
    try {
      handshake = parseHandshake(String(data));
    } catch (error) {
      this.#onError(new TransportError("parse error", error));
      return;
    }
    this.handshake = handshake;
    this.id = handshake.sid;
    if (this.transport) this.transport.sid = handshake.sid;
    this.readyState = "open";
    priorWebSocketSuccess = this.transport?.name === "websocket";
    this.#listenForOffline();
    this.#resetPingTimer();
    this.emitLocal("open", handshake);
    this.#flush();
    if (this.readyState !== "open" || !this.options.upgrade) return;
    if (this.transport?.name !== "polling") return;
    for (const name of handshake.upgrades) {
      if (name === "websocket" && this.options.transports.includes("websocket")) this.#probe();
    }
  }

  /** Browsers: losing the network closes the session at once, not at the next ping timeout. */
  #listenForOffline(): void {
    const target = globalThis as {
      addEventListener?: (type: string, listener: () => void) => void;
    };
    if (typeof target.addEventListener !== "function" || typeof window === "undefined") return;
    this.#offlineListener = () => this.#onClose("transport close", "network connection lost");
    target.addEventListener("offline", this.#offlineListener);
  }

  #resetPingTimer(): void {
    if (this.#pingTimer !== undefined) clearTimeout(this.#pingTimer);
    const { pingInterval = 25_000, pingTimeout = 20_000 } = this.handshake ?? {};
    this.#pingDeadline = Date.now() + pingInterval + pingTimeout;
    this.#pingTimer = setTimeout(() => this.#onClose("ping timeout"), pingInterval + pingTimeout);
  }

  #flush(): void {
    const transport = this.transport;
    if (this.readyState !== "open" || this.#upgrading || !transport?.writable) return;
    if (this.#writeBuffer.length === 0) return;
    const packets = this.#takeBatch(transport.name);
    transport.send(packets);
  }

  /** Polling bodies must stay under maxPayload; a WebSocket takes everything. */
  #takeBatch(name: TransportName): EnginePacket[] {
    const max = this.handshake?.maxPayload;
    if (name !== "polling" || !max) return this.#writeBuffer.splice(0);
    let size = 0;
    let count = 0;
    for (const packet of this.#writeBuffer) {
      size += estimateSize(packet) + 1;
      if (count > 0 && size > max) break;
      count++;
    }
    return this.#writeBuffer.splice(0, count);
  }

  #probe(): void {
    const polling = this.transport as PollingTransport;
    const probe = this.#createTransport("websocket");
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      this.off("close", onSessionClose);
      probe.close();
      if (this.#upgrading) {
        this.#upgrading = false;
        if (this.transport === polling) polling.resume();
        this.#flush();
      }
      this.emitLocal("upgradeError", error);
      this.#onIdle?.();
    };
    const onSessionClose = () => fail(new Error("session closed during upgrade"));
    this.on("close", onSessionClose);
    probe.once("error", (error) => fail(error));
    probe.once("close", () => fail(new Error("probe transport closed")));
    probe.once("open", () => {
      probe.send([{ type: "ping", data: "probe" }]);
      probe.once("packet", (packet) => {
        if (done) return;
        if (packet.type !== "pong" || packet.data !== "probe") {
          fail(new Error("probe error"));
          return;
        }
        this.#upgrading = true;
        polling.pause(() => {
          if (done || this.readyState !== "open") return;
          done = true;
          this.off("close", onSessionClose);
          probe.off();
          polling.discard();
          this.#setTransport(probe);
          probe.send([{ type: "upgrade" }]);
          priorWebSocketSuccess = true;
          this.#upgrading = false;
          this.emitLocal("upgrade", "websocket");
          this.#flush();
          this.#onIdle?.();
        });
      });
    });
    probe.open();
  }

  #onError(error: TransportError | Error): void {
    priorWebSocketSuccess = false;
    if (this.readyState === "opening" && this.#candidates.length > 1) {
      const failed = this.#candidates.shift();
      if (this.options.tryAllTransports || (this.#rememberedWebSocket && failed === "websocket")) {
        this.transport?.off();
        this.transport?.close();
        this.open();
        return;
      }
    }
    this.emitLocal("error", error);
    const parseError = error instanceof TransportError && error.message === "parse error";
    this.#onClose(parseError ? "parse error" : "transport error", error);
  }

  #onClose(reason: EngineCloseReason, description?: unknown): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.#onIdle = undefined;
    if (this.#pingTimer !== undefined) clearTimeout(this.#pingTimer);
    this.#pingTimer = undefined;
    this.#pingDeadline = 0;
    if (this.#offlineListener) {
      (
        globalThis as { removeEventListener?: (type: string, listener: () => void) => void }
      ).removeEventListener?.("offline", this.#offlineListener);
      this.#offlineListener = undefined;
    }
    this.transport?.off();
    this.transport?.close();
    this.#writeBuffer = [];
    this.id = undefined;
    this.emitLocal("close", reason, description);
  }
}

/** The encoded size of a packet in a polling body, in bytes (base64 for binary). */
function estimateSize(packet: EnginePacket): number {
  const { data } = packet;
  if (data === undefined) return 1;
  if (typeof data === "string") return 1 + utf8Length(data);
  const bytes =
    data instanceof ArrayBuffer
      ? data.byteLength
      : "byteLength" in data
        ? data.byteLength
        : ((data as { size?: number }).size ?? 0);
  return 1 + Math.ceil(bytes / 3) * 4;
}

function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair (4 bytes) counts 2 + 2.
    length += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return length;
}
