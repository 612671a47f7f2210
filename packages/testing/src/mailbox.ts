/**
 * What a test client received, as Phoenix's `assert_push` sees a process mailbox: every event
 * is recorded in order; `take()` hands out the oldest matching event not taken yet, at once if
 * it already arrived, else when it does. So `await client.waitFor("x")` never misses an event
 * that arrived before the call. `recent(n)` is the bounded history of the last events.
 */

export interface ReceivedEvent {
  event: string;
  args: unknown[];
}

type Predicate = (args: unknown[]) => boolean;

interface Waiter {
  event: string;
  predicate: Predicate | undefined;
  resolve: (args: unknown[]) => void;
}

export class Mailbox {
  /** Not yet taken, oldest first (bounded like the history). */
  private pending: ReceivedEvent[] = [];
  private history: ReceivedEvent[] = [];
  private waiters: Waiter[] = [];

  constructor(private readonly limit = 1_000) {}

  /** Records an event; hands it to the first waiter it matches, if any. */
  push(event: string, args: unknown[]): void {
    const received = { event, args };
    this.history.push(received);
    if (this.history.length > this.limit) this.history.shift();
    const index = this.waiters.findIndex((w) => matches(w, received));
    if (index >= 0) {
      const [waiter] = this.waiters.splice(index, 1);
      waiter?.resolve(args);
      return;
    }
    this.pending.push(received);
    if (this.pending.length > this.limit) this.pending.shift();
  }

  /** The oldest untaken `event` that passes `predicate` (removed), or a promise of the next. */
  take(
    event: string,
    predicate?: Predicate,
  ): { now: unknown[] } | { later: Promise<unknown[]>; cancel: () => void } {
    const index = this.pending.findIndex((r) => matches({ event, predicate }, r));
    if (index >= 0) {
      const [received] = this.pending.splice(index, 1);
      return { now: received?.args ?? [] };
    }
    let waiter!: Waiter;
    const later = new Promise<unknown[]>((resolve) => {
      waiter = { event, predicate, resolve };
    });
    this.waiters.push(waiter);
    const cancel = () => {
      const at = this.waiters.indexOf(waiter);
      if (at >= 0) this.waiters.splice(at, 1);
    };
    return { later, cancel };
  }

  /** The last `n` events received (all kept ones without `n`), oldest first. */
  recent(n?: number): ReceivedEvent[] {
    return n === undefined ? [...this.history] : this.history.slice(-n);
  }

  /** Forgets what was received and not taken (waiters keep waiting). */
  clear(): void {
    this.pending = [];
    this.history = [];
  }
}

function matches(w: { event: string; predicate: Predicate | undefined }, r: ReceivedEvent) {
  return w.event === r.event && (w.predicate === undefined || w.predicate(r.args));
}
