/**
 * The seam between a session and its transports. A transport moves packets; the session owns
 * the state machine, the send queue and the heartbeat. Callbacks carry the transport so the
 * session can tell its current transport from a WebSocket still probing an upgrade.
 */

import type { EnginePacket } from "@volley/protocol";
import type { TransportName } from "../options.js";

/** A packet on its way out, with the per-message compression flag of `send()`. */
export interface OutboundPacket extends EnginePacket {
  compress?: boolean;
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
  /** The transport can take writes again (polling: a GET arrived; WebSocket: socket drained). */
  onWritable(transport: Transport): void;
}

/** A packet transport bound to one session. */
export interface Transport {
  readonly name: TransportName;
  /** Where events go; the session swaps it while a WebSocket probes an upgrade. */
  handler: TransportHandler;
  /** Whether `write` may be called now (polling: a GET is pending; WebSocket: open). */
  readonly writable: boolean;
  /** Bytes accepted but not yet on the network (WebSocket `bufferedAmount`; 0 for polling). */
  readonly bufferedBytes: number;
  /** Whether the last write hit backpressure (`onWritable` follows once it drains). */
  readonly needsDrain: boolean;
  /** Write packets, in order, as one batch. Only when `writable`. */
  write(packets: readonly OutboundPacket[]): void;
  /** Close the transport (`graceful`: let written data and a close handshake through). */
  close(graceful: boolean): void;
  /** Resolves once the underlying connection is gone. */
  whenClosed(): Promise<void>;
}
