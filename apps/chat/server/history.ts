/**
 * Bounded in-memory message history for one room, and the id sequence that numbers messages.
 * A ring of the last N messages: appending is O(1), replay after a given id is a short scan.
 */
import type { ChatMessage } from "./events.js";

/**
 * Server-assigned message ids, strictly increasing. The sequence starts at `Date.now() * 1000`,
 * so ids keep increasing across a server restart (unless a process allocated more than 1,000
 * ids per millisecond of downtime) and clients can keep deduplicating by id.
 */
export class MessageIdSequence {
  #last: number;

  constructor(seed = Date.now() * 1000) {
    this.#last = seed;
  }

  next(): number {
    this.#last += 1;
    return this.#last;
  }
}

export class RoomHistory {
  readonly #capacity: number;
  readonly #ring: (ChatMessage | undefined)[];
  /** Index of the oldest message in the ring. */
  #start = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError("capacity must be >= 1");
    this.#capacity = capacity;
    this.#ring = new Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a message, dropping the oldest one when full. Ids must arrive in increasing order. */
  append(message: ChatMessage): void {
    if (this.#size < this.#capacity) {
      this.#ring[(this.#start + this.#size) % this.#capacity] = message;
      this.#size++;
    } else {
      this.#ring[this.#start] = message;
      this.#start = (this.#start + 1) % this.#capacity;
    }
  }

  /** All kept messages, oldest first. */
  all(): ChatMessage[] {
    const out: ChatMessage[] = [];
    for (let i = 0; i < this.#size; i++) out.push(this.#ring[(this.#start + i) % this.#capacity]!);
    return out;
  }

  /** Messages with an id greater than `sinceId`, oldest first; everything kept when null. */
  since(sinceId: number | null): ChatMessage[] {
    const all = this.all();
    if (sinceId === null) return all;
    return all.filter((message) => message.id > sinceId);
  }

  /** The message `author` already sent with `clientId` (a retry), if still kept. */
  findByClientId(author: string, clientId: string): ChatMessage | undefined {
    for (let i = this.#size - 1; i >= 0; i--) {
      const message = this.#ring[(this.#start + i) % this.#capacity]!;
      if (message.clientId === clientId && message.author === author) return message;
    }
    return undefined;
  }
}
