/**
 * The on-screen D-pad's state (phones and tablets have no arrow keys): the directions a finger
 * holds, as a stick, and how to merge it with the keyboard's.
 */
import type { Stick } from "../shared/simulation";

export const DIRECTIONS = ["up", "left", "right", "down"] as const;
export type Direction = (typeof DIRECTIONS)[number];

const VECTORS: Record<Direction, Stick> = {
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
};

/** Directions held on the pad right now. */
export const held = new Set<Direction>();

/** The sum of two sticks, scaled back to length 1 at most. */
export function combine(a: Stick, b: Stick): Stick {
  const x = a.x + b.x;
  const y = a.y + b.y;
  const length = Math.hypot(x, y);
  return length > 1 ? { x: x / length, y: y / length } : { x, y };
}

/** The pad's stick. */
export function touchStick(): Stick {
  let stick: Stick = { x: 0, y: 0 };
  for (const direction of held) stick = combine(stick, VECTORS[direction]);
  return stick;
}
