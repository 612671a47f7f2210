/**
 * The codec by property: for random schemas' worth of states, a full snapshot decodes to the
 * normalized state, and a delta applied to its base decodes to the next state, whatever changed
 * (fields set, changed, removed; entities added, updated, removed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnyState,
  decodeMessage,
  defineSchema,
  encodeDelta,
  encodeFull,
  MessageKind,
  normalizeState,
  readHeader,
  type SyncedState,
  t,
} from "../src/index.js";

const schema = defineSchema({
  root: { tick: t.uint, phase: t.string, timeLeft: t.quantized(10), winner: t.string },
  collections: {
    players: {
      key: "uint",
      fields: {
        x: t.quantized(100),
        y: t.quantized(100),
        name: t.string,
        score: t.uint,
        seq: t.int,
        connected: t.bool,
        speed: t.f64,
      },
    },
    tags: { key: "string", fields: { label: t.string, hue: t.int } },
  },
});
type State = SyncedState<typeof schema>;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const coord = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const player = fc.record({
  x: maybe(coord),
  y: maybe(coord),
  name: maybe(fc.string({ unit: "grapheme", maxLength: 12 })),
  score: maybe(fc.nat()),
  seq: maybe(fc.integer({ min: -1, max: 2 ** 40 })),
  connected: maybe(fc.boolean()),
  speed: maybe(fc.double({ noNaN: true, noDefaultInfinity: true })),
});
const tag = fc.record({ label: maybe(fc.string()), hue: maybe(fc.integer()) });
const state: fc.Arbitrary<State> = fc
  .record({
    root: fc.record({
      tick: maybe(fc.nat()),
      phase: maybe(fc.constantFrom("playing", "ended")),
      timeLeft: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
      winner: maybe(fc.string()),
    }),
    players: fc.array(fc.tuple(fc.nat({ max: 40 }), player), { maxLength: 12 }),
    tags: fc.array(fc.tuple(fc.string({ maxLength: 4 }), tag), { maxLength: 5 }),
  })
  .map(({ root, players, tags }) => ({
    root,
    collections: { players: new Map(players), tags: new Map(tags) },
  }));

/** Plain data for deep equality: Maps as entry lists sorted by key (a delta appends new keys). */
function plain(s: AnyState) {
  const byKey = (a: [unknown, unknown], b: [unknown, unknown]) =>
    String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0;
  return {
    root: s.root,
    collections: Object.fromEntries(
      Object.entries(s.collections).map(([name, map]) => [name, [...map.entries()].sort(byKey)]),
    ),
  };
}

describe("codec", () => {
  it("a full snapshot decodes to the normalized state", () => {
    fc.assert(
      fc.property(state, fc.nat(), (s, seq) => {
        const normalized = normalizeState(schema, s);
        const bytes = encodeFull(schema, seq, normalized);
        expect(readHeader(bytes)).toEqual({ kind: MessageKind.FULL, seq, base: seq });
        expect(plain(decodeMessage(schema, bytes))).toEqual(plain(normalized));
      }),
      { numRuns: 300 },
    );
  });

  it("a delta applied to its base gives the next state", () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const base = normalizeState(schema, a);
        const next = normalizeState(schema, b);
        const bytes = encodeDelta(schema, 3, base, 4, next);
        expect(readHeader(bytes)).toEqual({ kind: MessageKind.DELTA, seq: 4, base: 3 });
        expect(plain(decodeMessage(schema, bytes, base))).toEqual(plain(next));
      }),
      { numRuns: 300 },
    );
  });

  it("a delta against an identical state is a few bytes and shares every object", () => {
    fc.assert(
      fc.property(state, (a) => {
        const base = normalizeState(schema, a);
        const bytes = encodeDelta(schema, 1, base, 2, base);
        expect(bytes.length).toBeLessThanOrEqual(8);
        const decoded = decodeMessage(schema, bytes, base);
        expect(decoded.root).toBe(base.root);
        expect(decoded.collections.players).toBe(base.collections.players);
      }),
    );
  });

  it("keeps unchanged entities identical (===) after a delta", () => {
    const base = normalizeState(schema, {
      root: { tick: 1 },
      collections: {
        players: new Map([
          [0, { x: 1, y: 2 }],
          [1, { x: 5, y: 5 }],
        ]),
        tags: new Map(),
      },
    });
    const next = normalizeState(schema, {
      root: { tick: 2 },
      collections: {
        players: new Map([
          [0, { x: 1, y: 2 }],
          [1, { x: 6, y: 5 }],
        ]),
        tags: new Map(),
      },
    });
    const decoded = decodeMessage(schema, encodeDelta(schema, 1, base, 2, next), base);
    expect(decoded.collections.players!.get(0)).toBe(base.collections.players!.get(0));
    expect(decoded.collections.players!.get(1)).toEqual({ x: 6, y: 5 });
  });

  it("quantizes positions and sends a moving player in a handful of bytes", () => {
    const at = (x: number, y: number) =>
      normalizeState(schema, {
        root: { tick: 1 },
        collections: { players: new Map([[3, { x, y, name: "Alice" }]]), tags: new Map() },
      });
    const base = at(144.123456, 150);
    expect(base.collections.players!.get(3)).toEqual({ x: 144.12, y: 150, name: "Alice" });
    const delta = encodeDelta(schema, 1, base, 2, at(160.5, 151.25));
    // header 3 + root mask 1 + 2 collections × 2 counts + key 1 + mask 1 + x 3 + y 3
    expect(delta.length).toBeLessThanOrEqual(16);
  });

  it("rejects malformed bytes with a RangeError, never a wrong state", () => {
    fc.assert(
      fc.property(state, fc.nat(), (s, cut) => {
        const bytes = encodeFull(schema, 1, normalizeState(schema, s));
        const truncated = bytes.subarray(0, cut % bytes.length);
        expect(() => decodeMessage(schema, truncated)).toThrow(RangeError);
      }),
      { numRuns: 200 },
    );
    expect(() => readHeader(new Uint8Array([0x20, 1]))).toThrow(/version/);
  });
});

describe("wire format", () => {
  it("matches the README's worked example byte for byte", () => {
    const example = defineSchema({
      root: { tick: t.uint },
      collections: {
        players: { key: "uint", fields: { x: t.quantized(100), y: t.quantized(100) } },
      },
    });
    const at = (tick: number, x: number, y: number) =>
      normalizeState(example, {
        root: { tick },
        collections: { players: new Map([[3, { x, y }]]) },
      });
    const bytes = encodeDelta(example, 10, at(10, 144, 150), 12, at(12, 160.5, 151.25));
    expect(Buffer.from(bytes).toString("hex")).toBe("110c0a0104000103" + "05e419fa01");
  });
});
