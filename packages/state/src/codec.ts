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
 * In a delta, a numeric field (uint, int, quantized) that the base object already had travels
 * as the zigzag difference in steps from the base value: a player who moved 16 units since the
 * acknowledged state costs 2 bytes per axis instead of 3.
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

/** Fields as arrays, built once per schema object: the hot loops avoid `for…in`. */
const compiled = new WeakMap<Fields, { names: string[]; types: FieldType[] }>();
function fieldList(fields: Fields): { names: string[]; types: FieldType[] } {
  let list = compiled.get(fields);
  if (!list) {
    const names = Object.keys(fields);
    list = { names, types: names.map((name) => fields[name]!) };
    compiled.set(fields, list);
  }
  return list;
}

/** Encoding is synchronous: one pair of scratch writers serves every call (finish() copies). */
const scratch = new ByteWriter();
const scratchBody = new ByteWriter();

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

/** A numeric field's value in integer steps (what deltas subtract); undefined for other types. */
function steps(type: FieldType, value: Value | undefined): number | undefined {
  if (typeof value !== "number") return undefined;
  if (type.kind === "quantized") return Math.round(value * type.scale);
  if (type.kind === "uint" || type.kind === "int") return value;
  return undefined;
}

function fromSteps(type: FieldType, n: number): number {
  return type.kind === "quantized" ? n / type.scale || 0 : n;
}

/** Writes `next` as changes against `base` (EMPTY for a full object); false when nothing changed. */
function writeObject(
  w: ByteWriter,
  fields: Fields,
  base: Obj,
  next: Obj,
  always: boolean,
): boolean {
  const { names, types } = fieldList(fields);
  let mask = 0;
  for (let i = 0; i < names.length; i++) {
    const was = base[names[i]!];
    const now = next[names[i]!];
    if (now !== undefined && now !== was) mask |= 1 << (2 * i);
    else if (now === undefined && was !== undefined) mask |= 1 << (2 * i + 1);
  }
  if (mask === 0 && !always) return false;
  w.varint(mask);
  for (let i = 0; i < names.length; i++) {
    if (!(mask & (1 << (2 * i)))) continue;
    const type = types[i]!;
    const was = steps(type, base[names[i]!]);
    if (was === undefined) writeValue(w, type, next[names[i]!]!);
    else w.svarint(steps(type, next[names[i]!])! - was);
  }
  return true;
}

function readObject(r: ByteReader, fields: Fields, base: Obj): Obj {
  const mask = r.varint();
  if (mask === 0) return base;
  const { names, types } = fieldList(fields);
  const out: Record<string, Value | undefined> = { ...base };
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (mask & (1 << (2 * i))) {
      const type = types[i]!;
      const was = steps(type, base[name]);
      out[name] = was === undefined ? readValue(r, type) : fromSteps(type, was + r.svarint());
    } else if (mask & (1 << (2 * i + 1))) {
      delete out[name];
    }
  }
  return out;
}

/** Encodes a whole (normalized) state. */
export function encodeFull(schema: Schema, seq: number, state: AnyState): Uint8Array {
  const w = scratch;
  w.length = 0;
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
  const w = scratch;
  w.length = 0;
  w.byte((WIRE_VERSION << 4) | MessageKind.DELTA);
  w.varint(seq);
  w.varint(baseSeq);
  writeObject(w, schema.root, base.root, next.root, true);
  const body = scratchBody;
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
    w.append(body);
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
