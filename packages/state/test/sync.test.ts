/**
 * StateServer and StateClient together, through a lossy in-memory "network": what each client
 * receives is decoded from the bytes that went out for it, views never leak, deltas follow the
 * acknowledged state, and a client that misses messages or acks resyncs instead of drifting.
 */
import { effect } from "@preact/signals-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StateClient } from "../src/client.js";
import { decodeMessage, defineSchema, MessageKind, readHeader, t } from "../src/index.js";
import { StateServer } from "../src/server.js";

const schema = defineSchema({
  root: { tick: t.uint },
  collections: {
    players: { key: "uint", fields: { x: t.quantized(100), y: t.quantized(100), seq: t.int } },
    coins: { key: "uint", fields: { x: t.quantized(1), y: t.quantized(1) } },
  },
});

interface World {
  tick: number;
  players: { id: number; x: number; y: number; seq: number }[];
  coins: { id: number; x: number; y: number }[];
}

const RADIUS = 100;
/** Everyone sees every player's position, only their own `seq`, and coins within RADIUS. */
const view = (world: World, me: number) => {
  const self = world.players.find((p) => p.id === me);
  return {
    root: { tick: world.tick },
    collections: {
      players: new Map(
        world.players.map((p) => [p.id, p.id === me ? p : { x: p.x, y: p.y }] as const),
      ),
      coins: new Map(
        world.coins
          .filter((c) => self && Math.hypot(c.x - self.x, c.y - self.y) <= RADIUS)
          .map((c) => [c.id, c] as const),
      ),
    },
  };
};

/** One server, clients behind a network that drops what `drop` says (bounded, deterministic). */
function setup(ids: number[], drop: (id: number, seq: number, dir: "down" | "up") => boolean) {
  const server = new StateServer({ schema, view });
  const wire = new Map<number, Uint8Array[]>();
  const clients = new Map<number, StateClient<typeof schema>>();
  for (const id of ids) {
    wire.set(id, []);
    const client = new StateClient({
      schema,
      ack: (seq) => {
        if (!drop(id, seq, "up")) server.ack(String(id), seq);
      },
      resync: () => server.resync(String(id)),
    });
    clients.set(id, client);
    server.add(String(id), id, (bytes) => {
      wire.get(id)!.push(bytes);
      if (!drop(id, readHeader(bytes).seq, "down")) client.receive(bytes);
    });
  }
  return { server, wire, clients };
}

function world(tick: number, n: number): World {
  return {
    tick,
    players: Array.from({ length: n }, (_, i) => ({
      id: i,
      x: 50 + i * 150 + Math.sin(tick / 5 + i) * 40,
      y: 100 + Math.cos(tick / 7 + i) * 60,
      seq: tick * 10 + i,
    })),
    coins: Array.from({ length: 20 }, (_, c) => ({
      id: c + Math.floor(tick / 30) * 100,
      x: (c * 97 + tick * 3) % 800,
      y: (c * 53) % 300,
    })),
  };
}

describe("StateServer + StateClient", () => {
  it("never puts anything outside a client's view on its wire", () => {
    const { server, wire } = setup([0, 1, 2], () => false);
    for (let tick = 0; tick < 120; tick++) {
      const w = world(tick, 3);
      server.commit(w);
      for (const me of [0, 1, 2]) {
        const bytes = wire.get(me)!.at(-1)!;
        // Each message decoded against the previous one (no loss here, so that is its base).
        const self = w.players[me]!;
        const decoded = decodeMessage(schema, bytes, lastState.get(me));
        lastState.set(me, decoded);
        for (const [id, p] of decoded.collections.players!) {
          if (id !== me) expect(p.seq).toBeUndefined();
        }
        for (const [id, c] of decoded.collections.coins!) {
          const coin = w.coins.find((k) => k.id === id)!;
          expect(Math.hypot(coin.x - self.x, coin.y - self.y)).toBeLessThanOrEqual(RADIUS);
          expect(c).toEqual({ x: coin.x, y: coin.y });
        }
        // And byte by byte: no delta mentions another player's seq or a hidden coin.
        expect(mentionsHidden(bytes, w, me)).toBe(false);
      }
    }
  });
  const lastState = new Map<number, ReturnType<typeof decodeMessage>>();

  it("sends deltas once acked, and the client ends equal to the server's view", () => {
    const { server, wire, clients } = setup([0, 1], () => false);
    for (let tick = 0; tick < 50; tick++) server.commit(world(tick, 2));
    const kinds = wire.get(0)!.map((b) => readHeader(b).kind);
    expect(kinds[0]).toBe(MessageKind.FULL);
    expect(kinds.slice(1).every((k) => k === MessageKind.DELTA)).toBe(true);
    expect(clients.get(0)!.state!.collections.players.get(1)).toEqual(
      roundPlayer(world(49, 2).players[1]!, false),
    );
  });

  it("resyncs after dropped deltas and lost acks, and never drifts (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        (downLoss, upLoss) => {
          const { server, clients } = setup([0, 1], (id, seq, dir) =>
            id === 0 && seq <= 120 ? (dir === "down" ? downLoss : upLoss)[seq % 60]! : false,
          );
          let last: World | undefined;
          for (let tick = 0; tick < 120; tick++) {
            last = world(tick, 2);
            server.commit(last);
          }
          // Then a clean stretch: whatever was lost, the client catches up exactly.
          for (let tick = 120; tick < 125; tick++) {
            last = world(tick, 2);
            server.commit(last);
          }
          const client = clients.get(0)!;
          const expected = view(last!, 0);
          expect(client.state!.root).toEqual({ tick: 124 });
          expect([...client.state!.collections.coins.keys()].sort()).toEqual(
            [...expected.collections.coins.keys()].sort(),
          );
          expect(client.state!.collections.players.get(0)).toEqual(
            roundPlayer(last!.players[0]!, true),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("asks for a full snapshot when a delta's base is gone, and gets one", () => {
    const { server, wire, clients } = setup([0], () => false);
    server.commit(world(0, 1));
    server.commit(world(1, 1));
    const client = clients.get(0)!;
    client.reset(); // the client lost its history: the next delta (against seq 2) is unusable
    server.commit(world(2, 1));
    expect(client.counters.resyncs).toBe(1);
    expect(client.state!.root).toEqual({ tick: 1 });
    server.commit(world(3, 1));
    expect(readHeader(wire.get(0)!.at(-1)!).kind).toBe(MessageKind.FULL);
    expect(client.state!.root).toEqual({ tick: 3 });
  });

  it("falls back to full snapshots while acks are lost for longer than its history", () => {
    let lose = false;
    const { server, wire, clients } = setup([0], (_id, _seq, dir) => lose && dir === "up");
    server.commit(world(0, 1));
    lose = true;
    for (let tick = 1; tick < 60; tick++) server.commit(world(tick, 1));
    const kinds = wire.get(0)!.map((b) => readHeader(b).kind);
    expect(kinds.slice(1, 32).every((k) => k === MessageKind.DELTA)).toBe(true);
    expect(kinds.slice(34).every((k) => k === MessageKind.FULL)).toBe(true);
    expect(clients.get(0)!.state!.root).toEqual({ tick: 59 });
  });

  it("updates only the signals of what changed", () => {
    const { server, clients } = setup([0, 1], () => false);
    const client = clients.get(0)!;
    const w = world(0, 2);
    server.commit(w);
    let runs0 = 0;
    let runs1 = 0;
    let keyRuns = 0;
    const stops = [
      effect(() => {
        client.entity("players", 0).value;
        runs0++;
      }),
      effect(() => {
        client.entity("players", 1).value;
        runs1++;
      }),
      effect(() => {
        client.keys("players").value;
        keyRuns++;
      }),
    ];
    const moved = { ...w, tick: 1, players: [w.players[0]!, { ...w.players[1]!, x: 999 }] };
    server.commit(moved);
    expect([runs0, runs1, keyRuns]).toEqual([1, 2, 1]);
    expect(client.entity("players", 1).value).toMatchObject({ x: 999 });
    server.commit({ ...moved, tick: 2, players: [moved.players[0]!] });
    expect(client.entity("players", 1).value).toBeUndefined();
    expect(client.keys("players").value).toEqual([0]);
    for (const stop of stops) stop();
  });

  it("ignores stale, duplicate and forged acks and messages", () => {
    const { server, clients, wire } = setup([0], () => false);
    server.commit(world(0, 1));
    server.commit(world(1, 1));
    const client = clients.get(0)!;
    expect(client.receive(wire.get(0)![0]!)).toBe(false); // older than what it has
    server.ack("0", 1e9);
    server.ack("0", "2");
    server.ack("nobody", 1);
    server.commit(world(2, 1));
    expect(client.state!.root).toEqual({ tick: 2 });
    expect(client.receive(new Uint8Array([0x11, 9, 1, 0xff]))).toBe(false);
  });
});

function roundPlayer(p: { x: number; y: number; seq: number }, own: boolean) {
  const q = (v: number) => Math.round(v * 100) / 100;
  return own ? { x: q(p.x), y: q(p.y), seq: p.seq } : { x: q(p.x), y: q(p.y) };
}

/**
 * Byte-level check independent of the decoder: each hidden coin, encoded as a new entity would
 * be (key, mask "x and y set", zigzag x, zigzag y), must not appear as a run in the message.
 */
function mentionsHidden(bytes: Uint8Array, w: World, me: number): boolean {
  const self = w.players[me]!;
  const hex = Buffer.from(bytes).toString("hex");
  for (const coin of w.coins) {
    if (Math.hypot(coin.x - self.x, coin.y - self.y) <= RADIUS) continue;
    const run = Buffer.from([coin.id, 0b101, ...zigzag(coin.x), ...zigzag(coin.y)]).toString("hex");
    if (coin.id < 128 && hex.includes(run)) return true;
  }
  return false;
}

function zigzag(n: number): number[] {
  let v = n * 2;
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
