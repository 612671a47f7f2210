/**
 * Emits made while a socket is offline wait here and leave in order once it connects.
 * Volatile packets are never buffered: they are dropped when they cannot be sent at once.
 */

export class Outbox<T> {
  #items: T[] = [];

  /** Buffers `item` for the next connection. */
  push(item: T): void {
    this.#items.push(item);
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
