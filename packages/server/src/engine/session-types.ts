/**
 * The public types of an Engine.IO session: its states, its events, the options of `send()` and
 * the owner it calls directly.
 * Kept apart from session.ts so that the state machine reads on its own.
 */

import type { ScopedLog } from "../logger.js";
import type { EngineCloseReason } from "./close-reasons.js";
import type { HeartbeatSchedule } from "./heartbeat-schedule.js";
import type { EnginePacketEvent } from "./packet-events.js";
import type { Transport } from "./transports/transport.js";

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
  /** An upgrade probe succeeded and the client is switching to `transport` (as engine.io). */
  upgrading: [transport: Transport];
  /** The session now runs on `transport` (`transport.name`: `"websocket"`, …), as engine.io. */
  upgrade: [transport: Transport];
  /**
   * An upgrade to `transport` failed (timeout, error, bad packet, session closing), `reason`
   * says which; the session stays on its transport. Volley's (engine.io has no such event).
   */
  upgradeError: [transport: Transport, reason: string];
  /**
   * A packet arrived from the client on the session's transport, any type (`{ type, data }`,
   * binary data as a Buffer), before it is acted on — engine.io's `packet` event.
   */
  packet: [packet: EnginePacketEvent];
  /**
   * A packet was queued for the client (`{ type, options: { compress }, data? }`): the open
   * packet, pings and messages, a broadcast's shared message included — engine.io's
   * `packetCreate` event.
   */
  packetCreate: [packet: EnginePacketEvent];
  /** A batch of queued packets is about to be written to the transport (engine.io's `flush`). */
  flush: [packets: EnginePacketEvent[]];
  /**
   * The queue was written out without backpressure (polling: a GET was answered; WebSocket: the
   * batch went to the socket below its high-water mark, or the socket drained later).
   */
  drain: [];
  /** A pong arrived in time. */
  heartbeat: [];
}

/**
 * The one consumer of a session that is told first about its messages and its close, by a
 * direct call: the io layer's Client. A listener pair per session would cost two closures and
 * the listener arrays of every idle connection; other consumers use the events.
 */
export interface SessionOwner {
  /** A message packet arrived (before the `message` event). */
  onSessionMessage(data: string | Buffer): void;
  /** The session closed (after the engine forgot it, before the `close` event). */
  onSessionClose(reason: EngineCloseReason, description: string | undefined): void;
}

/** The per-session settings the server passes in; `S` is the session (EngineSession). */
export interface SessionSettingsOf<S> {
  pingInterval: number;
  pingTimeout: number;
  upgradeTimeout: number;
  maxPayload: number;
  maxBufferedBytes: number;
  volatileBufferedBytes: number;
  /** Transports offered in the handshake (`[]` on WebSocket or with upgrades disabled). */
  upgrades: string[];
  /** The engine's log function; absent or `undefined` when logging is off. */
  log?: ScopedLog | undefined;
  /** The engine's registry hook, called first when a session closes (shared by all of them). */
  closed?: ((session: S) => void) | undefined;
  /** The engine's heartbeat deadlines, shared by its sessions (absent: the session's own). */
  heartbeats?: HeartbeatSchedule | undefined;
}
