/**
 * The game: Coin Rush, a top-down arena where players race to collect coins. Pure functions of
 * the state: `step(state, inputs, dt, random)` never reads the clock or the network, so the
 * server runs it at a fixed tick and tests run it without sockets.
 */

export const RULES = {
  /** Arena size in world units; y grows downwards. */
  width: 800,
  height: 500,
  playerRadius: 16,
  coinRadius: 10,
  /** World units per second at full stick. */
  playerSpeed: 220,
  coinCount: 5,
  maxPlayers: 8,
} as const;

/** The server's fixed simulation rate; every tick also sends a snapshot. */
export const TICK_RATE = 20;

export interface Player {
  id: string;
  name: string;
  /** 0..maxPlayers-1: spawn point and colour. */
  slot: number;
  x: number;
  y: number;
  score: number;
}

export interface Coin {
  id: number;
  x: number;
  y: number;
}

export interface GameState {
  tick: number;
  players: Player[];
  coins: Coin[];
  nextCoinId: number;
}

/** A stick: each axis in [-1, 1]; longer vectors are scaled down to length 1. */
export interface Stick {
  x: number;
  y: number;
}

/** Returns a number in [0, 1); Math.random on the server, a seeded one in tests. */
export type Random = () => number;

export function createGame(random: Random): GameState {
  let state: GameState = { tick: 0, players: [], coins: [], nextCoinId: 1 };
  while (state.coins.length < RULES.coinCount) state = spawnCoin(state, random);
  return state;
}

/** Adds a player in the first free slot; undefined when the arena is full. */
export function addPlayer(state: GameState, id: string, name: string): GameState | undefined {
  const taken = new Set(state.players.map((p) => p.slot));
  const slot = [...Array(RULES.maxPlayers).keys()].find((s) => !taken.has(s));
  if (slot === undefined) return undefined;
  const angle = (slot / RULES.maxPlayers) * 2 * Math.PI;
  const player: Player = {
    id,
    name,
    slot,
    x: RULES.width / 2 + Math.cos(angle) * RULES.width * 0.35,
    y: RULES.height / 2 + Math.sin(angle) * RULES.height * 0.35,
    score: 0,
  };
  return { ...state, players: [...state.players, player] };
}

export function removePlayer(state: GameState, id: string): GameState {
  return { ...state, players: state.players.filter((p) => p.id !== id) };
}

/** Clamps any input to a valid stick (untrusted input from the network included). */
export function clampStick(input: unknown): Stick {
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const axis = (v: unknown) =>
    typeof v === "number" && Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
  const x = axis(raw.x);
  const y = axis(raw.y);
  const length = Math.hypot(x, y);
  return length > 1 ? { x: x / length, y: y / length } : { x, y };
}

/** Moves one player by its stick for `dt` seconds, kept inside the arena. */
export function movePlayer(player: Player, stick: Stick, dt: number): Player {
  const r = RULES.playerRadius;
  const x = player.x + stick.x * RULES.playerSpeed * dt;
  const y = player.y + stick.y * RULES.playerSpeed * dt;
  return {
    ...player,
    x: Math.max(r, Math.min(RULES.width - r, x)),
    y: Math.max(r, Math.min(RULES.height - r, y)),
  };
}

/** Advances the game by `dt` seconds: players move, touched coins score and respawn. */
export function step(
  state: GameState,
  sticks: ReadonlyMap<string, Stick>,
  dt: number,
  random: Random,
): GameState {
  const reach = RULES.playerRadius + RULES.coinRadius;
  let next: GameState = {
    ...state,
    tick: state.tick + 1,
    players: state.players.map((p) => movePlayer(p, sticks.get(p.id) ?? { x: 0, y: 0 }, dt)),
  };
  for (const coin of state.coins) {
    const taker = next.players.find((p) => Math.hypot(p.x - coin.x, p.y - coin.y) <= reach);
    if (!taker) continue;
    next = {
      ...next,
      coins: next.coins.filter((c) => c.id !== coin.id),
      players: next.players.map((p) => (p.id === taker.id ? { ...p, score: p.score + 1 } : p)),
    };
    next = spawnCoin(next, random);
  }
  return next;
}

function spawnCoin(state: GameState, random: Random): GameState {
  const margin = RULES.coinRadius * 2;
  const coin: Coin = {
    id: state.nextCoinId,
    x: margin + random() * (RULES.width - 2 * margin),
    y: margin + random() * (RULES.height - 2 * margin),
  };
  return { ...state, coins: [...state.coins, coin], nextCoinId: state.nextCoinId + 1 };
}

/** Mulberry32: a tiny seeded generator for reproducible tests. */
export function seededRandom(seed: number): Random {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), t | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
