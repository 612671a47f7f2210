import { expect, test } from "vitest";
import {
  addPlayer,
  clampStick,
  createGame,
  type GameState,
  RULES,
  seededRandom,
  step,
} from "../shared/simulation.js";
import { interpolate } from "../web/interpolate.js";

function gameWith(...names: string[]): GameState {
  let state = createGame(seededRandom(1));
  for (const name of names) state = addPlayer(state, name, name)!;
  return state;
}

test("starts with coins and seats players in distinct slots", () => {
  const state = gameWith("a", "b");
  expect(state.coins).toHaveLength(RULES.coinCount);
  expect(new Set(state.players.map((p) => p.slot)).size).toBe(2);
});

test("refuses a player when the arena is full", () => {
  const names = Array.from({ length: RULES.maxPlayers }, (_, i) => `p${i}`);
  expect(addPlayer(gameWith(...names), "late", "late")).toBeUndefined();
});

test("moves players by their stick and keeps them inside", () => {
  const state = gameWith("a");
  const start = state.players[0]!;
  const moved = step(state, new Map([["a", { x: -1, y: 0 }]]), 0.1, seededRandom(2));
  expect(moved.players[0]!.x).toBeCloseTo(start.x - RULES.playerSpeed * 0.1);
  let far = state;
  for (let i = 0; i < 100; i++)
    far = step(far, new Map([["a", { x: -1, y: -1 }]]), 0.1, Math.random);
  expect(far.players[0]).toMatchObject({ x: RULES.playerRadius, y: RULES.playerRadius });
});

test("a touched coin scores and is replaced", () => {
  const state = gameWith("a");
  const coin = state.coins[0]!;
  const onCoin = { ...state, players: [{ ...state.players[0]!, x: coin.x, y: coin.y }] };
  const next = step(onCoin, new Map(), 0.05, seededRandom(3));
  expect(next.players[0]!.score).toBe(1);
  expect(next.coins).toHaveLength(RULES.coinCount);
  expect(next.coins.some((c) => c.id === coin.id)).toBe(false);
});

test("clamps untrusted sticks", () => {
  expect(clampStick({ x: 5, y: 0 })).toEqual({ x: 1, y: 0 });
  expect(clampStick({ x: 1, y: 1 }).x).toBeCloseTo(Math.SQRT1_2);
  expect(clampStick("fast")).toEqual({ x: 0, y: 0 });
  expect(clampStick({ x: Number.NaN, y: -0.5 })).toEqual({ x: 0, y: -0.5 });
});

test("interpolates between snapshots", () => {
  const [player] = gameWith("a").players;
  const moved = { ...player!, x: player!.x + 10 };
  expect(interpolate([player!], [moved], 0.5)[0]!.x).toBeCloseTo(player!.x + 5);
  expect(interpolate([], [moved], 0.5)[0]).toEqual(moved);
  expect(interpolate([player!], [moved], 2)[0]!.x).toBe(moved.x);
});
