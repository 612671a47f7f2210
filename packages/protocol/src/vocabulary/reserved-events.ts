/**
 * Event names that mean something to Socket.IO itself, so neither side may emit them as user
 * events. One list, imported by the server's Socket and BroadcastOperator and by the client's
 * Socket, so the two sides can never disagree.
 */
import { RESERVED_EVENTS } from "../socket/packet-types.js";
import { VolleyError } from "./errors.js";

/**
 * Names no `emit` may use: lifecycle events and the emitter's own. The codec's own set (the
 * decoder refuses the same names from the wire), not a copy: one list in every bundle.
 */
export const RESERVED_EMIT_EVENTS: ReadonlySet<string> = RESERVED_EVENTS;

/**
 * Throws a `VolleyError` with code `RESERVED_EVENT` when `event` may not be emitted.
 * @example assertEmittable("chat"); // ok
 */
export function assertEmittable(event: string): void {
  if (RESERVED_EMIT_EVENTS.has(event)) {
    throw new VolleyError("RESERVED_EVENT", `"${event}" is a reserved event name`);
  }
}
