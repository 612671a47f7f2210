/**
 * A tiny typed event emitter that runs in browsers and Node (no `node:events`). Listeners are
 * copied before dispatch so a listener may remove itself or others while an event is emitted.
 * A listener that throws (or rejects) never stops the others nor the code that emitted: its
 * error goes to `onListenerError` (the app's error hook, or reported like a DOM listener's).
 */
import { reportErrorAsync } from "@volley/protocol";

// biome-ignore lint/suspicious/noExplicitAny: listener parameters are checked by the event map
export type Listener = (...args: any[]) => void;
/** Event name → listener signature (`any` so that interfaces qualify as maps). */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type ListenerMap = { [event: string]: any };
/** The parameters of a listener type. */
export type ListenerParams<L> = L extends (...args: infer A) => unknown ? A : never;

/** Type-only key that carries the event map, so helpers can infer it from an emitter. */
declare const eventMap: unique symbol;

export class Emitter<Events extends ListenerMap> {
  /** Never set at runtime: lets `eventSignal(source, …)` infer the event map of `source`. */
  declare readonly [eventMap]?: Events;
  #listeners = new Map<keyof Events, Listener[]>();

  /** Adds a listener for `event`. */
  on<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    const list = this.#listeners.get(event);
    if (list) list.push(listener);
    else this.#listeners.set(event, [listener]);
    return this;
  }

  /** Adds a listener called at most once. */
  once<E extends keyof Events & string>(event: E, listener: Events[E]): this {
    const wrapper = (...args: unknown[]) => {
      this.off(event, wrapper as Events[E]);
      listener(...args);
    };
    (wrapper as { fn?: Listener }).fn = listener;
    return this.on(event, wrapper as Events[E]);
  }

  /** Removes one listener, every listener of `event`, or every listener. */
  off<E extends keyof Events & string>(event?: E, listener?: Events[E]): this {
    if (event === undefined) {
      this.#listeners.clear();
      return this;
    }
    if (!listener) {
      this.#listeners.delete(event);
      return this;
    }
    const list = this.#listeners.get(event);
    if (!list) return this;
    const i = list.findIndex((l) => l === listener || (l as { fn?: Listener }).fn === listener);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.#listeners.delete(event);
    return this;
  }

  /** The listeners of `event`, in call order. */
  listeners<E extends keyof Events & string>(event: E): Events[E][] {
    return (this.#listeners.get(event)?.slice() ?? []) as Events[E][];
  }

  /** Whether `event` has at least one listener. */
  hasListeners(event: keyof Events & string): boolean {
    return (this.#listeners.get(event)?.length ?? 0) > 0;
  }

  /** Calls the listeners of `event` locally. Named so subclasses can reuse `emit` for sending. */
  protected emitLocal<E extends keyof Events & string>(
    event: E,
    ...args: ListenerParams<Events[E]>
  ): void {
    const list = this.#listeners.get(event);
    if (!list) return;
    for (const listener of list.slice()) {
      try {
        const result: unknown = listener(...args);
        if (result instanceof Promise) result.catch((error) => this.onListenerError(error, event));
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  /** Where a listener's error goes; the Manager, its sockets and session use the app's hook. */
  protected onListenerError(error: unknown, _event: string): void {
    reportErrorAsync(error);
  }
}
