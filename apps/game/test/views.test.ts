/**
 * The game's view policy by property, encoded and decoded as it goes on the wire: for random
 * matches, a player's state never holds a coin beyond its sight nor another player's `seq`;
 * spectators see coins near some player only; everyone sees every player and score.
 */
import { decodeMessage, encodeFull, normalizeState } from "@volley/state";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gameView } from "../server/views.js";
import type { Snapshot } from "../shared/events.js";
import { DEFAULT_RULES } from "../shared/simulation.js";
import { gameSchema, toSnapshot } from "../shared/sync.js";

const RADIUS = DEFAULT_RULES.viewRadius;
const x = fc.integer({ min: 0, max: DEFAULT_RULES.width });
const y = fc.integer({ min: 0, max: DEFAULT_RULES.height });
const snapshot: fc.Arbitrary<Snapshot> = fc
  .record({
    players: fc.uniqueArray(
      fc.record({ slot: fc.nat({ max: 7 }), x, y, score: fc.nat(20), seq: fc.nat(5000) }),
      { selector: (p) => p.slot, minLength: 1, maxLength: 8 },
    ),
    coins: fc.uniqueArray(fc.record({ id: fc.nat(500), x, y }), { selector: (c) => c.id }),
    tick: fc.nat(100_000),
  })
  .map(({ players, coins, tick }) => ({
    code: "ABCDE",
    time: 0,
    tick,
    round: 1,
    phase: "playing" as const,
    timeLeft: 42.5,
    winner: null,
    players: players.map((p) => ({ ...p, id: `p${p.slot}`, name: `N${p.slot}`, connected: true })),
    coins,
    spectators: 0,
  }));

/** What a viewer gets, after the wire: view → normalize → encode → decode → Snapshot. */
function received(s: Snapshot, playerId: string | null): Snapshot {
  const view = normalizeState(gameSchema, gameView(s, { playerId }, RADIUS));
  const decoded = decodeMessage(gameSchema, encodeFull(gameSchema, 1, view));
  return toSnapshot(decoded as Parameters<typeof toSnapshot>[0]);
}

describe("game views", () => {
  it("a player gets coins in sight only, its own seq only, and every player and score", () => {
    fc.assert(
      fc.property(snapshot, fc.nat(), (s, pick) => {
        const me = s.players[pick % s.players.length]!;
        const got = received(s, me.id);
        for (const coin of got.coins)
          expect(Math.hypot(coin.x - me.x, coin.y - me.y)).toBeLessThanOrEqual(RADIUS);
        const inSight = s.coins.filter((c) => Math.hypot(c.x - me.x, c.y - me.y) <= RADIUS);
        expect(got.coins.map((c) => c.id).sort()).toEqual(inSight.map((c) => c.id).sort());
        for (const p of got.players) expect(p.seq).toBe(p.id === me.id ? me.seq : -1);
        expect(got.players.map((p) => [p.name, p.score])).toEqual(
          [...s.players].sort((a, b) => a.slot - b.slot).map((p) => [p.name, p.score]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("a spectator gets coins near some player and nobody's seq", () => {
    fc.assert(
      fc.property(snapshot, (s) => {
        const got = received(s, null);
        for (const coin of got.coins)
          expect(s.players.some((p) => Math.hypot(coin.x - p.x, coin.y - p.y) <= RADIUS)).toBe(
            true,
          );
        for (const p of got.players) expect(p.seq).toBe(-1);
      }),
      { numRuns: 100 },
    );
  });
});
