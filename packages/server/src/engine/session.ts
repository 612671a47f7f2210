/**
 * One Engine.IO session: the state machine (`opening` → `open` → `closing` → `closed`), the send
 * queue with its soft (volatile) and hard (`maxBufferedBytes`) bounds, the heartbeat, and the
 * upgrade from one transport to another (polling → WebSocket or SSE, SSE → WebSocket).
 * Transports only move packets; every decision is made here, through the `Transport`
 * interface (transports/transport.ts): the session never asks which transport it runs on.
 *
 * Ordering across an upgrade: all outgoing packets pass through one FIFO queue that is written
 * to exactly one transport at a time. While the new transport probes, the queue keeps draining
 * into the current one; once the probe succeeds the current transport is paused (polling: its
 * GETs are answered at once, with a noop when the queue is empty, so the client can pause
 * polling; a stream stops writing); once the client sends `5`, the old transport is discarded
 * and whatever is still queued goes out on the new one, in order.
 */

import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type BinaryData, type EnginePacket, encodeHandshake } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import { EngineCloseReason } from "./close-reasons.js";
import { type Flushable, scheduleFlush } from "./flush-scheduler.js";
import type { HeartbeatTarget } from "./heartbeat.js";
import {
  beatDue,
  beatList,
  beatNext,
  beatPrev,
  HeartbeatSchedule,
  pingDue,
  pongDue,
  type ScheduledBeat,
} from "./heartbeat-schedule.js";
import {
  createdPacket,
  createdPackets,
  packetsWatched,
  receivedPacket,
  watchPacketListeners,
} from "./packet-events.js";
import { PreparedMessage } from "./prepared-message.js";
import { type HandshakeRequest, snapshotRequest } from "./request-snapshot.js";
import { overflows, type SendBound } from "./send-bound.js";
import { CLOSE, NOOP, PING, recycleQueue, takeQueue } from "./session-queue.js";
import type {
  EngineSessionEvents,
  EngineSessionState,
  SendOptions,
  SessionOwner,
  SessionSettingsOf,
} from "./session-types.js";
import { SessionUpgrade } from "./session-upgrade.js";
import { toBuffer } from "./to-buffer.js";
import type { TransportName } from "./transports/index.js";
import type { OutboundPacket, Transport, TransportHandler } from "./transports/transport.js";

export type {
  EngineSessionEvents,
  EngineSessionState,
  SendOptions,
  SessionOwner,
} from "./session-types.js";

/** The per-session settings the server passes in. */
export type SessionSettings = SessionSettingsOf<EngineSession>;

function closeWaitOver(session: EngineSession): void {
  session.finishClose();
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
  implements TransportHandler, HeartbeatTarget, ScheduledBeat, Flushable, SendBound
{
  /** The session id (`sid`). */
  readonly id: string;
  /**
   * What apps read from the request that opened the session (handshake GET or WebSocket
   * upgrade), copied when the session opened: see request-snapshot.ts for what is kept.
   */
  readonly request: HandshakeRequest;
  /** Current state. */
  readyState: EngineSessionState = "opening";
  /** Part of {@link Flushable}: set while a flush of this session is scheduled. */
  flushScheduled = false;
  /** Told first about messages and the close, see {@link SessionOwner}. */
  owner: SessionOwner | undefined = undefined;
  /** Whether a `packet`/`packetCreate`/`flush` listener was ever added (see packet-events.ts). */
  [packetsWatched] = false;

  private current: Transport;
  private readonly settings: SessionSettings;
  /** The engine's heartbeat deadlines; this session is its own node in them (ScheduledBeat). */
  private readonly heartbeats: HeartbeatSchedule;
  [beatDue] = 0;
  [beatList]: 0 | 1 | 2 = 0;
  [beatPrev]: ScheduledBeat | undefined = undefined;
  [beatNext]: ScheduledBeat | undefined = undefined;
  private queue: OutboundPacket[] = [];
  private queuedBytes = 0;
  /** Part of {@link SendBound}: extra room given to messages larger than the bound. */
  allowance = 0;
  /** Part of {@link SendBound}: how many such messages the allowance is for. */
  oversized = 0;
  /** The upgrade in progress, if any (session-upgrade.ts). */
  private upgrade: SessionUpgrade | undefined = undefined;
  private closeTimer: NodeJS.Timeout | undefined;
  private closeReason: EngineCloseReason = EngineCloseReason.FORCED_CLOSE;
  private closeDescription: string | undefined;
  /** A polite close waits for a poll of its own (see `close`). */
  private closeOnPoll = false;
  private readonly log: ScopedLog | undefined;

  constructor(
    id: string,
    request: IncomingMessage,
    transport: Transport,
    settings: SessionSettings,
  ) {
    this.id = id;
    this.request = snapshotRequest(request);
    this.current = transport;
    this.settings = settings;
    this.log = settings.log;
    transport.handler = this;
    this.heartbeats =
      settings.heartbeats ?? new HeartbeatSchedule(settings.pingInterval, settings.pingTimeout);
    this.heartbeats.schedulePing(this);
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
    this.log?.("session %s opened on %s", id, transport.name);
  }

  /**
   * The transport the session currently runs on, as engine.io's `socket.transport`
   * (`transport.name` is `"polling"`, `"websocket"` or `"sse"`). It changes on `upgrade`.
   */
  get transport(): Transport {
    return this.current;
  }

  /** The name of the transport the session currently runs on. */
  get transportName(): TransportName {
    return this.current.name as TransportName;
  }

  /** Whether another transport is probing an upgrade right now. */
  get upgrading(): boolean {
    return this.upgrade !== undefined;
  }

  /** The transport probing an upgrade, if any. */
  get probingTransportName(): TransportName | undefined {
    return this.upgrade?.probe.name as TransportName | undefined;
  }

  /** Unsent bytes: the queue plus what the transport holds (WebSocket `bufferedAmount`). */
  get bufferedBytes(): number {
    return this.queuedBytes + this.current.bufferedBytes;
  }

  /**
   * Send one message packet. Text stays text, binary is sent as binary (base64 `b` packet on
   * polling). Messages sent in one tick are written together when the current callback returns. Ignored unless
   * the session is open; volatile messages are dropped past the soft buffer bound; a backlog
   * past `maxBufferedBytes` closes the session with "send buffer overflow" (one message larger
   * than the bound is sent, see `overflows`). A {@link PreparedMessage}
   * (one broadcast to many sessions) is queued as is and carries its own compress flag.
   */
  send(data: string | BinaryData | PreparedMessage, options?: SendOptions): void {
    if (this.readyState !== "open") return;
    const buffered = this.queuedBytes + this.current.bufferedBytes;
    if (options?.volatile === true && buffered > this.settings.volatileBufferedBytes) return;
    const prepared = data instanceof PreparedMessage;
    const size = prepared ? data.size : typeof data === "string" ? data.length : data.byteLength;
    if (overflows(this, this.settings.maxBufferedBytes, buffered, size)) {
      this.log?.(
        "session %s: send buffer overflow (%d bytes unsent + %d > maxBufferedBytes %d)",
        this.id,
        buffered,
        size,
        this.settings.maxBufferedBytes,
      );
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
    this.heartbeats.remove(this);
    this.abortUpgrade("session closing");
    const polite =
      reason === EngineCloseReason.FORCED_CLOSE ||
      reason === EngineCloseReason.SERVER_SHUTTING_DOWN;
    if (polite) {
      if (this.current.writable) {
        this.queue.push(CLOSE);
        this.flush();
        return; // flush() finishes the close
      }
      if (this.current.pulled && reason === EngineCloseReason.FORCED_CLOSE) {
        // As engine.io frames it: the next poll gets what is queued, and the close packet
        // comes in a poll of its own after a noop ("6\x1e1"); official clients expect no other.
        this.closeOnPoll = true;
        this.closeTimer = setTimeout(closeWaitOver, this.settings.pingTimeout, this);
        return;
      }
    } else if (reason === EngineCloseReason.TRANSPORT_CLOSE) {
      this.current.release();
    }
    this.finishClose();
  }

  /**
   * Hand a plain HTTP request to the transport named `transportName`: the one the session runs
   * on, or the one probing an upgrade. Returns false (the request untouched) when neither has
   * that name or takes requests; the server then refuses it.
   */
  handleRequest(transportName: string, req: IncomingMessage, res: ServerResponse): boolean {
    const transport =
      this.current.name === transportName
        ? this.current
        : this.upgrade?.probe.name === transportName
          ? this.upgrade.probe
          : undefined;
    if (transport?.handleRequest === undefined) return false;
    transport.handleRequest(req, res);
    return true;
  }

  /** Resolves when the transport's connection is gone (for `EngineServer.close()`). */
  whenTransportClosed(): Promise<void> {
    return this.current.whenClosed();
  }

  /**
   * Adopt `probe`, a transport that wants to take this session over (the server checked that
   * its kind may upgrade from the current one). Refused (false) unless the session is open and
   * no other probe runs; the probe must then send `2probe` and `5` within `upgradeTimeout`.
   */
  attachProbe(probe: Transport): boolean {
    if (this.readyState !== "open" || this.upgrade) return false;
    probe.handler = this;
    this.upgrade = new SessionUpgrade(this, probe, this.settings.upgradeTimeout, this.log);
    return true;
  }

  /**
   * Drop the probing transport (timeout, error, bad packet or session closing) and let the
   * current transport deliver again. `why` is logged.
   */
  abortUpgrade(why: string): void {
    const upgrade = this.upgrade;
    if (!upgrade) return;
    this.upgrade = undefined;
    upgrade.abort(why);
  }

  /** @internal Part of UpgradeHost. */
  get hasQueued(): boolean {
    return this.queue.length > 0;
  }

  /** @internal Part of UpgradeHost: flushing resumes on the current transport. */
  resumeCurrent(): void {
    this.current.resume();
    if (this.queue.length > 0 && this.current.writable) scheduleFlush(this);
  }

  /** @internal Part of UpgradeHost: `probe` replaces the current transport. */
  adopt(probe: Transport): void {
    this.upgrade = undefined;
    const previous = this.current;
    previous.release();
    previous.close(true);
    this.current = probe;
  }

  /** Part of {@link Flushable}: write the queue to the transport; finishes a pending close. */
  flush(): void {
    if (this.readyState === "closed" || this.queue.length === 0) return;
    const transport = this.current;
    if (!transport.writable) return;
    const packets = this.queue;
    if (this[packetsWatched]) this.emit("flush", createdPackets(packets));
    this.queue = takeQueue();
    this.queuedBytes = 0;
    try {
      transport.write(packets);
    } catch (err) {
      recycleQueue(packets);
      this.closeOrFinish(
        EngineCloseReason.TRANSPORT_ERROR,
        err instanceof Error ? err.message : String(err),
      );
      return;
    }
    recycleQueue(packets);
    if (this.readyState === "closing") {
      if (!this.closeOnPoll) this.finishClose();
    } else if (!transport.needsDrain) this.emit("drain");
  }

  /** @internal Move to `closed`, release everything, emit `close` once. */
  finishClose(): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.heartbeats.remove(this);
    this.abortUpgrade("session closed");
    clearTimeout(this.closeTimer);
    const reason = this.closeReason;
    const graceful =
      reason !== EngineCloseReason.PING_TIMEOUT &&
      reason !== EngineCloseReason.SEND_BUFFER_OVERFLOW &&
      reason !== EngineCloseReason.TRANSPORT_ERROR;
    this.current.close(
      graceful,
      reason === EngineCloseReason.SEND_BUFFER_OVERFLOW ? reason : undefined,
    );
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.allowance = 0;
    this.oversized = 0;
    this.log?.(
      "session %s closed: %s%s",
      this.id,
      reason,
      this.closeDescription === undefined ? "" : ` (${this.closeDescription})`,
    );
    this.settings.closed?.(this);
    this.owner?.onSessionClose(reason, this.closeDescription);
    this.emit("close", reason, this.closeDescription);
  }

  // ---- ScheduledBeat and HeartbeatTarget (called by the engine's HeartbeatSchedule) ----

  /** Part of {@link ScheduledBeat}: wait for the pong, queue the ping. */
  [pingDue](): void {
    this.heartbeats.schedulePong(this);
    this.onPingDue();
  }

  /** Part of {@link ScheduledBeat}. */
  [pongDue](): void {
    this.onPingTimeout();
  }

  /** Part of {@link HeartbeatTarget}: queue a ping. */
  onPingDue(): void {
    if (this.readyState === "open") this.enqueue(PING);
  }

  /** Part of {@link HeartbeatTarget}: close with "ping timeout". */
  onPingTimeout(): void {
    this.close(EngineCloseReason.PING_TIMEOUT);
  }

  // ---- TransportHandler (called by this session's transports) ----

  /** Part of {@link TransportHandler}: apply the incoming packet rules. */
  onPacket(transport: Transport, packet: EnginePacket): void {
    if (transport === this.upgrade?.probe) {
      this.upgrade.onPacket(packet);
      return;
    }
    if (transport !== this.current || this.readyState !== "open") {
      // a client that answers our close with its own will not poll for the close packet
      if (this.closeOnPoll && transport === this.current && packet.type === "close") {
        this.finishClose();
      }
      return;
    }
    if (this[packetsWatched]) this.emit("packet", receivedPacket(packet));
    switch (packet.type) {
      case "pong":
        this.heartbeats.pongArrived(this);
        this.emit("heartbeat");
        break;
      case "message": {
        const raw = packet.data;
        const data = raw === undefined ? "" : typeof raw === "string" ? raw : toBuffer(raw);
        this.owner?.onSessionMessage(data);
        this.emit("message", data);
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

  /** Part of {@link TransportHandler}. */
  onParseError(transport: Transport, description: string): void {
    if (transport === this.upgrade?.probe) this.abortUpgrade(`parse error: ${description}`);
    else if (transport === this.current)
      this.closeOrFinish(EngineCloseReason.PARSE_ERROR, description);
  }

  /** Part of {@link TransportHandler}. */
  onTransportError(transport: Transport, description: string): void {
    if (transport === this.upgrade?.probe) this.abortUpgrade(`transport error: ${description}`);
    else if (transport === this.current)
      this.closeOrFinish(EngineCloseReason.TRANSPORT_ERROR, description);
  }

  /** Part of {@link TransportHandler}. */
  onTransportClose(transport: Transport): void {
    if (transport === this.upgrade?.probe) this.abortUpgrade("probe closed by the client");
    else if (transport === this.current) {
      this.closeOrFinish(EngineCloseReason.TRANSPORT_CLOSE, "transport closed by the client");
    }
  }

  /** Part of {@link TransportHandler}: flush, or release the client while it switches. */
  onWritable(transport: Transport): void {
    if (transport !== this.current) return;
    if (this.closeOnPoll && this.queue.length === 0) {
      this.closeOnPoll = false;
      this.queue.push(NOOP, CLOSE);
    }
    if (this.queue.length > 0) this.flush();
    else if (this.upgrade?.probed) transport.release();
    else if (!transport.pulled) this.emit("drain");
  }

  // ---- internals ----

  private enqueue(packet: OutboundPacket): void {
    if (this[packetsWatched]) this.emit("packetCreate", createdPacket(packet));
    this.queue.push(packet);
    if (this.current.writable) scheduleFlush(this);
  }

  private closeOrFinish(reason: EngineCloseReason, description: string): void {
    if (this.readyState === "closing") this.finishClose();
    else this.close(reason, description);
  }
}

/**
 * An EventEmitter whose constructor never runs. EventEmitter's methods create the listener
 * dictionary on the first `on()` when there is none (the pattern of `util.inherits` classes
 * that never call `EventEmitter.call(this)`), while its constructor would give every session
 * an empty dictionary-mode table (about 180 B) that most never use: the io Client is told
 * directly, as the session's owner. `instanceof EventEmitter` holds.
 */
export interface EngineSession extends EventEmitter<EngineSessionEvents> {}
Object.setPrototypeOf(EngineSession.prototype, EventEmitter.prototype);

watchPacketListeners(EngineSession);
