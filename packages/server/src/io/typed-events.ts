/**
 * The typed emitter base class shared by Server, Namespace and Socket: `on`/`once`/`off` typed
 * by a listen map plus reserved events (the event-map types themselves are the shared
 * vocabulary in `@volley/protocol`).
 */
import { EventEmitter } from "node:events";
import type {
  EventNames,
  EventParams,
  EventsMap,
  ReservedOrUserEventNames,
  ReservedOrUserListener,
} from "@volley/protocol";

type RawListener = (...args: unknown[]) => void;

/**
 * An event emitter whose `on`/`once`/`off` are typed by a listen map plus reserved events.
 * It wraps a Node EventEmitter instead of extending it, so subclasses are free to give `emit`
 * their own meaning (usually: send to the other side).
 */
export abstract class TypedEmitter<
  ListenEvents extends EventsMap,
  ReservedEvents extends EventsMap,
> {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Adds a listener. */
  on<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    this.emitter.on(ev, listener as RawListener);
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
    this.emitter.once(ev, listener as RawListener);
    return this;
  }

  /** Adds a listener before the others (Node's `prependListener`). */
  prependListener<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    this.emitter.prependListener(ev, listener as RawListener);
    return this;
  }

  /** Removes a listener. */
  off<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
    listener: ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>,
  ): this {
    this.emitter.off(ev, listener as RawListener);
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
    if (ev === undefined) this.emitter.removeAllListeners();
    else this.emitter.removeAllListeners(ev);
    return this;
  }

  /** The listeners of `ev`. */
  listeners<Ev extends ReservedOrUserEventNames<ReservedEvents, ListenEvents>>(
    ev: Ev,
  ): ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>[] {
    return this.emitter.listeners(ev) as ReservedOrUserListener<ReservedEvents, ListenEvents, Ev>[];
  }

  /** Number of listeners of `ev`. */
  listenerCount(ev: ReservedOrUserEventNames<ReservedEvents, ListenEvents>): number {
    return this.emitter.listenerCount(ev);
  }

  /** Names of the events that have listeners. */
  eventNames(): (string | symbol)[] {
    return this.emitter.eventNames();
  }

  /** @internal listeners as stored (once-wrappers included), for guarded dispatch */
  rawListeners(ev: string): RawListener[] {
    return this.emitter.rawListeners(ev) as RawListener[];
  }

  /** Emits a reserved event locally (never on the wire). */
  protected emitReserved<Ev extends EventNames<ReservedEvents>>(
    ev: Ev,
    ...args: EventParams<ReservedEvents, Ev>
  ): boolean {
    return this.emitter.emit(ev, ...args);
  }
}
