/**
 * Entity interpolation for remote players (pure functions).
 *
 * Snapshots arrive ~15 times a second with jitter. Remote players are drawn a little in the
 * past (`INTERPOLATION_DELAY_MS`) between the two snapshots around that instant, which turns
 * irregular updates into smooth motion. Times are server simulation times in milliseconds; the
 * client maps its own clock onto them with `updateClockOffset`.
 */
import { bracket, INTERPOLATION_DEFAULTS, lerpVec as lerpWith } from "@volley/state";
import type { Vec } from "./simulation.js";

// The render clock (offset to the server clock, render time) is the package's, unchanged.
export { renderTimeFor, updateClockOffset } from "@volley/state";

/** How far in the past remote players are rendered. */
export const INTERPOLATION_DELAY_MS = INTERPOLATION_DEFAULTS.delayMs;

/** Moves longer than this between two snapshots are teleports (respawns): no gliding. */
export const TELEPORT_DISTANCE = 150;

export interface TimedPositions {
  /** Server simulation time of the snapshot, in ms. */
  time: number;
  positions: Readonly<Record<string, Vec>>;
}

/** Adds a snapshot to a time-ordered buffer, dropping duplicates, stale ones and the oldest. */
export function pushSnapshot(
  buffer: readonly TimedPositions[],
  snapshot: TimedPositions,
  maxLength = 30,
): TimedPositions[] {
  const last = buffer[buffer.length - 1];
  // Volatile packets can arrive out of order; an older snapshot adds nothing.
  if (last && snapshot.time <= last.time) return [...buffer];
  const next = [...buffer, snapshot];
  if (next.length > maxLength) next.splice(0, next.length - maxLength);
  return next;
}

/** Positions of every entity at `renderTime`, interpolated between the surrounding snapshots. */
export function interpolateAt(
  buffer: readonly TimedPositions[],
  renderTime: number,
): Record<string, Vec> {
  const around = bracket(buffer, renderTime);
  if (!around) return {};
  const [from, to, t] = around;
  if (from === to) return { ...to.positions };

  const result: Record<string, Vec> = {};
  for (const [id, end] of Object.entries(to.positions)) {
    const start = from.positions[id];
    result[id] = start ? lerpVec(start, end, t) : { ...end };
  }
  return result;
}

/** Linear interpolation, except for teleports, which switch at the later snapshot. */
export function lerpVec(from: Vec, to: Vec, t: number): Vec {
  return lerpWith(from, to, t, TELEPORT_DISTANCE);
}
