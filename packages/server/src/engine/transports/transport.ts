/**
 * The seam between the engine and its transports. A transport moves packets; the session owns
 * the state machine, the send queue and the heartbeat; the server routes requests. Neither asks
 * a transport's name: what differs between transports is said here, as capabilities (how a
 * client opens it, whether it can open a session, which transports it can take a session over
 * from) and hooks (what it does when an upgrade away from it starts, is abandoned or is done).
 * Adding a transport is one file that exports a {@link TransportDefinition} plus one line in
 * `transports/index.ts`.
 */

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { EnginePacket } from "@volley/protocol";
import type { ScopedLog } from "../../logger.js";
import type { PollingCompression } from "./http-compression.js";

/** A packet on its way out, with the per-message compression flag of `send()`. */
export interface OutboundPacket extends EnginePacket {
  compress?: boolean | undefined;
}

/** Receives what a transport reads or suffers. Implemented by the session. */
export interface TransportHandler {
  /** A decoded packet arrived. */
  onPacket(transport: Transport, packet: EnginePacket): void;
  /** Input did not decode. */
  onParseError(transport: Transport, description: string): void;
  /** The transport failed or the client broke the transport's rules. */
  onTransportError(transport: Transport, description: string): void;
  /** The client closed the transport. */
  onTransportClose(transport: Transport): void;
  /** The transport can take writes again (polling: a GET arrived; streams: drained or opened). */
  onWritable(transport: Transport): void;
}

/** A packet transport bound to one session (or to an upgrade probe of one). */
export interface Transport {
  /** The registered name (`polling`, `websocket`, `sse`), for logs and the `upgrade` event. */
  readonly name: string;
  /** Where events go; the session takes it over when it adopts the transport. */
  handler: TransportHandler;
  /** Whether `write` may be called now (polling: a GET is pending; streams: open, not paused). */
  readonly writable: boolean;
  /** Bytes accepted but not yet on the network (WebSocket `bufferedAmount`; 0 for polling). */
  readonly bufferedBytes: number;
  /** Whether the last write hit backpressure (`onWritable` follows once it drains). */
  readonly needsDrain: boolean;
  /**
   * The client pulls packets request by request (long-polling): "not writable" then means "until
   * the client's next request", so a polite close waits for it. False for streams, where not
   * writable means gone.
   */
  readonly pulled: boolean;
  /** Write packets, in order, as one batch. Only when `writable`. The array is reused after the call: do not keep it. */
  write(packets: readonly OutboundPacket[]): void;
  /**
   * Answer what the client is waiting on with a noop, so it is not left hanging once it stops
   * reading this transport (it sent a close packet, or it is switching to another transport).
   * Polling answers its pending GET with `6`; streams have nothing pending and do nothing.
   */
  release(): void;
  /**
   * An upgrade away from this transport was probed successfully (queued packets were flushed
   * first): stop delivering so that nothing is in flight when the client switches. Polling
   * releases its pending GET (later GETs are answered at once by the session); a stream holds
   * further writes until `resume()`.
   */
  pause(): void;
  /** The upgrade was abandoned: deliver again (the session flushes what it queued meanwhile). */
  resume(): void;
  /**
   * Close the transport (`graceful`: let written data and a close handshake through). `reason`
   * (a send buffer overflow) is told to the client where the transport can carry one: a
   * WebSocket close frame with code 1013 "Try Again Later" and the reason, sent even when not
   * graceful, and the connection dropped if the client does not read it.
   */
  close(graceful: boolean, reason?: string): void;
  /** Resolves once the underlying connection is gone. */
  whenClosed(): Promise<void>;
  /**
   * Take a plain HTTP request of this session (polling GET/POST, SSE stream/POST). Present on
   * transports opened by requests; CORS headers are already set on `res`.
   */
  handleRequest?(req: IncomingMessage, res: ServerResponse): void;
}

/** WebSocket permessage-deflate settings, handed to `ws` as they are. */
export interface PerMessageDeflateOptions {
  serverNoContextTakeover?: boolean;
  clientNoContextTakeover?: boolean;
  serverMaxWindowBits?: number;
  clientMaxWindowBits?: number;
  zlibDeflateOptions?: Record<string, unknown>;
  zlibInflateOptions?: Record<string, unknown>;
  /** Messages smaller than this many bytes are not compressed. */
  threshold?: number;
  concurrencyLimit?: number;
}

/** The engine options transports are built with (a subset of the resolved engine options). */
export interface TransportSettings {
  /** Largest HTTP body or WebSocket message, in bytes. */
  readonly maxHttpBufferSize: number;
  /** Most packets accepted in one HTTP body. */
  readonly maxPacketsPerPayload: number;
  /** WebSocket permessage-deflate. */
  readonly perMessageDeflate: boolean | PerMessageDeflateOptions;
  /** Compression of long-polling answers, undefined when off. */
  readonly httpCompression: PollingCompression | undefined;
  /** The engine's log function, `undefined` when logging is off. */
  readonly log: ScopedLog | undefined;
}

/** A transport a client opens with a plain HTTP request (polling, SSE). */
export interface RequestTransportFactory {
  readonly opensWith: "request";
  /** A new transport; the server hands it the request with `handleRequest` once it is adopted. */
  create(): Transport;
  /** Release what the factory holds (engine closing). */
  close?(): void;
}

/** A transport a client opens with an HTTP upgrade (WebSocket). */
export interface UpgradeTransportFactory {
  readonly opensWith: "upgrade";
  /**
   * Complete the upgrade of `socket` and call `done` with the new transport (never when the
   * upgrade fails; the socket is then destroyed). `headers`: extra headers for the `101`
   * answer (the session cookie, what middlewares and `headers` listeners set).
   */
  accept(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    headers: OutgoingHttpHeaders | undefined,
    done: (transport: Transport) => void,
  ): void;
  /** Release what the factory holds (engine closing). */
  close?(): void;
}

/** What an engine server uses to open transports of one kind. */
export type TransportFactory = RequestTransportFactory | UpgradeTransportFactory;

/** One registered transport: what it can do, and how an engine builds it. */
export interface TransportDefinition<Name extends string = string> {
  /** The `transport` query value. */
  readonly name: Name;
  /** Whether a session may open on it (a request without `sid`). */
  readonly handshake: boolean;
  /**
   * Transports a session may upgrade from to this one (with a probe: `2probe`, `3probe`, `5`).
   * The handshake's `upgrades` lists, in registration order, the allowed transports whose
   * `upgradesFrom` holds the session's transport.
   */
  readonly upgradesFrom: readonly string[];
  /** Called once by each engine that allows this transport. */
  setup(settings: TransportSettings): TransportFactory;
}

function ignore(): void {}

/** The handler of a transport nobody adopted yet (the session sets its own on adoption). */
export const DETACHED: TransportHandler = {
  onPacket: ignore,
  onParseError: ignore,
  onTransportError: ignore,
  onTransportClose: ignore,
  onWritable: ignore,
};
