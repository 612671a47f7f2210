/**
 * The listeners of one Server, Namespace or Socket: what a Node EventEmitter stores, held
 * without one. Hand-written because one lives in every Socket: an EventEmitter and its
 * dictionary-mode `_events` cost about 290 B per socket with two listened events, and
 * `rawListeners()` copies the listener array on every dispatched packet. Here a table is one
 * flat array `[name, entry, name, entry, …]` (a Map past {@link FLAT_MAX} names), an entry is
 * the listener itself or, with several, a frozen array that is replaced, never changed (so a
 * dispatch iterates it as it was when the event arrived, as EventEmitter does, without a copy).
 */

/** A listener as stored: the function, or a once-wrapper with the function as `.listener`. */
export type StoredListener = ((...args: never[]) => unknown) & { listener?: unknown };

/** What is stored per event name. */
export type Entry = StoredListener | readonly StoredListener[];

/** The whole table; `undefined` while nothing listens. */
export type ListenerTable = (string | symbol | Entry)[] | Map<string | symbol, Entry> | undefined;

/** The table of nothing (never written: a match is needed before any write). */
const EMPTY = Object.freeze([]) as unknown as (string | symbol | Entry)[];

/** Past this many event names, a flat scan gives way to a Map. */
const FLAT_MAX = 8;

/** The entry of `ev`, if any. */
export function entryOf(table: ListenerTable, ev: string | symbol): Entry | undefined {
  if (table === undefined) return undefined;
  if (table instanceof Map) return table.get(ev);
  for (let i = 0; i < table.length; i += 2) {
    if (table[i] === ev) return table[i + 1] as Entry;
  }
  return undefined;
}

/** The table with `ev`'s entry set to `entry` (removed when `undefined`). */
function withEntry(
  table: ListenerTable,
  ev: string | symbol,
  entry: Entry | undefined,
): ListenerTable {
  if (table instanceof Map) {
    if (entry === undefined) table.delete(ev);
    else table.set(ev, entry);
    return table.size === 0 ? undefined : table;
  }
  const flat = table ?? EMPTY;
  for (let i = 0; i < flat.length; i += 2) {
    if (flat[i] !== ev) continue;
    if (entry !== undefined) flat[i + 1] = entry;
    else flat.splice(i, 2);
    return flat.length === 0 ? undefined : flat;
  }
  if (entry === undefined) return table;
  if (flat.length < 2 * FLAT_MAX) {
    // a new array of the exact size: `push` or a spread would leave slack in the backing store
    const grown = new Array<string | symbol | Entry>(flat.length + 2);
    for (let i = 0; i < flat.length; i++) grown[i] = flat[i]!;
    grown[flat.length] = ev;
    grown[flat.length + 1] = entry;
    return grown;
  }
  const map = new Map<string | symbol, Entry>();
  for (let i = 0; i < flat.length; i += 2) map.set(flat[i] as string, flat[i + 1] as Entry);
  map.set(ev, entry);
  return map;
}

/** Adds `fn` to `ev` (first with `prepend`); returns the table. */
export function addListener(
  table: ListenerTable,
  ev: string | symbol,
  fn: StoredListener,
  prepend = false,
): ListenerTable {
  const entry = entryOf(table, ev);
  let next: Entry;
  if (entry === undefined) next = fn;
  else if (typeof entry === "function") next = Object.freeze(prepend ? [fn, entry] : [entry, fn]);
  else next = Object.freeze(prepend ? [fn, ...entry] : [...entry, fn]);
  return withEntry(table, ev, next);
}

/**
 * Removes the most recently added registration of `fn` on `ev` (itself or its once-wrapper),
 * as EventEmitter does; returns the table.
 */
export function removeListener(
  table: ListenerTable,
  ev: string | symbol,
  fn: unknown,
): ListenerTable {
  const entry = entryOf(table, ev);
  if (entry === undefined) return table;
  if (typeof entry === "function") {
    return entry === fn || entry.listener === fn ? withEntry(table, ev, undefined) : table;
  }
  for (let i = entry.length - 1; i >= 0; i--) {
    const stored = entry[i]!;
    if (stored !== fn && stored.listener !== fn) continue;
    const rest = entry.filter((_, j) => j !== i);
    return withEntry(table, ev, rest.length === 1 ? rest[0] : Object.freeze(rest));
  }
  return table;
}

/** Removes every listener of `ev`; returns the table. */
export function removeEvent(table: ListenerTable, ev: string | symbol): ListenerTable {
  return withEntry(table, ev, undefined);
}

/** The listeners of an entry as a new array (once-wrappers included). */
export function entryList(entry: Entry | undefined): StoredListener[] {
  if (entry === undefined) return [];
  return typeof entry === "function" ? [entry] : [...entry];
}

/** The event names that have listeners. */
export function eventNamesOf(table: ListenerTable): (string | symbol)[] {
  if (table === undefined) return [];
  if (table instanceof Map) return [...table.keys()];
  const names: (string | symbol)[] = [];
  for (let i = 0; i < table.length; i += 2) names.push(table[i] as string | symbol);
  return names;
}
