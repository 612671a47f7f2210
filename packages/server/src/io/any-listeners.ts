/**
 * Catch-all listeners (`onAny`, `prependAny`, `offAny`, `listenersAny` and the outgoing
 * variants): an ordered list that costs nothing while empty.
 */

/** A catch-all listener: `(event, ...args) => …`. */
export type AnyListener = (event: string, ...args: unknown[]) => void;

/** An ordered set of catch-all listeners. */
export class AnyListeners {
  private list: AnyListener[] | undefined;

  /** Appends a listener. */
  add(listener: AnyListener): void {
    this.list ??= [];
    this.list.push(listener);
  }

  /** Puts a listener first. */
  prepend(listener: AnyListener): void {
    this.list ??= [];
    this.list.unshift(listener);
  }

  /** Removes one listener, or all of them. */
  remove(listener?: AnyListener): void {
    if (!this.list || !listener) {
      this.list = undefined;
      return;
    }
    const index = this.list.indexOf(listener);
    if (index !== -1) this.list.splice(index, 1);
    if (this.list.length === 0) this.list = undefined;
  }

  /** A copy of the listeners, safe to iterate while they change; undefined when there are none. */
  snapshot(): AnyListener[] | undefined {
    return this.list?.slice();
  }

  /** The listeners (a copy). */
  all(): AnyListener[] {
    return this.list?.slice() ?? [];
  }
}
