/**
 * Server settings from the environment, parsed and checked in one place.
 *
 * PORT (default 3001, 0 = any free port), HOST (default: all interfaces), and game settings:
 * GAME_SEED (first match's RNG seed), GAME_ROUND_SECONDS, GAME_SCORE_TARGET, GAME_GRACE_MS, and
 * GAME_TEST_COINS="x,y;x,y" — where the first coins of every round go, so an end-to-end test
 * knows where a coin is. The rules stay the real ones; only the layout is fixed.
 */
import type { Rules, Vec } from "../shared/simulation.js";
import type { GameServerOptions } from "./game-server.js";

export interface ServerConfig {
  port: number;
  host: string | undefined;
  game: GameServerOptions;
}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const rules: Partial<Rules> = {};
  const roundSeconds = positiveNumber(env.GAME_ROUND_SECONDS);
  if (roundSeconds !== undefined) rules.roundSeconds = roundSeconds;
  const scoreTarget = positiveNumber(env.GAME_SCORE_TARGET);
  if (scoreTarget !== undefined) rules.scoreTarget = Math.floor(scoreTarget);

  const game: GameServerOptions = { rules };
  const seed = positiveNumber(env.GAME_SEED);
  if (seed !== undefined) game.seed = seed;
  const graceMs = positiveNumber(env.GAME_GRACE_MS);
  if (graceMs !== undefined) game.graceMs = graceMs;
  const coins = parseCoinLayout(env.GAME_TEST_COINS);
  if (coins.length > 0) game.coinLayout = coins;

  const port = env.PORT === undefined || env.PORT === "" ? 3001 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  return { port, host: env.HOST || undefined, game };
}

/** "100,200;300,50" → [{x:100,y:200},{x:300,y:50}]; malformed entries are skipped. */
export function parseCoinLayout(value: string | undefined): Vec[] {
  if (!value) return [];
  const coins: Vec[] = [];
  for (const pair of value.split(";")) {
    const [x, y] = pair.split(",").map((n) => Number(n.trim()));
    if (Number.isFinite(x) && Number.isFinite(y)) coins.push({ x: x!, y: y! });
  }
  return coins;
}

function positiveNumber(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
