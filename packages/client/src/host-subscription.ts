/**
 * A socket's listeners on its Manager, added together and removed together: the socket is
 * "active" (it connects and reconnects) exactly while it holds the returned unsubscribe.
 */
import type { Emitter } from "./emitter.js";
import type { ManagerEvents } from "./socket-host.js";

/** Some of the Manager's events, each with its listener. */
export type ManagerHandlers = { [E in keyof ManagerEvents]?: ManagerEvents[E] };

/** Adds every handler to `host`; the returned function removes them all. */
export function subscribe(host: Emitter<ManagerEvents>, handlers: ManagerHandlers): () => void {
  const entries = Object.entries(handlers) as [keyof ManagerEvents, ManagerEvents[never]][];
  for (const [event, listener] of entries) host.on(event, listener);
  return () => {
    for (const [event, listener] of entries) host.off(event, listener);
  };
}
