/**
 * The one interface between the Engine.IO session and its transports, rich enough that the
 * session never asks which transport it holds: open, send a batch, close; whether a batch is
 * one HTTP body bounded by maxPayload; whether it can be an upgrade target and how it is
 * probed; how it pauses (and resumes) while the session upgrades away from it; and its errors,
 * which it describes itself (`TransportError` with a code). Adding a transport is a file that
 * extends this class plus one line in `registry.ts`.
 */
import type { EnginePacket } from "@volley/protocol";
import { Emitter } from "../../emitter.js";
import { ConnectionErrorCode, errorTexts, TransportError } from "../../errors.js";
import type { Log } from "../../logger.js";
import type { TransportName } from "../../transport-names.js";

export interface TransportEvents {
  open: () => void;
  packet: (packet: EnginePacket) => void;
  drain: () => void;
  /** The server or the network closed the transport (with what is known of why). */
  close: (details?: CloseDetails) => void;
  error: (error: TransportError) => void;
}

/**
 * Why a transport closed, in socket.io-client's shape: the second argument of `disconnect`
 * for "transport close" (`{ description: "websocket connection closed", context: closeEvent }`,
 * `{ description: "transport closed by the server" }`, …).
 */
export interface CloseDetails {
  description: string;
  context?: unknown;
}

/** A message packet queued for sending; `compress: false` from `socket.compress(false)`. */
export interface OutgoingPacket extends EnginePacket {
  compress?: false;
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
  /** Node: do not keep the process alive for this connection (WebSocket socket unref'ed). */
  autoUnref?: boolean | undefined;
  log?: Log | undefined;
}

export type TransportState = "idle" | "opening" | "open" | "pausing" | "paused" | "closed";

/** A transport class, as the registry holds it. */
export type TransportClass = new (options: TransportOptions) => Transport;

export abstract class Transport extends Emitter<TransportEvents> {
  abstract readonly name: TransportName;
  /** Whether a session may upgrade to this transport when the server offers it. */
  readonly upgradeTarget: boolean = true;
  /** Whether one `send` is one HTTP body, which must stay under the handshake's maxPayload. */
  readonly boundedByMaxPayload: boolean = false;
  readyState: TransportState = "idle";
  /** Whether `send` may be called now (one batch in flight at a time). */
  writable = false;
  /**
   * The Engine.IO session id. Set before `open()` when the transport joins an open session
   * (an upgrade probe), unset when it opens a new session (a handshake).
   */
  sid: string | undefined;

  constructor(protected readonly options: TransportOptions) {
    super();
  }

  abstract open(): void;
  abstract send(packets: EnginePacket[]): void;
  /** Closes the transport, telling the server when it can; no `close` event follows. */
  abstract close(): void;

  /**
   * Checks, once open as an upgrade candidate, that the server routes this transport to the
   * session: `2probe` must come back as `3probe`. `done(error)` says how it went.
   */
  probe(done: (error?: TransportError) => void): void {
    this.once("packet", (packet) => {
      if (packet.type === "pong" && packet.data === "probe") done();
      else
        done(
          new TransportError(
            "probe error",
            ConnectionErrorCode.PARSE_ERROR,
            errorTexts()?.probeAnswer(this.name, packet.type) ?? "",
            { transport: this.name },
          ),
        );
    });
    this.send([{ type: "ping", data: "probe" }]);
  }

  /**
   * Stops receiving once nothing is in flight, so the session can switch to an upgrade; calls
   * `onPause` then. A transport with nothing to wait for pauses at once.
   */
  pause(onPause: () => void): void {
    this.readyState = "paused";
    onPause();
  }

  /** Carries the session again after a `pause` whose upgrade failed. */
  resume(): void {
    if (this.readyState === "pausing" || this.readyState === "paused") this.readyState = "open";
  }

  /** Drops the transport after an upgrade, without telling the server (it knows). */
  discard(): void {
    this.close();
  }

  /** Builds the endpoint URL for `scheme` ("http" or "ws"). */
  protected url(scheme: "http" | "ws"): string {
    const { secure, host, path, query } = this.options;
    const params = new URLSearchParams({ ...query, EIO: "4", transport: this.name });
    if (this.sid) params.set("sid", this.sid);
    return `${scheme}${secure ? "s" : ""}://${host}${path}?${params}`;
  }

  protected fail(error: TransportError): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.writable = false;
    this.emitLocal("error", error);
  }

  protected closedByPeer(details: CloseDetails): void {
    if (this.readyState === "closed") return;
    this.readyState = "closed";
    this.writable = false;
    this.emitLocal("close", details);
  }
}
