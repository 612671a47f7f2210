/**
 * The catch-all listeners of a socket (`onAny` for incoming events, `onAnyOutgoing` for sent
 * ones): an ordered list, and a dispatch that isolates each listener, so one that throws stops
 * neither the others nor the socket; its error goes to `onError`.
 */

/** A listener of every event: `(event, ...args)`. */
export type AnyListener = (event: string, ...args: unknown[]) => void;

export class CatchAllListeners {
  #list: AnyListener[] = [];

  /** @param onError receives what a listener threw, with the event name */
  constructor(private readonly onError: (error: unknown, event: string) => void) {}

  add(listener: AnyListener, first = false): void {
    if (first) this.#list.unshift(listener);
    else this.#list.push(listener);
  }

  /** Removes one listener, or all of them. */
  remove(listener?: AnyListener): void {
    this.#list = listener ? this.#list.filter((l) => l !== listener) : [];
  }

  list(): AnyListener[] {
    return this.#list.slice();
  }

  get size(): number {
    return this.#list.length;
  }

  /** Calls every listener with `(event, ...args)`, each isolated from the others. */
  call(args: [string, ...unknown[]]): void {
    for (const listener of this.#list.slice()) {
      try {
        listener(...args);
      } catch (error) {
        this.onError(error, args[0]);
      }
    }
  }
}
