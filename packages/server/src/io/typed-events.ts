/**
 * The typed emitter base class shared by Server, Namespace and Socket: `on`/`once`/`off` typed
 * by a listen map plus reserved events (the event-map types themselves are the shared
 * vocabulary in `@volley/protocol`).
 */
import type {
  EventNames,
  EventParams,
  EventsMap,
  ReservedOrUserEventNames,
  ReservedOrUserListener,
} from "@volley/protocol";
import {
  addListener,
  type Entry,
  entryList,
  entryOf,
  eventNamesOf,
  type ListenerTable,
  removeEvent,
  removeListener,
  type StoredListener,
} from "./listener-table.js";

type RawListener = (...args: unknown[]) => void;

/**
 * An event emitter whose `on`/`once`/`off` are typed by a listen map plus reserved events.
 * It keeps its listeners in a ListenerTable (listener-table.ts) instead of extending a Node
 * EventEmitter, so subclasses are free to give `emit` their own meaning (usually: send to the
 * other side), and a Socket carries no emitter object of its own. Semantics follow
 * EventEmitter: listeners run in registration order, a listener added or removed during a
 * dispatch takes effect from the next one, `off` removes the most recent registration.
 */
export abstract class TypedEmitter<
  ListenEvents extends EventsMap,
  ReservedEvents extends EventsMap,
> {
  private listenerTable: ListenerTable = undefined;

  /** Adds a listener. */
  on<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    this.listenerTable = addListener(this.listenerTable, ev, listener as StoredListener);
    return this;
  }

  /** Alias of on. */
  addListener<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    return this.on(ev, listener);
  }

  /** Adds a listener called at most once. */
  once<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    const fn = listener as unknown as (...args: unknown[]) => unknown;
    const wrapper: StoredListener = (...args: unknown[]) => {
      this.listenerTable = removeListener(this.listenerTable, ev, wrapper);
      return fn.apply(this, args);
    };
    wrapper.listener = listener;
    this.listenerTable = addListener(this.listenerTable, ev, wrapper);
    return this;
  }

  /** Adds a listener before the others (Node's `prependListener`). */
  prependListener<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    this.listenerTable = addListener(this.listenerTable, ev, listener as StoredListener, true);
    return this;
  }

  /** Removes a listener. */
  off<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    this.listenerTable = removeListener(this.listenerTable, ev, listener);
    return this;
  }

  /** Alias of off. */
  removeListener<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    return this.off(ev, listener);
  }

  /** Removes every listener of `ev` (of every event without argument). */
  removeAllListeners(ev?: ReservedOrUserEventNames<ReservedEvents, ListenEvents>): this {
    if (ev === undefined) this.listenerTable = undefined;
    else this.listenerTable = removeEvent(this.listenerTable, ev);
    return this;
  }

  /** The listeners of `ev`. */
  listeners<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
  ): ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>[] {
    return entryList(entryOf(this.listenerTable, ev)).map(
      (stored) =>
        (stored.listener ?? stored) as ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
    );
  }

  /** Number of listeners of `ev`. */
  listenerCount(ev: ReservedOrUserEventNames<ReservedEvents, ListenEvents>): number {
    const entry = entryOf(this.listenerTable, ev);
    return entry === undefined ? 0 : typeof entry === "function" ? 1 : entry.length;
  }

  /** Names of the events that have listeners. */
  eventNames(): (string | symbol)[] {
    return eventNamesOf(this.listenerTable);
  }

  /** @internal listeners as stored (once-wrappers included), a copy, for guarded dispatch */
  rawListeners(ev: string): RawListener[] {
    return entryList(entryOf(this.listenerTable, ev)) as RawListener[];
  }

  /**
   * @internal the listeners of `ev` as stored, without a copy (hot dispatch): one function or
   * a frozen array, which later registrations replace rather than change
   */
  protected listenerEntry(ev: string): Entry | undefined {
    return entryOf(this.listenerTable, ev);
  }

  /** Emits a reserved event locally (never on the wire); an unheard "error" throws. */
  protected emitReserved<Ev extends EventNames<ReservedEvents>>(
    ev: Ev,
    ...args: EventParams<ReservedEvents, Ev>
  ): boolean {
    const listeners = this.rawListeners(ev as string);
    if (listeners.length === 0) {
      if (ev === "error") throw args[0];
      return false;
    }
    for (const listener of listeners) listener.apply(this, args);
    return true;
  }
}
