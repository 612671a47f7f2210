/**
 * Seeded pseudo-random numbers for the simulation (mulberry32).
 *
 * The generator state is a plain 32-bit integer kept inside the game state, so a
 * simulation step stays a pure function: same state in, same state out.
 */

/** A draw: the value in [0, 1) and the generator state to use next. */
export interface Draw {
  value: number;
  next: number;
}

/** Turns any number (e.g. a seed from the environment) into a valid generator state. */
export function seedRng(seed: number): number {
  return (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
}

/** Draws one number in [0, 1) from `state`. */
export function nextRandom(state: number): Draw {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { value, next };
}

/** Draws a number in [min, max). */
export function randomBetween(state: number, min: number, max: number): Draw {
  const draw = nextRandom(state);
  return { value: min + draw.value * (max - min), next: draw.next };
}
