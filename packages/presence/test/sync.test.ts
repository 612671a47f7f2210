// The client's pure logic: a full list after a reconnection turns into the diff from what was
// shown (so nothing flickers), diffs apply idempotently, and joins/leaves report key edges.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DiffBuilder } from "../src/diff-builder.js";
import { applyDiff, diffStates, type PresenceState, toList, toState } from "../src/sync.js";

const stateArb: fc.Arbitrary<PresenceState> = fc
  .array(
    fc.tuple(
      fc.constantFrom("a", "b", "c", "d"),
      fc.constantFrom("r1", "r2", "r3", "r4", "r5"),
      fc.nat(2),
    ),
    { maxLength: 12 },
  )
  .map((entries) => {
    const state: PresenceState = new Map();
    const used = new Set<string>();
    for (const [key, ref, v] of entries) {
      if (used.has(ref)) continue; // a ref belongs to one key
      used.add(ref);
      if (!state.has(key)) state.set(key, new Map());
      state.get(key)!.set(ref, { v });
    }
    return state;
  });

const norm = (s: PresenceState) =>
  toList(s)
    .map(([k, es]) => [k, es.sort((x, y) => x.ref.localeCompare(y.ref))])
    .sort();

describe("client sync", () => {
  it("applying diffStates(a, b) to a gives b, and applying it twice changes nothing more", () => {
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        const diff = diffStates(a, b);
        const state = toState(toList(a));
        applyDiff(state, diff);
        expect(norm(state)).toEqual(norm(b));
        const again = applyDiff(state, diff);
        expect(again.joins.length + again.leaves.length).toBe(0);
      }),
    );
  });

  it("a resync with the same list is an empty diff (no flicker)", () => {
    fc.assert(
      fc.property(stateArb, (a) => {
        const diff = diffStates(a, toState(toList(a)));
        expect(diff.joins.length + diff.leaves.length).toBe(0);
      }),
    );
  });

  it("reports when a key appears and when its last entry leaves (tabs)", () => {
    const state: PresenceState = new Map();
    const first = applyDiff(state, { joins: [["ada", [{ ref: "1", meta: {} }]]], leaves: [] });
    expect(first.joins[0]).toMatchObject({ key: "ada", edge: true });
    const second = applyDiff(state, { joins: [["ada", [{ ref: "2", meta: {} }]]], leaves: [] });
    expect(second.joins[0]).toMatchObject({ key: "ada", edge: false });
    const leave1 = applyDiff(state, { joins: [], leaves: [["ada", [{ ref: "1", meta: {} }]]] });
    expect(leave1.leaves[0]).toMatchObject({ key: "ada", edge: false });
    const leave2 = applyDiff(state, { joins: [], leaves: [["ada", [{ ref: "2", meta: {} }]]] });
    expect(leave2.leaves[0]).toMatchObject({ key: "ada", edge: true });
    expect(state.size).toBe(0);
  });
});

describe("DiffBuilder", () => {
  it("cancels a join and a leave of one ref in one batch, and a leave and rejoin unchanged", () => {
    const d = new DiffBuilder();
    d.join("t", "k", "r1", { a: 1 });
    d.leave("t", "k", "r1", { a: 1 });
    d.leave("t", "k", "r2", { a: 1 });
    d.join("t", "k", "r2", { a: 1 });
    expect(d.empty).toBe(true);
    expect(d.take().size).toBe(0);
  });

  it("keeps a leave and a join of one ref whose meta changed", () => {
    const d = new DiffBuilder();
    d.leave("t", "k", "r1", { a: 1 });
    d.join("t", "k", "r1", { a: 2 });
    const diff = d.take().get("t")!;
    expect(diff.leaves).toEqual([["k", [{ ref: "r1", meta: { a: 1 } }]]]);
    expect(diff.joins).toEqual([["k", [{ ref: "r1", meta: { a: 2 } }]]]);
  });
});
