/**
 * Emits made while a socket is offline wait here and leave in order once it connects, up to a
 * limit (`maxSendBuffer`): past it the newest is refused, so what was accepted keeps its order
 * and an app hears about the refusal at the emit that caused it. Volatile packets are never
 * buffered: they are dropped when they cannot be sent at once.
 */

export class Outbox<T> {
  #items: T[] = [];

  constructor(readonly limit = Number.POSITIVE_INFINITY) {}

  /** Whether `push` would refuse an item now. */
  get full(): boolean {
    return this.#items.length >= this.limit;
  }

  /** Buffers `item` for the next connection; false (nothing buffered) when full. */
  push(item: T): boolean {
    if (this.#items.length >= this.limit) return false;
    this.#items.push(item);
    return true;
  }

  /** The buffered items, oldest first: the live array (socket.io-client's `sendBuffer`). */
  get items(): T[] {
    return this.#items;
  }

  set items(items: T[]) {
    this.#items = items;
  }

  /** Removes the first buffered item matching `predicate` (an emit whose ack timed out). */
  remove(predicate: (item: T) => boolean): boolean {
    const i = this.#items.findIndex(predicate);
    if (i === -1) return false;
    this.#items.splice(i, 1);
    return true;
  }

  /** Whether some buffered item matches `predicate`. */
  some(predicate: (item: T) => boolean): boolean {
    return this.#items.some(predicate);
  }

  /** Takes every buffered item, oldest first, leaving the outbox empty. */
  drain(): T[] {
    const items = this.#items;
    this.#items = [];
    return items;
  }

  clear(): void {
    this.#items = [];
  }

  get size(): number {
    return this.#items.length;
  }
}
