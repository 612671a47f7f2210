import { describe, expect, it } from "vitest";
import {
  addPlayer,
  clampInput,
  createGame,
  DEFAULT_RULES,
  type GameState,
  type Inputs,
  movePlayer,
  removePlayer,
  spawnPoint,
  step,
  TICK_SECONDS,
} from "../shared/simulation.js";

const dt = TICK_SECONDS;

function withPlayers(state: GameState, count: number): GameState {
  let next = state;
  for (let i = 0; i < count; i++) next = addPlayer(next, { id: `p${i}`, name: `P${i}`, slot: i });
  return next;
}

function run(state: GameState, ticks: number, inputs: (tick: number) => Inputs = () => ({})) {
  let next = state;
  for (let i = 0; i < ticks; i++) next = step(next, inputs(i), dt);
  return next;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("simulation", () => {
  it("is deterministic: the same seed and inputs give the same states", () => {
    const inputs = (t: number): Inputs => ({
      p0: { x: Math.sin(t / 7), y: Math.cos(t / 5) },
      p1: { x: -1, y: 0.3 },
    });
    const a = run(withPlayers(createGame({ seed: 42 }), 2), 900, inputs);
    const b = run(withPlayers(createGame({ seed: 42 }), 2), 900, inputs);
    expect(a).toEqual(b);
    expect(a.tick).toBe(900);
  });

  it("lays out coins from the seed", () => {
    const a = createGame({ seed: 1 });
    const b = createGame({ seed: 1 });
    const c = createGame({ seed: 2 });
    expect(a.coins).toHaveLength(DEFAULT_RULES.coinCount);
    expect(a.coins).toEqual(b.coins);
    expect(a.coins).not.toEqual(c.coins);
    for (const coin of a.coins) {
      expect(coin.x).toBeGreaterThan(0);
      expect(coin.x).toBeLessThan(DEFAULT_RULES.width);
      expect(coin.y).toBeGreaterThan(0);
      expect(coin.y).toBeLessThan(DEFAULT_RULES.height);
    }
  });

  it("never mutates the state it is given", () => {
    const state = deepFreeze(
      withPlayers(createGame({ seed: 3, coinLayout: [{ x: 150, y: 150 }] }), 2),
    );
    expect(() => run(state, 60, () => ({ p0: { x: 1, y: 0 } }))).not.toThrow();
  });

  it("spawns players at their slot's spawn point", () => {
    const state = withPlayers(createGame({ seed: 1 }), 3);
    for (const p of state.players)
      expect({ x: p.x, y: p.y }).toEqual(spawnPoint(state.rules, p.slot));
    expect(new Set(state.players.map((p) => `${p.x},${p.y}`)).size).toBe(3);
  });

  it("moves at the rules' speed, x to the right and y down", () => {
    const state = withPlayers(createGame({ seed: 1, rules: { coinCount: 0 } }), 1);
    const start = state.players[0]!;
    const after = run(state, 30, () => ({ p0: { x: 1, y: 0 } })).players[0]!;
    expect(after.x - start.x).toBeCloseTo(DEFAULT_RULES.playerSpeed, 6);
    expect(after.y).toBe(start.y);
    const down = run(state, 10, () => ({ p0: { x: 0, y: 1 } })).players[0]!;
    expect(down.y).toBeGreaterThan(start.y);
  });

  it("clamps sticks to the unit disc so diagonals and huge vectors are not faster", () => {
    expect(clampInput({ x: 1, y: 1 }).x).toBeCloseTo(Math.SQRT1_2);
    expect(clampInput({ x: 1e9, y: 0 })).toEqual({ x: 1, y: 0 });
    expect(clampInput({ x: Number.NaN, y: Number.POSITIVE_INFINITY })).toEqual({ x: 0, y: 0 });
    const moved = movePlayer(DEFAULT_RULES, { x: 400, y: 300 }, { x: 1e6, y: 1e6 }, dt);
    expect(Math.hypot(moved.x - 400, moved.y - 300)).toBeCloseTo(DEFAULT_RULES.playerSpeed * dt, 6);
  });

  it("keeps players inside the arena", () => {
    const state = withPlayers(createGame({ seed: 1 }), 1);
    const after = run(state, 200, () => ({ p0: { x: -1, y: -1 } })).players[0]!;
    expect(after.x).toBe(DEFAULT_RULES.playerRadius);
    expect(after.y).toBe(DEFAULT_RULES.playerRadius);
  });

  it("applies a list of inputs in order within one tick", () => {
    const state = withPlayers(createGame({ seed: 1, rules: { coinCount: 0 } }), 1);
    const start = state.players[0]!;
    const after = step(
      state,
      {
        p0: [
          { x: 1, y: 0 },
          { x: 0, y: 1 },
        ],
      },
      dt,
    ).players[0]!;
    expect(after.x - start.x).toBeCloseTo(8);
    expect(after.y - start.y).toBeCloseTo(8);
  });

  it("scores a coin on touch and replaces it", () => {
    const spawn = spawnPoint(DEFAULT_RULES, 0);
    const coin = { x: spawn.x + 100, y: spawn.y };
    const state = withPlayers(
      createGame({ seed: 7, rules: { coinCount: 1 }, coinLayout: [coin] }),
      2,
    );
    const before = run(state, 5, () => ({ p0: { x: 1, y: 0 } }));
    expect(before.players[0]!.score).toBe(0);
    const after = run(state, 30, () => ({ p0: { x: 1, y: 0 } }));
    expect(after.players[0]!.score).toBe(1);
    expect(after.players[1]!.score).toBe(0);
    expect(after.coins).toHaveLength(1);
    expect(after.coins.some((c) => c.x === coin.x && c.y === coin.y)).toBe(false);
  });

  it("ends the round at the score target, then restarts with scores reset", () => {
    const spawn = spawnPoint(DEFAULT_RULES, 0);
    const coin = { x: spawn.x + 40, y: spawn.y };
    const rules = { scoreTarget: 1, intermissionSeconds: 1 };
    const state = withPlayers(createGame({ seed: 7, rules, coinLayout: [coin] }), 2);
    const ended = run(state, 5, () => ({ p0: { x: 1, y: 0 } }));
    expect(ended.phase).toBe("ended");
    expect(ended.winner).toBe("P0");
    expect(ended.coins).toHaveLength(0);
    const restarted = run(ended, 30);
    expect(restarted.phase).toBe("playing");
    expect(restarted.round).toBe(2);
    expect(restarted.players[0]!.score).toBe(0);
    expect({ x: restarted.players[0]!.x, y: restarted.players[0]!.y }).toEqual(spawn);
    expect(restarted.coins).toHaveLength(DEFAULT_RULES.coinCount);
  });

  it("ends the round when the clock runs out: top scorer wins, a tie is a draw", () => {
    const rules = { roundSeconds: 2 };
    const quiet = run(withPlayers(createGame({ seed: 9, rules }), 2), 60);
    expect(quiet.phase).toBe("ended");
    expect(quiet.winner).toBeNull();
    const spawn = spawnPoint(DEFAULT_RULES, 1);
    const coin = { x: spawn.x - 60, y: spawn.y };
    const won = run(withPlayers(createGame({ seed: 9, rules, coinLayout: [coin] }), 2), 60, () => ({
      p1: { x: -1, y: 0 },
    }));
    expect(won.winner).toBe("P1");
  });

  it("adds and removes players without touching the others", () => {
    const state = withPlayers(createGame({ seed: 1 }), 3);
    const removed = removePlayer(state, "p1");
    expect(removed.players.map((p) => p.id)).toEqual(["p0", "p2"]);
    expect(addPlayer(removed, { id: "p0", name: "dup", slot: 5 })).toBe(removed);
  });
});

describe("coin placement", () => {
  it("never puts a random coin where a player spawns", () => {
    for (let seed = 0; seed < 200; seed++) {
      const state = createGame({ seed });
      for (let slot = 0; slot < DEFAULT_RULES.maxPlayers; slot++) {
        const spawn = spawnPoint(state.rules, slot);
        for (const coin of state.coins) {
          expect(Math.hypot(coin.x - spawn.x, coin.y - spawn.y)).toBeGreaterThan(
            DEFAULT_RULES.playerRadius + DEFAULT_RULES.coinRadius,
          );
        }
      }
    }
  });
});
