// Property tests of the cluster merge: random joins, leaves, updates, lost messages, node
// deaths, restarts of the network and sweeps, in any interleaving; then the network settles
// and every live node must show exactly the union of the live nodes' own entries, and the
// diffs each node emitted, folded from nothing, must give that same list (diffs are exact).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClusterMessage } from "../src/cluster-messages.js";
import { Replicas } from "../src/replicas.js";
import { applyDiff, type PresenceState, toState } from "../src/sync.js";
import type { PresenceList } from "../src/types.js";

const DOWN_AFTER = 50;
const NODES = ["a", "b", "c", "d"];
const TOPICS = ["t1", "t2"];
const KEYS = ["k1", "k2", "k3"];

type Action =
  | { kind: "join"; node: number; topic: number; key: number; meta: number }
  | { kind: "leave"; node: number; pick: number }
  | { kind: "flush"; node: number }
  | { kind: "deliver"; from: number; to: number; count: number }
  | { kind: "drop"; from: number; to: number }
  | { kind: "tick"; node: number; advance: number }
  | { kind: "kill"; node: number }
  | { kind: "restart"; node: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 15,
    arbitrary: fc.record({
      kind: fc.constant("join" as const),
      node: fc.nat(3),
      topic: fc.nat(1),
      key: fc.nat(2),
      meta: fc.nat(2),
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant("leave" as const),
      node: fc.nat(3),
      pick: fc.nat(20),
    }),
  },
  { weight: 9, arbitrary: fc.record({ kind: fc.constant("flush" as const), node: fc.nat(3) }) },
  {
    weight: 24,
    arbitrary: fc.record({
      kind: fc.constant("deliver" as const),
      from: fc.nat(3),
      to: fc.nat(3),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("drop" as const), from: fc.nat(3), to: fc.nat(3) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("tick" as const),
      node: fc.nat(3),
      advance: fc.nat(20),
    }),
  },
  // a long silence: whoever ticks next may take the others for dead
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("tick" as const),
      node: fc.nat(3),
      advance: fc.constant(60),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("kill" as const), node: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("restart" as const), node: fc.nat(3) }) },
);

interface SimNode {
  replicas: Replicas;
  /** What a subscriber of this node sees: every diff it emitted, folded from nothing. */
  mirror: Map<string, PresenceState>;
  /** Its own live entries: [topic, key, ref]. */
  own: [string, string, string][];
  refs: number;
}

class Sim {
  now = 0;
  nodes: (SimNode | undefined)[] = [];
  /** queues[from][to]: messages in flight, in send order (pub/sub keeps a sender's order). */
  queues: ClusterMessage[][][] = NODES.map(() => NODES.map(() => []));
  incarnation = 0;

  constructor() {
    for (let i = 0; i < NODES.length; i++) this.start(i);
  }

  start(i: number): void {
    const replicas = new Replicas(`${NODES[i]}${this.incarnation++}`, {
      downAfter: DOWN_AFTER,
      retryAfter: 20,
    });
    this.nodes[i] = { replicas, mirror: new Map(), own: [], refs: 0 };
    replicas.hello(this.now);
    this.pump(i);
  }

  /** Moves a node's outgoing messages to the queues and its diffs to its mirror. */
  pump(i: number): void {
    const node = this.nodes[i];
    if (!node) return;
    for (const msg of node.replicas.takeOutgoing()) {
      for (let to = 0; to < NODES.length; to++) if (to !== i) this.queues[i]![to]!.push(msg);
    }
    for (const [topic, diff] of node.replicas.takeDiffs()) {
      // a resync never shows a ref leaving and joining again unchanged
      const left = new Set(
        diff.leaves.flatMap(([, es]) => es.map((e) => `${e.ref}${JSON.stringify(e.meta)}`)),
      );
      for (const [, es] of diff.joins) {
        for (const e of es) expect(left.has(`${e.ref}${JSON.stringify(e.meta)}`)).toBe(false);
      }
      let state = node.mirror.get(topic);
      if (!state) {
        state = new Map();
        node.mirror.set(topic, state);
      }
      const applied = applyDiff(state, diff);
      // every ref in a diff is a real change for a subscriber that saw every diff
      expect(applied.joins.flatMap((c) => c.entries).length).toBe(
        diff.joins.flatMap(([, es]) => es).length,
      );
      expect(applied.leaves.flatMap((c) => c.entries).length).toBe(
        diff.leaves.flatMap(([, es]) => es).length,
      );
    }
  }

  run(a: Action): void {
    switch (a.kind) {
      case "join": {
        const node = this.nodes[a.node];
        if (!node) return;
        const topic = TOPICS[a.topic]!;
        const key = KEYS[a.key]!;
        const ref = `${node.replicas.node}.${node.refs++}`;
        node.replicas.join(topic, key, ref, { v: a.meta });
        node.own.push([topic, key, ref]);
        this.pump(a.node);
        return;
      }
      case "leave": {
        const node = this.nodes[a.node];
        if (!node || node.own.length === 0) return;
        const [entry] = node.own.splice(a.pick % node.own.length, 1);
        node.replicas.leave(entry![0], entry![1], entry![2]);
        this.pump(a.node);
        return;
      }
      case "flush": {
        this.nodes[a.node]?.replicas.flush();
        this.pump(a.node);
        return;
      }
      case "deliver":
        this.deliver(a.from, a.to, a.count);
        return;
      case "drop":
        this.queues[a.from]![a.to] = [];
        return;
      case "tick": {
        this.now += a.advance;
        this.nodes[a.node]?.replicas.tick(this.now);
        this.pump(a.node);
        return;
      }
      case "kill": {
        this.nodes[a.node] = undefined;
        // what it sent may still be in flight (it was published before it died)
        return;
      }
      case "restart": {
        if (this.nodes[a.node]) return;
        this.start(a.node);
        return;
      }
    }
  }

  deliver(from: number, to: number, count: number): void {
    const queue = this.queues[from]![to]!;
    const node = this.nodes[to];
    for (let i = 0; i < count && queue.length > 0; i++) {
      const msg = queue.shift()!;
      if (!node) continue;
      node.replicas.receive(msg, this.now);
      node.replicas.flush(); // as the tracker does after each message (answers a state request)
      this.pump(to);
    }
  }

  /** Delivers everything in flight (replies included), bounded. */
  drain(): void {
    for (let round = 0; round < 100; round++) {
      let moved = false;
      for (let from = 0; from < NODES.length; from++) {
        for (let to = 0; to < NODES.length; to++) {
          if (this.queues[from]![to]!.length > 0) {
            moved = true;
            this.deliver(from, to, Number.POSITIVE_INFINITY);
          }
        }
      }
      if (!moved) return;
    }
    throw new Error("the network did not settle in 100 rounds");
  }

  /** Heartbeats past the down time: dead nodes are swept, live ones resync. */
  settle(): void {
    for (let i = 0; i < NODES.length; i++) {
      this.nodes[i]?.replicas.flush();
      this.pump(i);
    }
    this.drain();
    for (let step = 0; step < 6; step++) {
      this.now += DOWN_AFTER / 2;
      for (let i = 0; i < NODES.length; i++) {
        this.nodes[i]?.replicas.tick(this.now);
        this.pump(i);
      }
      this.drain();
    }
  }

  expected(topic: string): PresenceState {
    const state: PresenceState = new Map();
    for (const node of this.nodes) {
      if (!node) continue;
      const keys = node.replicas.local.get(topic);
      for (const [key, refs] of keys ?? []) {
        for (const [ref, meta] of refs) {
          let m = state.get(key);
          if (!m) {
            m = new Map();
            state.set(key, m);
          }
          m.set(ref, meta);
        }
      }
    }
    return state;
  }
}

function normalise(state: PresenceState): [string, [string, unknown][]][] {
  return [...state]
    .filter(([, refs]) => refs.size > 0)
    .map(
      ([key, refs]) =>
        [key, [...refs].sort(([a], [b]) => a.localeCompare(b))] as [string, [string, unknown][]],
    )
    .sort(([a], [b]) => a.localeCompare(b));
}

function fromList(list: PresenceList): PresenceState {
  return toState(list);
}

describe("replicas converge", () => {
  it("any order of joins, leaves, lost messages, deaths, restarts and sweeps converges", () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 20, maxLength: 100, size: "max" }), (actions) => {
        const sim = new Sim();
        for (const a of actions) sim.run(a);
        sim.settle();
        for (const topic of TOPICS) {
          const expected = normalise(sim.expected(topic));
          for (const node of sim.nodes) {
            if (!node) continue;
            expect(normalise(fromList(node.replicas.list(topic)))).toEqual(expected);
            expect(normalise(node.mirror.get(topic) ?? new Map())).toEqual(expected);
            expect(node.replicas.count(topic)).toBe(expected.length);
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it("with every node alive, lost messages are noticed by clock and healed by a resync", () => {
    const calm = action.filter(
      (a) => a.kind !== "kill" && a.kind !== "restart" && !(a.kind === "tick" && a.advance > 20),
    );
    fc.assert(
      fc.property(fc.array(calm, { minLength: 20, maxLength: 100, size: "max" }), (actions) => {
        const sim = new Sim();
        for (const a of actions) sim.run(a);
        sim.settle();
        for (const topic of TOPICS) {
          const expected = normalise(sim.expected(topic));
          for (const node of sim.nodes) {
            expect(normalise(node!.mirror.get(topic) ?? new Map())).toEqual(expected);
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it("a resync after lost messages sends only what changed", () => {
    const sim = new Sim();
    sim.settle();
    sim.run({ kind: "join", node: 0, topic: 0, key: 0, meta: 1 });
    sim.run({ kind: "join", node: 0, topic: 0, key: 1, meta: 1 });
    sim.run({ kind: "flush", node: 0 });
    sim.drain();
    // node 0's next delta to node 1 is lost
    sim.run({ kind: "join", node: 0, topic: 0, key: 2, meta: 1 });
    sim.run({ kind: "flush", node: 0 });
    sim.run({ kind: "drop", from: 0, to: 1 });
    // and the next one arrives: its clock shows the gap
    sim.run({ kind: "join", node: 0, topic: 0, key: 0, meta: 2 });
    sim.run({ kind: "flush", node: 0 });
    const b = sim.nodes[1]!;
    const seen: string[] = [];
    sim.drain();
    // the mirror saw exactly one join, k3, and no leave
    const state = b.mirror.get("t1")!;
    for (const [key] of state) seen.push(key);
    expect(seen.sort()).toEqual(["k1", "k2", "k3"]);
    expect(b.replicas.count("t1")).toBe(3);
    expect(state.get("k1")?.size).toBe(2);
  });
});
