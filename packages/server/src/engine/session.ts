/**
 * One Engine.IO session: the state machine (`opening` → `open` → `closing` → `closed`), the send
 * queue with its soft (volatile) and hard (`maxBufferedBytes`) bounds, the heartbeat, and the
 * polling → WebSocket upgrade. Transports only move packets; every decision is made here.
 *
 * Ordering across an upgrade: all outgoing packets pass through one FIFO queue that is written
 * to exactly one transport at a time. While a WebSocket probes, the queue keeps draining into
 * polling GETs (the GETs are answered at once, with a noop when the queue is empty, so the
 * client can pause polling); once the client sends `5`, polling is discarded and whatever is
 * still queued goes out on the WebSocket, in order.
 */

import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type BinaryData, type EnginePacket, encodeHandshake } from "@volley/protocol";
import { EngineCloseReason } from "./close-reasons.js";
import { type Flushable, scheduleFlush } from "./flush-scheduler.js";
import { type HeartbeatTarget, HeartbeatTimer } from "./heartbeat.js";
import type { TransportName } from "./options.js";
import { PreparedMessage } from "./prepared-message.js";
import type { PollingTransport } from "./transports/polling.js";
import type { OutboundPacket, Transport, TransportHandler } from "./transports/transport.js";
import type { WebSocketTransport } from "./transports/websocket.js";

/** Lifecycle of a session. */
export type EngineSessionState = "opening" | "open" | "closing" | "closed";

/** Options of `session.send()`. */
export interface SendOptions {
  /** Drop the message instead of queueing it when the session's send buffer is past the soft bound. */
  volatile?: boolean;
  /** Allow permessage-deflate for this message (when enabled on the server). Default true. */
  compress?: boolean;
}

/** Events of {@link EngineSession}, as `[argument types]`. */
export interface EngineSessionEvents {
  /** A message packet arrived: text as a string, binary as a Buffer. */
  message: [data: string | Buffer];
  /** The session closed (emitted once). */
  close: [reason: EngineCloseReason, description?: string];
  /** A WebSocket probe succeeded and the client is switching. */
  upgrading: [transportName: TransportName];
  /** The session now runs on `transportName`. */
  upgrade: [transportName: TransportName];
  /**
   * The queue was written out without backpressure (polling: a GET was answered; WebSocket: the
   * batch went to the socket below its high-water mark, or the socket drained later).
   */
  drain: [];
  /** A pong arrived in time. */
  heartbeat: [];
}

/** The per-session settings the server passes in. */
export interface SessionSettings {
  pingInterval: number;
  pingTimeout: number;
  upgradeTimeout: number;
  maxPayload: number;
  maxBufferedBytes: number;
  volatileBufferedBytes: number;
  /** Transports offered in the handshake (`[]` on WebSocket or with upgrades disabled). */
  upgrades: string[];
}

const PING: OutboundPacket = { type: "ping" };
const CLOSE: OutboundPacket = { type: "close" };

function upgradeTimedOut(session: EngineSession): void {
  session.abortUpgrade();
}

function closeWaitOver(session: EngineSession): void {
  session.finishClose();
}

function toBuffer(data: BinaryData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/**
 * An Engine.IO session, handed to the io layer by the server's `connection` event.
 *
 * @example
 * engine.on("connection", (session) => {
 *   session.on("message", (data) => session.send(data));   // echo
 *   session.on("close", (reason) => console.log(session.id, reason));
 * });
 */
export class EngineSession
  extends EventEmitter<EngineSessionEvents>
  implements TransportHandler, HeartbeatTarget, Flushable
{
  /** The session id (`sid`). */
  readonly id: string;
  /** The request that opened the session (handshake GET or WebSocket upgrade). */
  readonly request: IncomingMessage;
  /** Current state. */
  readyState: EngineSessionState = "opening";
  /** @internal flush-scheduler bookkeeping. */
  flushScheduled = false;

  private transport: Transport;
  private readonly settings: SessionSettings;
  private readonly heartbeat: HeartbeatTimer;
  private queue: OutboundPacket[] = [];
  private spareQueue: OutboundPacket[] = [];
  private queuedBytes = 0;
  private probe: WebSocketTransport | undefined;
  private probed = false;
  private upgradeTimer: NodeJS.Timeout | undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private closeReason: EngineCloseReason = EngineCloseReason.FORCED_CLOSE;
  private closeDescription: string | undefined;

  constructor(
    id: string,
    request: IncomingMessage,
    transport: Transport,
    settings: SessionSettings,
  ) {
    super();
    this.id = id;
    this.request = request;
    this.transport = transport;
    this.settings = settings;
    transport.handler = this;
    this.heartbeat = new HeartbeatTimer(this, settings.pingInterval, settings.pingTimeout);
    this.readyState = "open";
    this.enqueue({
      type: "open",
      data: encodeHandshake({
        sid: id,
        upgrades: settings.upgrades,
        pingInterval: settings.pingInterval,
        pingTimeout: settings.pingTimeout,
        maxPayload: settings.maxPayload,
      }),
    });
  }

  /** The transport the session currently runs on. */
  get transportName(): TransportName {
    return this.transport.name;
  }

  /** Whether a WebSocket is probing an upgrade right now. */
  get upgrading(): boolean {
    return this.probe !== undefined;
  }

  /** Unsent bytes: the queue plus what the transport holds (WebSocket `bufferedAmount`). */
  get bufferedBytes(): number {
    return this.queuedBytes + this.transport.bufferedBytes;
  }

  /**
   * Send one message packet. Text stays text, binary is sent as binary (base64 `b` packet on
   * polling). Messages sent in one tick are written together when the current callback returns. Ignored unless
   * the session is open; volatile messages are dropped past the soft buffer bound; passing
   * `maxBufferedBytes` closes the session with "send buffer overflow". A {@link PreparedMessage}
   * (one broadcast to many sessions) is queued as is and carries its own compress flag.
   */
  send(data: string | BinaryData | PreparedMessage, options?: SendOptions): void {
    if (this.readyState !== "open") return;
    const buffered = this.queuedBytes + this.transport.bufferedBytes;
    if (options?.volatile === true && buffered > this.settings.volatileBufferedBytes) return;
    const prepared = data instanceof PreparedMessage;
    const size = prepared ? data.size : typeof data === "string" ? data.length : data.byteLength;
    // A single large message into an empty buffer is fine; accumulation past the bound is not.
    if (buffered > 0 && buffered + size > this.settings.maxBufferedBytes) {
      this.close(
        EngineCloseReason.SEND_BUFFER_OVERFLOW,
        `more than ${this.settings.maxBufferedBytes} bytes unsent`,
      );
      return;
    }
    this.queuedBytes += size;
    // the shared object itself is the queued packet: no allocation per recipient
    this.enqueue(prepared ? data : { type: "message", data, compress: options?.compress });
  }

  /**
   * Close the session. "forced close" (the default) delivers what is queued and a close packet
   * first; the `close` event follows once that is done.
   */
  close(reason: EngineCloseReason = EngineCloseReason.FORCED_CLOSE, description?: string): void {
    if (this.readyState === "closed") return;
    if (this.readyState === "closing") {
      if (reason === EngineCloseReason.SERVER_SHUTTING_DOWN) this.finishClose();
      return;
    }
    this.readyState = "closing";
    this.closeReason = reason;
    this.closeDescription = description;
    this.heartbeat.stop();
    this.abortUpgrade();
    const polite =
      reason === EngineCloseReason.FORCED_CLOSE ||
      reason === EngineCloseReason.SERVER_SHUTTING_DOWN;
    if (polite) {
      this.queue.push(CLOSE);
      if (this.transport.writable) {
        this.flush();
        return; // flush() finishes the close
      }
      if (this.transport.name === "polling" && reason === EngineCloseReason.FORCED_CLOSE) {
        // Wait for the client's next GET to deliver the queue and the close packet.
        this.closeTimer = setTimeout(closeWaitOver, this.settings.pingTimeout, this);
        return;
      }
    } else if (reason === EngineCloseReason.TRANSPORT_CLOSE && this.transport.name === "polling") {
      (this.transport as PollingTransport).writeNoop();
    }
    this.finishClose();
  }

  /** @internal Route a polling request (the server verified the session runs on polling). */
  handlePollingRequest(req: IncomingMessage, res: ServerResponse): void {
    (this.transport as PollingTransport).onRequest(req, res);
  }

  /** @internal Resolves when the transports' connections are gone (for `EngineServer.close()`). */
  whenTransportClosed(): Promise<void> {
    return this.transport.whenClosed();
  }

  /** @internal Adopt a WebSocket that wants to take this polling session over. */
  attachProbe(probe: WebSocketTransport): boolean {
    if (this.readyState !== "open" || this.probe || this.transport.name !== "polling") return false;
    this.probe = probe;
    probe.handler = this;
    this.upgradeTimer = setTimeout(upgradeTimedOut, this.settings.upgradeTimeout, this);
    return true;
  }

  /** @internal Drop the probing WebSocket (timeout, error, bad packet or session closing). */
  abortUpgrade(): void {
    const probe = this.probe;
    if (!probe) return;
    this.probe = undefined;
    this.probed = false;
    clearTimeout(this.upgradeTimer);
    probe.close(true);
  }

  /** @internal Write the queue to the transport; finishes a pending close. */
  flush(): void {
    if (this.readyState === "closed" || this.queue.length === 0) return;
    const transport = this.transport;
    if (!transport.writable) return;
    const packets = this.queue;
    this.queue = this.spareQueue;
    this.queuedBytes = 0;
    try {
      transport.write(packets);
    } catch (err) {
      packets.length = 0;
      this.spareQueue = packets;
      this.closeOrFinish(
        EngineCloseReason.TRANSPORT_ERROR,
        err instanceof Error ? err.message : String(err),
      );
      return;
    }
    packets.length = 0;
    this.spareQueue = packets;
    if (this.readyState === "closing") this.finishClose();
    else if (!transport.needsDrain) this.emit("drain");
  }

  /** @internal Move to `closed`, release everything, emit `close` once. */
  finishClose(): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.heartbeat.stop();
    this.abortUpgrade();
    clearTimeout(this.closeTimer);
    const reason = this.closeReason;
    const graceful =
      reason !== EngineCloseReason.PING_TIMEOUT &&
      reason !== EngineCloseReason.SEND_BUFFER_OVERFLOW &&
      reason !== EngineCloseReason.TRANSPORT_ERROR;
    this.transport.close(graceful);
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.emit("close", reason, this.closeDescription);
  }

  // ---- HeartbeatTarget ----

  /** @internal */
  onPingDue(): void {
    if (this.readyState === "open") this.enqueue(PING);
  }

  /** @internal */
  onPingTimeout(): void {
    this.close(EngineCloseReason.PING_TIMEOUT);
  }

  // ---- TransportHandler ----

  /** @internal */
  onPacket(transport: Transport, packet: EnginePacket): void {
    if (transport === this.probe) {
      this.onProbePacket(packet);
      return;
    }
    if (transport !== this.transport || this.readyState !== "open") return;
    switch (packet.type) {
      case "pong":
        this.heartbeat.onPong();
        this.emit("heartbeat");
        break;
      case "message": {
        const data = packet.data;
        this.emit(
          "message",
          data === undefined ? "" : typeof data === "string" ? data : toBuffer(data),
        );
        break;
      }
      case "close":
        this.close(EngineCloseReason.TRANSPORT_CLOSE, "client sent a close packet");
        break;
      case "ping":
        this.close(EngineCloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
        break;
      case "noop":
        break;
      default:
        this.close(EngineCloseReason.PARSE_ERROR, `unexpected ${packet.type} packet`);
    }
  }

  /** @internal */
  onParseError(transport: Transport, description: string): void {
    if (transport === this.probe) this.abortUpgrade();
    else if (transport === this.transport)
      this.closeOrFinish(EngineCloseReason.PARSE_ERROR, description);
  }

  /** @internal */
  onTransportError(transport: Transport, description: string): void {
    if (transport === this.probe) this.abortUpgrade();
    else if (transport === this.transport)
      this.closeOrFinish(EngineCloseReason.TRANSPORT_ERROR, description);
  }

  /** @internal */
  onTransportClose(transport: Transport): void {
    if (transport === this.probe) this.abortUpgrade();
    else if (transport === this.transport) {
      this.closeOrFinish(EngineCloseReason.TRANSPORT_CLOSE, "transport closed by the client");
    }
  }

  /** @internal */
  onWritable(transport: Transport): void {
    if (transport !== this.transport) return;
    if (transport.name === "websocket") {
      this.emit("drain");
      return;
    }
    if (this.queue.length > 0) this.flush();
    else if (this.probed) (transport as PollingTransport).writeNoop();
  }

  // ---- internals ----

  private enqueue(packet: OutboundPacket): void {
    this.queue.push(packet);
    if (this.transport.writable) scheduleFlush(this);
  }

  private closeOrFinish(reason: EngineCloseReason, description: string): void {
    if (this.readyState === "closing") this.finishClose();
    else this.close(reason, description);
  }

  private onProbePacket(packet: EnginePacket): void {
    const probe = this.probe!;
    if (packet.type === "ping" && packet.data === "probe") {
      probe.sendText("3probe");
      this.probed = true;
      this.emit("upgrading", "websocket");
      // Release the pending GET so the client can pause polling.
      if (this.transport.writable) {
        if (this.queue.length > 0) this.flush();
        else (this.transport as PollingTransport).writeNoop();
      }
      return;
    }
    if (packet.type === "upgrade" && this.readyState === "open") {
      this.completeUpgrade(probe);
      return;
    }
    this.abortUpgrade();
  }

  private completeUpgrade(probe: WebSocketTransport): void {
    clearTimeout(this.upgradeTimer);
    this.probe = undefined;
    this.probed = false;
    const polling = this.transport as PollingTransport;
    if (polling.writable) polling.writeNoop();
    polling.close(true);
    this.transport = probe;
    this.emit("upgrade", "websocket");
    this.flush();
  }
}
