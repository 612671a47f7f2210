/**
 * Interpolation helpers (pure): keep a short time-ordered buffer of synced positions and read
 * them back at a render time slightly in the past, so irregular updates become smooth motion.
 * Times are the server's clock (a root field of the synced state, say `time` in ms); the client
 * maps its own clock onto it with `updateClockOffset`.
 */

export interface Vec {
  x: number;
  y: number;
}

export interface TimedSample<K extends string | number = string | number> {
  /** Server time of the sample, in ms. */
  time: number;
  positions: ReadonlyMap<K, Vec> | Readonly<Record<K, Vec>>;
}

export const INTERPOLATION_DEFAULTS = {
  /** How far in the past remote entities are drawn. */
  delayMs: 100,
  /** Moves longer than this between two samples are teleports: no gliding. */
  teleportDistance: 150,
  bufferLength: 30,
};

/** Adds a sample to a time-ordered buffer; older-than-latest samples and the oldest are dropped. */
export function pushSample<T extends { time: number }>(
  buffer: readonly T[],
  sample: T,
  maxLength = INTERPOLATION_DEFAULTS.bufferLength,
): T[] {
  const last = buffer[buffer.length - 1];
  if (last && sample.time <= last.time) return [...buffer];
  const next = [...buffer, sample];
  if (next.length > maxLength) next.splice(0, next.length - maxLength);
  return next;
}

/** Linear interpolation, except for teleports, which switch at the later sample. */
export function lerpVec(
  from: Vec,
  to: Vec,
  t: number,
  teleportDistance = INTERPOLATION_DEFAULTS.teleportDistance,
): Vec {
  if (Math.hypot(to.x - from.x, to.y - from.y) > teleportDistance) return t < 1 ? from : to;
  return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
}

/**
 * Finds the two samples around `time` and the fraction between them: `[from, to, t]`, or
 * undefined for an empty buffer. Before the first or after the last sample it clamps.
 */
export function bracket<T extends { time: number }>(
  buffer: readonly T[],
  time: number,
): [T, T, number] | undefined {
  const first = buffer[0];
  const last = buffer[buffer.length - 1];
  if (!first || !last) return undefined;
  if (time <= first.time) return [first, first, 0];
  if (time >= last.time) return [last, last, 1];
  let index = buffer.length - 2;
  while (index > 0 && buffer[index]!.time > time) index--;
  const from = buffer[index]!;
  const to = buffer[index + 1]!;
  return [from, to, (time - from.time) / (to.time - from.time)];
}

/**
 * Tracks `serverTime - localTime`. The first sample is taken as is; later ones are blended in
 * slowly so jitter does not shake the render clock, and a big jump (a restart, a frozen tab)
 * resets it.
 */
export function updateClockOffset(
  current: number | undefined,
  serverTime: number,
  localTime: number,
  smoothing = 0.1,
): number {
  const sample = serverTime - localTime;
  if (current === undefined || Math.abs(sample - current) > 1000) return sample;
  return current + (sample - current) * smoothing;
}

/** The server time remote entities should be drawn at, for a local clock reading. */
export function renderTimeFor(
  localTime: number,
  clockOffset: number,
  delay = INTERPOLATION_DEFAULTS.delayMs,
): number {
  return localTime + clockOffset - delay;
}
