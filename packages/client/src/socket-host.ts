/**
 * What a namespace Socket sees of its Manager: the session's events, its state, a way to send
 * a packet, and the app's error hook and logger. A narrow host instead of the Manager class,
 * so `socket.ts` and `manager.ts` do not import each other (the Manager implements it).
 */
import type { ReadonlySignal } from "@preact/signals-core";
import type { Packet } from "@volley/protocol";
import type { Emitter } from "./emitter.js";
import type { EngineCloseReason, EngineSession } from "./engine/session.js";
import type { Report } from "./error-reporter.js";
import type { Log } from "./logger.js";
import type { ManagerOptions, TransportName } from "./options.js";

/** The events of a Manager (`socket.io.on("reconnect", …)`). */
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

/** The Manager as its sockets use it (`socket.io`). */
export interface SocketHost extends Emitter<ManagerEvents> {
  /** The resolved options (defaults filled in). */
  readonly options: Readonly<ManagerOptions>;
  /** The current Engine.IO session, if any. */
  readonly engine: EngineSession | undefined;
  readonly readyState: "opening" | "open" | "closed";
  /** Whether a reconnection is scheduled or under way. */
  readonly reconnecting: boolean;
  /** The transport in use while open. */
  readonly transport: ReadonlySignal<TransportName | undefined>;
  /** The current reconnection attempt (0 when none is under way). */
  readonly reconnectAttempt: ReadonlySignal<number>;
  /** Reports what an app callback threw (the `onError` option, else like a DOM listener error). */
  readonly report: Report;
  /** The debug log, when one is on. */
  readonly log: Log | undefined;
  /** Opens the session; `callback` gets an error if the connection fails. */
  open(callback?: (error?: Error) => void): this;
  /** Closes the session without reconnecting. */
  close(): void;
  /**
   * Encodes one Socket.IO packet and sends it with its binary attachments (`compress: false`:
   * not deflated on a WebSocket).
   */
  packet(packet: Packet, compress?: boolean): void;
  /** Called by a socket that became inactive; closes the session when none is active. */
  destroySocket(socket: object): void;
}
