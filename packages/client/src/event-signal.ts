/**
 * Turns an event stream into a signal: the latest value of an event, or a fold of all of them.
 * `dispose()` removes the listener.
 */
import { type ReadonlySignal, signal } from "@preact/signals-core";
import type { DefaultEventsMap, EventNames, EventParams, EventsMap } from "@volley/protocol";
import type { Emitter, Listener } from "./emitter.js";

/** A read-only signal fed by an event; call `dispose()` to stop listening. */
export interface EventSignal<T> extends ReadonlySignal<T> {
  dispose(): void;
}

/** Anything that emits the events of `M`: a `Socket`, a `Manager`, any `Emitter`. */
export type EventSource<M extends EventsMap> = Emitter<M>;

/**
 * A signal holding the latest first argument of `event`, or, with a `reducer`, the fold of
 * every occurrence.
 *
 * @example
 * const lastMessage = eventSignal(socket, "chat:message", undefined);
 * const messages = eventSignal(socket, "chat:message", [] as Message[], (list, m) => [...list, m]);
 * effect(() => render(messages.value));
 * messages.dispose();
 */
export function eventSignal<M extends EventsMap, E extends EventNames<M>>(
  source: EventSource<M>,
  event: E,
  initial: EventParams<M, E>[0],
): EventSignal<EventParams<M, E>[0]>;
export function eventSignal<M extends EventsMap, E extends EventNames<M>, T>(
  source: EventSource<M>,
  event: E,
  initial: T,
  reducer: (state: T, ...args: EventParams<M, E>) => T,
): EventSignal<T>;
export function eventSignal<T>(
  source: EventSource<DefaultEventsMap>,
  event: string,
  initial: T,
  reducer?: (state: T, ...args: unknown[]) => T,
): EventSignal<T> {
  const state = signal(initial);
  const listener = (...args: unknown[]) => {
    state.value = reducer ? reducer(state.peek(), ...args) : (args[0] as T);
  };
  source.on(event, listener as Listener);
  return Object.assign(state, { dispose: () => void source.off(event, listener as Listener) });
}
