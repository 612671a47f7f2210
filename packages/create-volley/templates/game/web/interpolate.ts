/**
 * Smooth motion between server ticks: players drawn part of the way from the previous snapshot
 * to the newest. Pure, so it is unit-tested without a browser.
 */
import type { Player } from "../shared/simulation.js";

/** Players between two snapshots, `alpha` of the way (0 = previous, 1 = newest, clamped). */
export function interpolate(previous: Player[], current: Player[], alpha: number): Player[] {
  const before = new Map(previous.map((p) => [p.id, p]));
  const t = Math.max(0, Math.min(1, alpha));
  return current.map((p) => {
    const from = before.get(p.id);
    return from ? { ...p, x: from.x + (p.x - from.x) * t, y: from.y + (p.y - from.y) * t } : p;
  });
}
