/**
 * The catch-all half of a socket's API, as socket.io-client has it: `onAny` / `prependAny` /
 * `offAny` / `listenersAny` for incoming events and the `…Outgoing` ones for sent events. A
 * base class so `socket.ts` keeps to connecting, emitting and receiving; the socket calls
 * `anyIncoming` / `anyOutgoing` when it delivers or sends an event.
 */
import { type AnyListener, CatchAllListeners } from "./catch-all.js";
import { Emitter, type ListenerMap } from "./emitter.js";

export class CatchAllEmitter<Events extends ListenerMap> extends Emitter<Events> {
  /** Listeners of every incoming event; what they throw goes to `onListenerError`. */
  protected readonly anyIncoming = new CatchAllListeners((e, event) =>
    this.onListenerError(e, event),
  );
  /** Listeners of every sent event. */
  protected readonly anyOutgoing = new CatchAllListeners((e, event) =>
    this.onListenerError(e, event),
  );

  /** Listens to every incoming event: `(event, ...args)`. */
  onAny(listener: AnyListener): this {
    this.anyIncoming.add(listener);
    return this;
  }

  /** Like `onAny`, called before the others. */
  prependAny(listener: AnyListener): this {
    this.anyIncoming.add(listener, true);
    return this;
  }

  /** Removes one catch-all listener, or all of them. */
  offAny(listener?: AnyListener): this {
    this.anyIncoming.remove(listener);
    return this;
  }

  listenersAny(): AnyListener[] {
    return this.anyIncoming.list();
  }

  /** Listens to every outgoing event, as it is sent. */
  onAnyOutgoing(listener: AnyListener): this {
    this.anyOutgoing.add(listener);
    return this;
  }

  prependAnyOutgoing(listener: AnyListener): this {
    this.anyOutgoing.add(listener, true);
    return this;
  }

  offAnyOutgoing(listener?: AnyListener): this {
    this.anyOutgoing.remove(listener);
    return this;
  }

  listenersAnyOutgoing(): AnyListener[] {
    return this.anyOutgoing.list();
  }
}
