/**
 * The catch-all half of a Socket's emitter: `onAny`, `prependAny`, `offAny`, `listenersAny` and
 * their outgoing twins. Kept apart from Socket because it is one concern of its own; the lists
 * are created on first use, so an idle socket pays nothing for them.
 */

import type { EventsMap } from "@volley/protocol";
import { type AnyListener, AnyListeners } from "./any-listeners.js";
import { TypedEmitter } from "./typed-events.js";

/** A typed emitter with incoming and outgoing catch-all listeners. */
export abstract class CatchAllEmitter<
  ListenEvents extends EventsMap,
  ReservedEvents extends EventsMap,
> extends TypedEmitter<ListenEvents, ReservedEvents> {
  protected anyIncoming: AnyListeners | undefined;
  protected anyOutgoing: AnyListeners | undefined;

  /** Listens to every incoming event. */
  onAny(listener: AnyListener): this {
    this.anyIncoming ??= new AnyListeners();
    this.anyIncoming.add(listener);
    return this;
  }

  /** Listens to every incoming event, before the other catch-all listeners. */
  prependAny(listener: AnyListener): this {
    this.anyIncoming ??= new AnyListeners();
    this.anyIncoming.prepend(listener);
    return this;
  }

  /** Removes one catch-all listener, or all of them. */
  offAny(listener?: AnyListener): this {
    this.anyIncoming?.remove(listener);
    return this;
  }

  /** The catch-all listeners. */
  listenersAny(): AnyListener[] {
    return this.anyIncoming?.all() ?? [];
  }

  /** Listens to every outgoing event. */
  onAnyOutgoing(listener: AnyListener): this {
    this.anyOutgoing ??= new AnyListeners();
    this.anyOutgoing.add(listener);
    return this;
  }

  /** Listens to every outgoing event, before the other outgoing catch-all listeners. */
  prependAnyOutgoing(listener: AnyListener): this {
    this.anyOutgoing ??= new AnyListeners();
    this.anyOutgoing.prepend(listener);
    return this;
  }

  /** Removes one outgoing catch-all listener, or all of them. */
  offAnyOutgoing(listener?: AnyListener): this {
    this.anyOutgoing?.remove(listener);
    return this;
  }

  /** The outgoing catch-all listeners. */
  listenersAnyOutgoing(): AnyListener[] {
    return this.anyOutgoing?.all() ?? [];
  }
}
