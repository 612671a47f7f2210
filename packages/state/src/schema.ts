/**
 * The schema: which fields a synced state has and how each travels on the wire.
 *
 * A state is one `root` object plus named collections of entities keyed by a number or a string
 * (players by slot, coins by id). Each field has a type that decides its encoding: `uint` and
 * `int` as varints, `quantized(n)` as an integer count of 1/n steps (positions to a hundredth of
 * a unit fit in 2–3 bytes), `string` as UTF-8, `bool` as one byte, `f64` as 8 bytes. Fields are
 * encoded in the schema's declaration order, so the order is part of the wire format.
 *
 * Every field of every object is optional: a view leaves out what a recipient may not see, and
 * what is left out is never encoded. `normalize` turns what a view function returned into the
 * exact values the recipient will decode (quantised, unknown keys dropped), which is what the
 * server keeps as the baseline for later deltas.
 */

export type FieldType =
  | { readonly kind: "uint" }
  | { readonly kind: "int" }
  | { readonly kind: "bool" }
  | { readonly kind: "string" }
  | { readonly kind: "f64" }
  | { readonly kind: "quantized"; readonly scale: number };

/** Field constructors for schemas. */
export const t = {
  /** A non-negative integer (varint). Negative or fractional values are rounded and clamped. */
  uint: { kind: "uint" },
  /** A signed integer (zigzag varint). */
  int: { kind: "int" },
  bool: { kind: "bool" },
  string: { kind: "string" },
  /** A float64, exact (8 bytes). Prefer `quantized` for positions. */
  f64: { kind: "f64" },
  /** A number rounded to 1/`scale` (`quantized(100)`: hundredths), sent as a zigzag varint. */
  quantized: (scale: number): { readonly kind: "quantized"; readonly scale: number } => {
    if (!(Number.isInteger(scale) && scale >= 1))
      throw new RangeError("scale must be an integer ≥ 1");
    return { kind: "quantized", scale };
  },
} as const satisfies Record<string, FieldType | ((scale: number) => FieldType)>;

/** At most 15 fields per object: the presence mask (2 bits per field) stays a 30-bit varint. */
export const MAX_FIELDS = 15;

export type Fields = Readonly<Record<string, FieldType>>;
export type KeyType = "uint" | "string";

export interface CollectionSchema {
  readonly key: KeyType;
  readonly fields: Fields;
}

export interface Schema {
  readonly root: Fields;
  readonly collections: Readonly<Record<string, CollectionSchema>>;
}

export type FieldValue<F extends FieldType> = F extends { kind: "string" }
  ? string
  : F extends { kind: "bool" }
    ? boolean
    : number;

/** One object as synced: any field may be absent (outside the recipient's view). */
export type SyncedObject<F extends Fields> = { readonly [K in keyof F]?: FieldValue<F[K]> };
export type KeyOf<C extends CollectionSchema> = C["key"] extends "string" ? string : number;

/** A whole synced state, as a view function returns it and as the client holds it. */
export interface SyncedState<S extends Schema> {
  readonly root: SyncedObject<S["root"]>;
  readonly collections: {
    readonly [N in keyof S["collections"]]: ReadonlyMap<
      KeyOf<S["collections"][N]>,
      SyncedObject<S["collections"][N]["fields"]>
    >;
  };
}

export type Value = number | string | boolean;
/** The untyped shape every `SyncedState` has (what the codec works on). */
export interface AnyState {
  readonly root: Readonly<Record<string, Value | undefined>>;
  readonly collections: Readonly<
    Record<string, ReadonlyMap<number | string, Readonly<Record<string, Value | undefined>>>>
  >;
}

/**
 * Declares a schema; checks field counts once so the codec never has to.
 *
 * @example
 * const schema = defineSchema({
 *   root: { tick: t.uint, phase: t.string },
 *   collections: {
 *     players: { key: "uint", fields: { x: t.quantized(100), y: t.quantized(100), name: t.string } },
 *   },
 * });
 */
export function defineSchema<const S extends Schema>(schema: S): S {
  const check = (where: string, fields: Fields) => {
    if (Object.keys(fields).length > MAX_FIELDS)
      throw new RangeError(`${where}: at most ${MAX_FIELDS} fields`);
  };
  check("root", schema.root);
  for (const [name, collection] of Object.entries(schema.collections))
    check(`collection "${name}"`, collection.fields);
  return schema;
}

/** The value as the recipient will decode it, or undefined when it cannot be sent. */
export function normalizeValue(type: FieldType, value: unknown): Value | undefined {
  switch (type.kind) {
    case "bool":
      return typeof value === "boolean" ? value : undefined;
    case "string":
      return typeof value === "string" ? value : undefined;
    default: {
      if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
      // `|| 0` turns -0 into 0: the decoder never produces -0 for these.
      if (type.kind === "uint") return Math.max(0, Math.round(value));
      if (type.kind === "int") return Math.round(value) || 0;
      if (type.kind === "quantized") return Math.round(value * type.scale) / type.scale || 0;
      return value;
    }
  }
}

/** Keeps only the schema's fields, with the values the recipient will decode. */
export function normalizeObject(
  fields: Fields,
  object: Readonly<Record<string, unknown>>,
): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const name in fields) {
    const value = normalizeValue(fields[name]!, object[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function normalizeKey(type: KeyType, key: unknown): number | string | undefined {
  if (type === "string") return typeof key === "string" ? key : undefined;
  return typeof key === "number" && Number.isInteger(key) && key >= 0 ? key : undefined;
}

/**
 * A view function's result as the recipient will see it; collections missing from it are empty.
 * `cache` (one per commit) normalizes an entity object once however many views return it: a
 * view that hands every recipient the same public object pays for it once.
 */
export function normalizeState<S extends Schema>(
  schema: S,
  state: SyncedState<S>,
  cache?: WeakMap<object, Record<string, Value>>,
): AnyState {
  const loose = state as unknown as AnyState;
  const collections: Record<string, Map<number | string, Record<string, Value>>> = {};
  for (const [name, collection] of Object.entries(schema.collections)) {
    const out = new Map<number | string, Record<string, Value>>();
    for (const [key, entity] of loose.collections?.[name] ?? []) {
      const k = normalizeKey(collection.key, key);
      if (k === undefined) continue;
      let normalized = cache?.get(entity);
      if (!normalized) {
        normalized = normalizeObject(collection.fields, entity);
        cache?.set(entity, normalized);
      }
      out.set(k, normalized);
    }
    collections[name] = out;
  }
  return { root: normalizeObject(schema.root, loose.root ?? {}), collections };
}
