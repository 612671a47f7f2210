/**
 * The `limit_exceeded` server event: one per action the limits take, so metrics can count
 * them (`io.on("limit_exceeded", ({ limit, action }) => counter.inc({ limit, action }))`) and
 * apps can log or ban. Every action is also logged through the `volley:io` debug logger.
 */
import type { LimitName } from "./options.js";

/** What the server did past a limit: dropped (and answered) a packet, disconnected, refused. */
export type LimitOutcome = "drop" | "disconnect" | "refuse";

/** One action taken past a limit. `S` is the Socket type (absent for handshakes). */
export interface LimitExceeded<S = unknown> {
  /** The limit exceeded. */
  limit: LimitName;
  /** `drop`: the packet was dropped (its ack answered `rate_limited`); `disconnect`: the
   * client was disconnected; `refuse`: a handshake (429), a CONNECT or a join was refused. */
  action: LimitOutcome;
  /** When the client may try again, in ms (0: once earlier requests were answered). */
  retryAfterMs: number;
  /** The client address (the trusted proxy header's when `trustProxy` is set). */
  address: string;
  /** The socket concerned, when there is one. */
  socket?: S | undefined;
  /** The event name, for a refused event. */
  event?: string | undefined;
  /** The namespace, for a refused CONNECT. */
  namespace?: string | undefined;
}
