/**
 * The limits a Socket enforces on what the server side does with it (the client's own traffic
 * is limited per connection, in client-limiter.ts): rooms per socket, and server emits waiting
 * for the client's acknowledgement. Kept here so socket.ts only calls them.
 */
import type { IncomingMessage } from "node:http";
import { PendingAcksLimitError } from "@volley/protocol";
import { clientAddress } from "../../engine/index.js";
import type { Room } from "../adapter-types.js";
import type { reportLimit } from "../links.js";
import type { LimitExceeded } from "./limit-exceeded.js";

/** Where a socket reports an action taken past a limit (the Server). */
export interface LimitReporter {
  readonly opts: { readonly limits: { readonly trustProxy: string | false } | undefined };
  [reportLimit](info: LimitExceeded<unknown>): void;
}

/** The socket as the reports see it. */
interface LimitedSocket {
  readonly client: { readonly request: IncomingMessage };
}

function addressOf(reporter: LimitReporter, socket: LimitedSocket): string {
  return clientAddress(socket.client.request, reporter.opts.limits?.trustProxy ?? false);
}

/**
 * Whether a socket in `current` rooms would be in more than `max` after joining `wanted`; if
 * so the caller joins nothing, and the refusal is reported.
 */
export function refusesJoin(
  reporter: LimitReporter,
  key: typeof reportLimit,
  socket: LimitedSocket,
  current: ReadonlySet<Room> | undefined,
  wanted: ReadonlySet<Room>,
  max: number,
): boolean {
  let total = current?.size ?? 0;
  for (const room of wanted) if (!current?.has(room)) total++;
  if (total <= max) return false;
  reporter[key]({
    limit: "roomsPerSocket",
    action: "refuse",
    retryAfterMs: 0,
    address: addressOf(reporter, socket),
    socket,
  });
  return true;
}

/**
 * An emit asked for an ack past `limits.pendingAcks`: reported, and the error for its caller
 * (the socket hands it to an `(err, …)` callback, or throws it).
 */
export function pendingAcksError(
  reporter: LimitReporter,
  key: typeof reportLimit,
  socket: LimitedSocket,
  event: string,
  limit: number,
): PendingAcksLimitError {
  reporter[key]({
    limit: "pendingAcks",
    action: "drop",
    retryAfterMs: 0,
    address: addressOf(reporter, socket),
    socket,
    event,
  });
  return new PendingAcksLimitError(limit);
}
