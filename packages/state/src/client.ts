/**
 * The client side: feed it the bytes the server sent, it keeps the synced state and exposes it
 * as signals — the root, each collection's key list, and one signal per entity — so a component
 * that shows one player re-renders only when that player changes.
 *
 * It acknowledges every state it applies (the server makes later deltas against it) and asks
 * for a full snapshot when a delta arrives whose base it does not have. Stale or duplicate
 * messages (volatile sends can be dropped; a reconnect can replay) are ignored.
 */
import { batch, type ReadonlySignal, type Signal, signal } from "@preact/signals-core";
import { decodeMessage, MessageKind, readHeader } from "./codec.js";
import type { AnyState, KeyOf, Schema, SyncedObject, SyncedState } from "./schema.js";

export * from "./index.js";

export const CLIENT_DEFAULTS = {
  /** States kept as possible delta bases (match the server's `history`). */
  history: 32,
  /** After asking for a resync, ask again if this many unusable messages arrive meanwhile. */
  resyncRetry: 15,
};

export interface StateClientOptions<S extends Schema> {
  schema: S;
  /** Tell the server this state arrived (e.g. `socket.volatile.emit("state:ack", seq)`). */
  ack: (seq: number) => void;
  /** Ask the server for a full snapshot (e.g. `socket.emit("state:resync")`). */
  resync: () => void;
  /** Called after each applied state, inside the signals' batch. */
  onState?: (state: SyncedState<S>, seq: number) => void;
  history?: number;
}

type Collections<S extends Schema> = S["collections"];
type Entity<S extends Schema, N extends keyof Collections<S>> = SyncedObject<
  Collections<S>[N]["fields"]
>;

/**
 * @example
 * const sync = new StateClient({
 *   schema,
 *   ack: (seq) => socket.volatile.emit("state:ack", seq),
 *   resync: () => socket.emit("state:resync"),
 * });
 * socket.on("state", (bytes) => sync.receive(bytes));
 * effect(() => console.log(sync.entity("players", 0).value?.x));
 */
export class StateClient<S extends Schema> {
  readonly schema: S;
  private readonly options: StateClientOptions<S>;
  private readonly historySize: number;
  private readonly states = new Map<number, AnyState>();
  private latestSeq = -1;
  private current: AnyState | undefined;
  private readonly rootSignal = signal<SyncedObject<S["root"]>>({} as SyncedObject<S["root"]>);
  private readonly keySignals = new Map<string, Signal<readonly (number | string)[]>>();
  private readonly entitySignals = new Map<string, Map<number | string, Signal<unknown>>>();
  /** Unusable deltas since the last resync request; -1 when no request is pending. */
  private waitingForFull = -1;
  /** Messages received, applied, and discarded (stale, no base, malformed). */
  readonly counters = { received: 0, applied: 0, full: 0, discarded: 0, resyncs: 0 };

  constructor(options: StateClientOptions<S>) {
    this.schema = options.schema;
    this.options = options;
    this.historySize = Math.max(1, options.history ?? CLIENT_DEFAULTS.history);
  }

  /** The latest applied state, or undefined before the first one. */
  get state(): SyncedState<S> | undefined {
    return this.current as SyncedState<S> | undefined;
  }

  /** The sequence number of the latest applied state (-1 before the first). */
  get seq(): number {
    return this.latestSeq;
  }

  get root(): ReadonlySignal<SyncedObject<S["root"]>> {
    return this.rootSignal;
  }

  /** The keys of a collection, in the server's order; changes only when entities come or go. */
  keys<N extends keyof Collections<S> & string>(
    name: N,
  ): ReadonlySignal<readonly KeyOf<Collections<S>[N]>[]> {
    let keys = this.keySignals.get(name);
    if (!keys) {
      keys = signal([...(this.current?.collections[name]?.keys() ?? [])]);
      this.keySignals.set(name, keys);
    }
    return keys as unknown as ReadonlySignal<readonly KeyOf<Collections<S>[N]>[]>;
  }

  /** One entity; the signal changes only when that entity does (undefined once it is gone). */
  entity<N extends keyof Collections<S> & string>(
    name: N,
    key: KeyOf<Collections<S>[N]>,
  ): ReadonlySignal<Entity<S, N> | undefined> {
    let byKey = this.entitySignals.get(name);
    if (!byKey) {
      byKey = new Map();
      this.entitySignals.set(name, byKey);
    }
    let entity = byKey.get(key);
    if (!entity) {
      entity = signal(this.current?.collections[name]?.get(key));
      byKey.set(key, entity);
    }
    return entity as ReadonlySignal<Entity<S, N> | undefined>;
  }

  /**
   * Applies one message from the server. Returns true when it produced a new state; false when
   * it was stale, a delta without its base (a resync is requested), or malformed.
   */
  receive(data: Uint8Array | ArrayBuffer | ArrayBufferView): boolean {
    this.counters.received++;
    const bytes =
      data instanceof Uint8Array
        ? data
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : new Uint8Array(data);
    let next: AnyState;
    let seq: number;
    try {
      const header = readHeader(bytes);
      seq = header.seq;
      if (seq <= this.latestSeq) return this.discard();
      const base = header.kind === MessageKind.DELTA ? this.states.get(header.base) : undefined;
      if (header.kind === MessageKind.DELTA && !base) {
        this.requestResync();
        return this.discard();
      }
      next = decodeMessage(this.schema, bytes, base);
      if (header.kind === MessageKind.FULL) {
        this.counters.full++;
        this.waitingForFull = -1;
      }
    } catch {
      this.requestResync();
      return this.discard();
    }
    this.store(seq, next);
    this.options.ack(seq);
    return true;
  }

  /** Forgets everything (a new match, a server restart): the next message must be a full one. */
  reset(): void {
    this.states.clear();
    this.latestSeq = -1;
    this.waitingForFull = -1;
  }

  private discard(): false {
    this.counters.discarded++;
    return false;
  }

  private requestResync(): void {
    if (this.waitingForFull >= 0 && ++this.waitingForFull < CLIENT_DEFAULTS.resyncRetry) return;
    this.waitingForFull = 0;
    this.counters.resyncs++;
    this.options.resync();
  }

  private store(seq: number, next: AnyState): void {
    this.counters.applied++;
    this.latestSeq = seq;
    this.states.set(seq, next);
    for (const old of this.states.keys()) {
      if (this.states.size <= this.historySize) break;
      this.states.delete(old);
    }
    const previous = this.current;
    this.current = next;
    batch(() => {
      if (next.root !== previous?.root)
        this.rootSignal.value = next.root as SyncedObject<S["root"]>;
      for (const name of Object.keys(this.schema.collections)) this.publish(name, previous, next);
      this.options.onState?.(next as SyncedState<S>, seq);
    });
  }

  private publish(name: string, previous: AnyState | undefined, next: AnyState): void {
    const before = previous?.collections[name];
    const after = next.collections[name]!;
    if (before === after) return;
    const byKey = this.entitySignals.get(name);
    if (byKey) {
      for (const [key, entity] of byKey) {
        const value = after.get(key);
        const had = entity.peek() !== undefined;
        if (entity.peek() !== value) entity.value = value;
        // A removed entity's signal is dropped (ids such as coins' are not reused); a signal
        // asked for before its entity exists stays until the entity comes and goes.
        if (value === undefined && had) byKey.delete(key);
      }
    }
    const keys = this.keySignals.get(name);
    if (keys && !sameKeys(keys.peek(), after)) keys.value = [...after.keys()];
  }
}

function sameKeys(keys: readonly (number | string)[], map: ReadonlyMap<number | string, unknown>) {
  if (keys.length !== map.size) return false;
  let i = 0;
  for (const key of map.keys()) if (keys[i++] !== key) return false;
  return true;
}
