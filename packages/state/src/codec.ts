/**
 * The wire format: full snapshots and deltas of a normalized state (see README, "Wire format").
 *
 *   message  = header root collection*            (collections in schema order)
 *   header   = byte (version << 4 | kind) varint(seq) [varint(base) when kind = DELTA]
 *   root     = object
 *   collection (FULL)  = varint(count) (key object)*
 *   collection (DELTA) = varint(removed) key* varint(upserts) (key object)*
 *   object   = varint(mask) value*   — bit 2i: field i set (its value follows, in field order),
 *                                      bit 2i+1: field i removed (DELTA only)
 *
 * Pure functions; the decoder keeps unchanged objects and collections identical (===) to the
 * base state's, which is what lets the client update only the signals of what changed.
 */
import { ByteReader, ByteWriter } from "./bytes.js";
import type { AnyState, Fields, FieldType, KeyType, Schema, Value } from "./schema.js";

export const WIRE_VERSION = 1;
export const MessageKind = { FULL: 0, DELTA: 1 } as const;
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

export interface MessageHeader {
  kind: MessageKind;
  /** The sequence number of the state this message carries. */
  seq: number;
  /** For a delta: the sequence number of the state it applies to. */
  base: number;
}

type Obj = Readonly<Record<string, Value | undefined>>;
type Collection = ReadonlyMap<number | string, Obj>;

const EMPTY: Obj = Object.freeze({});

function writeValue(w: ByteWriter, type: FieldType, value: Value): void {
  switch (type.kind) {
    case "uint":
      w.varint(value as number);
      return;
    case "int":
      w.svarint(value as number);
      return;
    case "quantized":
      w.svarint(Math.round((value as number) * type.scale));
      return;
    case "bool":
      w.byte(value ? 1 : 0);
      return;
    case "string":
      w.string(value as string);
      return;
    case "f64":
      w.f64(value as number);
      return;
  }
}

function readValue(r: ByteReader, type: FieldType): Value {
  switch (type.kind) {
    case "uint":
      return r.varint();
    case "int":
      return r.svarint() || 0;
    case "quantized":
      return r.svarint() / type.scale || 0;
    case "bool":
      return r.byte() !== 0;
    case "string":
      return r.string();
    case "f64":
      return r.f64();
  }
}

function writeKey(w: ByteWriter, type: KeyType, key: number | string): void {
  if (type === "string") w.string(key as string);
  else w.varint(key as number);
}

function readKey(r: ByteReader, type: KeyType): number | string {
  return type === "string" ? r.string() : r.varint();
}

/** Writes `next` as changes against `base` (EMPTY for a full object); false when nothing changed. */
function writeObject(
  w: ByteWriter,
  fields: Fields,
  base: Obj,
  next: Obj,
  always: boolean,
): boolean {
  let mask = 0;
  let i = 0;
  for (const name in fields) {
    const was = base[name];
    const now = next[name];
    if (now !== undefined && now !== was) mask |= 1 << (2 * i);
    else if (now === undefined && was !== undefined) mask |= 1 << (2 * i + 1);
    i++;
  }
  if (mask === 0 && !always) return false;
  w.varint(mask);
  i = 0;
  for (const name in fields) {
    if (mask & (1 << (2 * i))) writeValue(w, fields[name]!, next[name]!);
    i++;
  }
  return true;
}

function readObject(r: ByteReader, fields: Fields, base: Obj): Obj {
  const mask = r.varint();
  if (mask === 0) return base;
  const out: Record<string, Value | undefined> = { ...base };
  let i = 0;
  for (const name in fields) {
    if (mask & (1 << (2 * i))) out[name] = readValue(r, fields[name]!);
    else if (mask & (1 << (2 * i + 1))) delete out[name];
    i++;
  }
  return out;
}

/** Encodes a whole (normalized) state. */
export function encodeFull(schema: Schema, seq: number, state: AnyState): Uint8Array {
  const w = new ByteWriter();
  w.byte((WIRE_VERSION << 4) | MessageKind.FULL);
  w.varint(seq);
  writeObject(w, schema.root, EMPTY, state.root, true);
  for (const [name, collection] of Object.entries(schema.collections)) {
    const entities = state.collections[name] ?? new Map();
    w.varint(entities.size);
    for (const [key, entity] of entities) {
      writeKey(w, collection.key, key);
      writeObject(w, collection.fields, EMPTY, entity, true);
    }
  }
  return w.finish();
}

/** Encodes what changed from `base` (state `baseSeq`, which the recipient has) to `next`. */
export function encodeDelta(
  schema: Schema,
  baseSeq: number,
  base: AnyState,
  seq: number,
  next: AnyState,
): Uint8Array {
  const w = new ByteWriter();
  w.byte((WIRE_VERSION << 4) | MessageKind.DELTA);
  w.varint(seq);
  w.varint(baseSeq);
  writeObject(w, schema.root, base.root, next.root, true);
  const body = new ByteWriter();
  for (const [name, collection] of Object.entries(schema.collections)) {
    const before: Collection = base.collections[name] ?? new Map();
    const after: Collection = next.collections[name] ?? new Map();
    let removed = 0;
    for (const key of before.keys()) if (!after.has(key)) removed++;
    w.varint(removed);
    for (const key of before.keys()) if (!after.has(key)) writeKey(w, collection.key, key);
    let upserts = 0;
    body.length = 0;
    for (const [key, entity] of after) {
      const start = body.length;
      writeKey(body, collection.key, key);
      const old = before.get(key);
      if (writeObject(body, collection.fields, old ?? EMPTY, entity, old === undefined)) upserts++;
      else body.length = start;
    }
    w.varint(upserts);
    const bytes = body.finish();
    for (const b of bytes) w.byte(b);
  }
  return w.finish();
}

/** Reads the header only (kind, seq, base) — enough to decide whether a message is usable. */
export function readHeader(bytes: Uint8Array): MessageHeader {
  const r = new ByteReader(bytes);
  const first = r.byte();
  if (first >> 4 !== WIRE_VERSION) throw new RangeError(`unknown state wire version ${first >> 4}`);
  const kind = first & 0x0f;
  if (kind !== MessageKind.FULL && kind !== MessageKind.DELTA)
    throw new RangeError(`unknown state message kind ${kind}`);
  const seq = r.varint();
  const base = kind === MessageKind.DELTA ? r.varint() : seq;
  return { kind, seq, base };
}

/**
 * Decodes a message into a state. A delta needs the state it was made against (`base`); a full
 * snapshot ignores it. Throws a RangeError on malformed or truncated bytes.
 */
export function decodeMessage(schema: Schema, bytes: Uint8Array, base?: AnyState): AnyState {
  const header = readHeader(bytes);
  const r = new ByteReader(bytes);
  r.byte();
  r.varint();
  const delta = header.kind === MessageKind.DELTA;
  if (delta) {
    r.varint();
    if (!base) throw new RangeError("a delta needs its base state");
  }
  const root = readObject(r, schema.root, delta ? base!.root : EMPTY);
  const collections: Record<string, Collection> = {};
  for (const [name, collection] of Object.entries(schema.collections)) {
    const before: Collection = (delta && base!.collections[name]) || new Map();
    if (!delta) {
      const out = new Map<number | string, Obj>();
      const count = r.varint();
      for (let i = 0; i < count; i++) {
        const key = readKey(r, collection.key);
        out.set(key, readObject(r, collection.fields, EMPTY));
      }
      collections[name] = out;
      continue;
    }
    let out: Map<number | string, Obj> | undefined;
    const removed = r.varint();
    for (let i = 0; i < removed; i++) {
      out ??= new Map(before);
      out.delete(readKey(r, collection.key));
    }
    const upserts = r.varint();
    for (let i = 0; i < upserts; i++) {
      out ??= new Map(before);
      const key = readKey(r, collection.key);
      out.set(key, readObject(r, collection.fields, before.get(key) ?? EMPTY));
    }
    collections[name] = out ?? before;
  }
  if (!r.done) throw new RangeError("trailing bytes in state message");
  return { root, collections };
}
