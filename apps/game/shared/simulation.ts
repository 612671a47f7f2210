/**
 * The game itself: Coin Rush, a top-down arena where 2–8 players race to collect coins.
 *
 * Pure and deterministic: `step(state, inputs, dt)` returns a new state and never reads the
 * clock, the network or Math.random; randomness comes from the seeded generator stored in the
 * state. The server runs it at a fixed tick; clients run `movePlayer` (the same movement code)
 * to predict their own player.
 *
 * Rules: touching a coin scores a point and a new coin appears elsewhere. A round ends when a
 * player reaches the score target or the clock runs out; after a short intermission everyone
 * respawns at their slot's spawn point and a new round starts with scores reset.
 */
import { nextRandom, randomBetween, seedRng } from "./rng.js";

export interface Vec {
  x: number;
  y: number;
}

export interface Rules {
  /** Arena size in world units; x grows to the right, y grows downwards. */
  width: number;
  height: number;
  playerRadius: number;
  coinRadius: number;
  /** Player speed in world units per second at full stick. */
  playerSpeed: number;
  /** Coins on the field at any time while a round is being played. */
  coinCount: number;
  /** Round length in seconds. */
  roundSeconds: number;
  /** A round also ends as soon as someone reaches this score. */
  scoreTarget: number;
  /** Pause between rounds in seconds. */
  intermissionSeconds: number;
  maxPlayers: number;
  /** How far a player sees: coins further away are fogged (never sent to that player). */
  viewRadius: number;
}

export const DEFAULT_RULES: Rules = {
  width: 960,
  height: 600,
  playerRadius: 18,
  coinRadius: 11,
  playerSpeed: 240,
  coinCount: 6,
  roundSeconds: 90,
  scoreTarget: 15,
  intermissionSeconds: 6,
  maxPlayers: 8,
  viewRadius: 230,
};

/** The fixed simulation rate of the authoritative server. */
export const TICK_RATE = 30;
export const TICK_SECONDS = 1 / TICK_RATE;

export interface PlayerState {
  id: string;
  name: string;
  /** 0..maxPlayers-1; decides the spawn point and the colour. */
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

export type Phase = "playing" | "ended";

export interface GameState {
  rules: Rules;
  tick: number;
  round: number;
  phase: Phase;
  /** Seconds left in the current phase (round clock, or intermission). */
  phaseTimeLeft: number;
  /** Name of the last round's winner (null for a draw or while playing). */
  winner: string | null;
  players: PlayerState[];
  coins: Coin[];
  nextCoinId: number;
  /** Generator state for the seeded RNG. */
  rng: number;
  /** Where the first coins of every round go (test layouts); the rest are random. */
  coinLayout: Vec[];
}

/** One player's stick for one tick: each axis in [-1, 1]; longer vectors are scaled down. */
export interface MoveInput {
  x: number;
  y: number;
}

/**
 * Inputs for one tick, by player id. A player without an input stands still; a list is applied
 * in order (the server drains a backlog of queued frames that way, never more than a few).
 */
export type Inputs = Readonly<Record<string, MoveInput | readonly MoveInput[] | undefined>>;

export interface GameOptions {
  seed: number;
  rules?: Partial<Rules>;
  coinLayout?: Vec[];
}

const EPSILON = 1e-9;

/** Spawn points as fractions of the arena, one per slot, spread so nobody starts on a coin rush. */
const SPAWNS: readonly Vec[] = [
  { x: 0.15, y: 0.25 },
  { x: 0.85, y: 0.75 },
  { x: 0.85, y: 0.25 },
  { x: 0.15, y: 0.75 },
  { x: 0.5, y: 0.15 },
  { x: 0.5, y: 0.85 },
  { x: 0.07, y: 0.5 },
  { x: 0.93, y: 0.5 },
];

export function spawnPoint(rules: Rules, slot: number): Vec {
  const spawn = SPAWNS[slot % SPAWNS.length]!;
  return { x: Math.round(spawn.x * rules.width), y: Math.round(spawn.y * rules.height) };
}

/** A new game, playing round 1 with no players. */
export function createGame(options: GameOptions): GameState {
  const rules = { ...DEFAULT_RULES, ...options.rules };
  const state: GameState = {
    rules,
    tick: 0,
    round: 1,
    phase: "playing",
    phaseTimeLeft: rules.roundSeconds,
    winner: null,
    players: [],
    coins: [],
    nextCoinId: 1,
    rng: seedRng(options.seed),
    coinLayout: (options.coinLayout ?? []).map((c) => clampToArena(rules, c, rules.coinRadius)),
  };
  return layCoins(state);
}

export function addPlayer(
  state: GameState,
  player: { id: string; name: string; slot: number },
): GameState {
  if (state.players.some((p) => p.id === player.id)) return state;
  const spawn = spawnPoint(state.rules, player.slot);
  const added: PlayerState = { ...player, x: spawn.x, y: spawn.y, score: 0 };
  const players = [...state.players, added].sort((a, b) => a.slot - b.slot);
  return { ...state, players };
}

export function removePlayer(state: GameState, id: string): GameState {
  return { ...state, players: state.players.filter((p) => p.id !== id) };
}

/** Scales a stick vector into the unit disc; anything non-finite counts as zero. */
export function clampInput(input: MoveInput): MoveInput {
  const x = Number.isFinite(input.x) ? input.x : 0;
  const y = Number.isFinite(input.y) ? input.y : 0;
  const length = Math.hypot(x, y);
  if (length <= 1) return { x, y };
  return { x: x / length, y: y / length };
}

/**
 * Moves one player for `dt` seconds. This is the movement code both the server simulation and
 * the client prediction run, so a predicted position matches the server's exactly.
 */
export function movePlayer(rules: Rules, position: Vec, input: MoveInput, dt: number): Vec {
  const stick = clampInput(input);
  const moved = {
    x: position.x + stick.x * rules.playerSpeed * dt,
    y: position.y + stick.y * rules.playerSpeed * dt,
  };
  return clampToArena(rules, moved, rules.playerRadius);
}

/** Advances the game by one tick of `dt` seconds. */
export function step(state: GameState, inputs: Inputs, dt: number): GameState {
  const players = state.players.map((p) => {
    const input = inputs[p.id];
    if (!input) return p;
    let moved: Vec = p;
    for (const frame of Array.isArray(input) ? input : [input]) {
      moved = movePlayer(state.rules, moved, frame, dt);
    }
    return { ...p, x: moved.x, y: moved.y };
  });
  let next: GameState = {
    ...state,
    tick: state.tick + 1,
    players,
    phaseTimeLeft: state.phaseTimeLeft - dt,
  };

  if (state.phase === "ended") {
    return next.phaseTimeLeft <= EPSILON ? startRound(next) : next;
  }

  next = collectCoins(next);
  const leader = next.players.find((p) => p.score >= next.rules.scoreTarget);
  if (leader) return endRound(next, leader.name);
  if (next.phaseTimeLeft <= EPSILON) return endRound(next, topScorer(next.players));
  return next;
}

function collectCoins(state: GameState): GameState {
  const reach = state.rules.playerRadius + state.rules.coinRadius;
  let next = state;
  for (const coin of state.coins) {
    // Players are kept sorted by slot, so a tie goes to the lower slot, deterministically.
    const taker = next.players.find((p) => Math.hypot(p.x - coin.x, p.y - coin.y) <= reach);
    if (!taker) continue;
    const players = next.players.map((p) => (p === taker ? { ...p, score: p.score + 1 } : p));
    const coins = next.coins.filter((c) => c.id !== coin.id);
    next = placeRandomCoin({ ...next, players, coins });
  }
  return next;
}

function endRound(state: GameState, winner: string | null): GameState {
  return {
    ...state,
    phase: "ended",
    phaseTimeLeft: state.rules.intermissionSeconds,
    winner,
    coins: [],
  };
}

function startRound(state: GameState): GameState {
  const players = state.players.map((p) => ({
    ...p,
    ...spawnPoint(state.rules, p.slot),
    score: 0,
  }));
  const next: GameState = {
    ...state,
    round: state.round + 1,
    phase: "playing",
    phaseTimeLeft: state.rules.roundSeconds,
    winner: null,
    players,
    coins: [],
  };
  return layCoins(next);
}

function topScorer(players: readonly PlayerState[]): string | null {
  let best: PlayerState | undefined;
  let tie = false;
  for (const p of players) {
    if (!best || p.score > best.score) {
      best = p;
      tie = false;
    } else if (p.score === best.score) {
      tie = true;
    }
  }
  return best && !tie && best.score > 0 ? best.name : null;
}

/** Fills the field: the fixed layout first, then random coins up to `coinCount`. */
function layCoins(state: GameState): GameState {
  let next = state;
  for (const spot of state.coinLayout.slice(0, state.rules.coinCount)) {
    next = {
      ...next,
      coins: [...next.coins, { id: next.nextCoinId, x: spot.x, y: spot.y }],
      nextCoinId: next.nextCoinId + 1,
    };
  }
  while (next.coins.length < next.rules.coinCount) next = placeRandomCoin(next);
  return next;
}

/** Adds one coin at a random spot, preferring spots away from players and other coins. */
function placeRandomCoin(state: GameState): GameState {
  const { rules } = state;
  const margin = rules.coinRadius + 24;
  let rng = state.rng;
  let spot: Vec = { x: rules.width / 2, y: rules.height / 2 };
  for (let attempt = 0; attempt < 16; attempt++) {
    const x = randomBetween(rng, margin, rules.width - margin);
    const y = randomBetween(x.next, margin, rules.height - margin);
    rng = y.next;
    spot = { x: Math.round(x.value), y: Math.round(y.value) };
    if (isClear(state, spot)) break;
  }
  // Burn one draw so the stream advances the same way whatever the attempts did.
  rng = nextRandom(rng).next;
  const coin: Coin = { id: state.nextCoinId, x: spot.x, y: spot.y };
  return { ...state, rng, coins: [...state.coins, coin], nextCoinId: state.nextCoinId + 1 };
}

/** Away from players, spawn points (nobody scores just by joining) and other coins. */
function isClear(state: GameState, spot: Vec): boolean {
  const { rules } = state;
  const nearPlayer = (rules.playerRadius + rules.coinRadius) * 3;
  const nearCoin = rules.coinRadius * 6;
  const far = (point: Vec, distance: number) =>
    Math.hypot(point.x - spot.x, point.y - spot.y) > distance;
  return (
    state.players.every((p) => far(p, nearPlayer)) &&
    SPAWNS.every(
      (_, slot) => slot >= rules.maxPlayers || far(spawnPoint(rules, slot), nearPlayer),
    ) &&
    state.coins.every((c) => far(c, nearCoin))
  );
}

function clampToArena(rules: Rules, point: Vec, radius: number): Vec {
  return {
    x: Math.min(rules.width - radius, Math.max(radius, point.x)),
    y: Math.min(rules.height - radius, Math.max(radius, point.y)),
  };
}
