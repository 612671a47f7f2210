/**
 * What the Engine.IO session needs from a transport: open, send a batch of packets, close,
 * and report packets, drains, closes and errors. Polling and WebSocket implement it.
 */
import type { EnginePacket } from "@volley/protocol";
import { Emitter } from "../../emitter.js";
import type { TransportName } from "../../options.js";

/** An Error raised by a transport, with the underlying cause (an HTTP status, an event…). */
export class TransportError extends Error {
  readonly type = "TransportError";
  constructor(
    message: string,
    readonly description?: unknown,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export interface TransportEvents {
  open: () => void;
  packet: (packet: EnginePacket) => void;
  drain: () => void;
  /** The server or the network closed the transport. */
  close: (description?: unknown) => void;
  error: (error: TransportError) => void;
  /** Polling only: a GET request completed. */
  pollComplete: () => void;
}

/** Where and how to reach the Engine.IO endpoint. */
export interface TransportOptions {
  /** `true` for https/wss. */
  secure: boolean;
  /** `hostname[:port]`. */
  host: string;
  path: string;
  query: Record<string, string>;
  extraHeaders: Record<string, string>;
  withCredentials: boolean;
}

export type TransportState = "idle" | "opening" | "open" | "pausing" | "paused" | "closed";

export abstract class Transport extends Emitter<TransportEvents> {
  abstract readonly name: TransportName;
  readyState: TransportState = "idle";
  /** Whether `send` may be called now (one batch in flight at a time). */
  writable = false;
  /** The Engine.IO session id, once the handshake gave one. */
  sid: string | undefined;

  constructor(protected readonly options: TransportOptions) {
    super();
  }

  abstract open(): void;
  abstract send(packets: EnginePacket[]): void;
  /** Closes the transport; no `close` event follows. */
  abstract close(): void;

  /** Builds the endpoint URL for `scheme` ("http" or "ws"). */
  protected url(scheme: "http" | "ws", extra: Record<string, string> = {}): string {
    const { secure, host, path, query } = this.options;
    const params = new URLSearchParams({ ...query, EIO: "4", transport: this.name, ...extra });
    if (this.sid) params.set("sid", this.sid);
    return `${scheme}${secure ? "s" : ""}://${host}${path}?${params}`;
  }

  protected fail(message: string, description?: unknown): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.writable = false;
    this.emitLocal("error", new TransportError(message, description));
  }

  protected closedByPeer(description?: unknown): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.writable = false;
    this.emitLocal("close", description);
  }
}
