/**
 * `@volley/presence/client`: `presence(socket, topic)` gives signals over a topic's presence.
 * It asks the server for the list on every (re)connection and replaces what it shows by the
 * difference only (no flicker, no ghosts, no duplicates); between syncs it applies the
 * server's diffs. Diffs that arrive while a sync is pending are already in the list the sync
 * returns (one socket delivers in order), so they are dropped. Pure logic is in sync.ts.
 */
import { batch, computed, type ReadonlySignal, signal } from "@preact/signals-core";
import {
  type AppliedChange,
  applyDiff,
  diffStates,
  type PresenceState,
  toList,
  toState,
} from "./sync.js";
import type { Entry, Meta, PresenceDiff, PresenceList, SyncReply } from "./types.js";
import { PresenceEvent } from "./types.js";

export type { AppliedChange, PresenceState } from "./sync.js";
export { applyDiff, diffStates, toList, toState } from "./sync.js";
export * from "./types.js";

type Fn = (...args: never[]) => void;

// biome-ignore lint/suspicious/noExplicitAny: a typed socket narrows event names and listeners to its app's event maps; presence's own events are not in them
type AnyArg = any;

/** What presence uses of a client socket (a `@volley/client` Socket, or socket.io-client's). */
export interface PresenceSocket {
  readonly connected: boolean;
  on(event: AnyArg, listener: AnyArg): unknown;
  off(event: AnyArg, listener: AnyArg): unknown;
  emit(event: AnyArg, ...args: AnyArg[]): unknown;
}

export type JoinListener<M extends Meta> = (
  key: string,
  joined: Entry<M>[],
  first: boolean,
) => void;
export type LeaveListener<M extends Meta> = (key: string, left: Entry<M>[], last: boolean) => void;

export interface TopicPresence<M extends Meta = Meta> {
  /** Every key present, with its entries (one per tab/socket); read lazily. */
  readonly list: ReadonlySignal<PresenceList<M>>;
  /** The number of distinct keys. */
  readonly count: ReadonlySignal<number>;
  /** True once the list came from the server on this connection. */
  readonly synced: ReadonlySignal<boolean>;
  /** The last change, as one event (for effects): joins and leaves of real changes only. */
  readonly lastChange: ReadonlySignal<
    { joins: AppliedChange<M>[]; leaves: AppliedChange<M>[] } | undefined
  >;
  /** The entries of one key (current state, not a signal). */
  get(key: string): Entry<M>[];
  /** `first` is true when the key was absent before. Returns the unsubscribe function. */
  onJoin(listener: JoinListener<M>): () => void;
  /** `last` is true when the key has no entry left. Returns the unsubscribe function. */
  onLeave(listener: LeaveListener<M>): () => void;
  /** Asks the server for the list again (e.g. right after joining the topic's room). */
  resync(): void;
  /** Stops listening to the socket. */
  dispose(): void;
}

/**
 * Signals over the presence of `topic` (the socket must be in the room `topic` on the server:
 * tracked sockets are, and the server may `socket.join(topic)` for watchers).
 * @example
 * const lobby = presence<{ name: string }>(socket, "room:lobby");
 * effect(() => console.log(lobby.count.value, "online"));
 * lobby.onJoin((key, _entries, first) => first && console.log(key, "arrived"));
 */
export function presence<M extends Meta = Meta>(
  socket: PresenceSocket,
  topic: string,
): TopicPresence<M> {
  const state: PresenceState<M> = new Map();
  const version = signal(0);
  const count = signal(0);
  const synced = signal(false);
  const lastChange = signal<{ joins: AppliedChange<M>[]; leaves: AppliedChange<M>[] } | undefined>(
    undefined,
  );
  const joinListeners = new Set<JoinListener<M>>();
  const leaveListeners = new Set<LeaveListener<M>>();
  let generation = 0;
  let pending = false;
  let disposed = false;

  const apply = (diff: PresenceDiff<M>): void => {
    const changes = applyDiff(state, diff);
    if (changes.joins.length === 0 && changes.leaves.length === 0) return;
    batch(() => {
      version.value += 1;
      count.value = state.size;
      lastChange.value = changes;
    });
    for (const c of changes.leaves) for (const l of leaveListeners) l(c.key, c.entries, c.edge);
    for (const c of changes.joins) for (const l of joinListeners) l(c.key, c.entries, c.edge);
  };

  const sync = (): void => {
    if (disposed || !socket.connected) return;
    const mine = ++generation;
    pending = true;
    socket.emit(PresenceEvent.SYNC, topic, (reply: SyncReply<M>) => {
      if (disposed || mine !== generation) return;
      pending = false;
      if (!reply?.ok) return; // not in the room yet: the first diff that arrives syncs again
      apply(diffStates(state, toState(reply.list)));
      synced.value = true;
    });
  };

  const onDiff = (t: string, diff: PresenceDiff<M>): void => {
    if (t !== topic || pending) return;
    if (!synced.value) {
      sync();
      return;
    }
    apply(diff);
  };
  const onConnect = (): void => sync();
  const onDisconnect = (): void => {
    generation += 1;
    pending = false;
    synced.value = false;
  };

  socket.on(PresenceEvent.DIFF, onDiff as Fn);
  socket.on("connect", onConnect as Fn);
  socket.on("disconnect", onDisconnect as Fn);
  sync();

  return {
    list: computed(() => {
      version.value;
      return toList(state);
    }),
    count,
    synced,
    lastChange,
    get: (key) => [...(state.get(key) ?? [])].map(([ref, meta]) => ({ ref, meta })),
    onJoin(listener) {
      joinListeners.add(listener);
      return () => joinListeners.delete(listener);
    },
    onLeave(listener) {
      leaveListeners.add(listener);
      return () => leaveListeners.delete(listener);
    },
    resync: sync,
    dispose() {
      disposed = true;
      socket.off(PresenceEvent.DIFF, onDiff as Fn);
      socket.off("connect", onConnect as Fn);
      socket.off("disconnect", onDisconnect as Fn);
    },
  };
}
