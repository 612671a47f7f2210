/**
 * Client-side prediction and server reconciliation for the local player (pure functions).
 *
 * The client applies each input immediately with the shared `movePlayer`, keeps the inputs the
 * server has not acknowledged yet, and when a snapshot arrives it restarts from the server's
 * position and replays the inputs that came after the acknowledged sequence number. Because
 * both sides run the same movement code, the replayed position matches what the server will
 * compute; the small visual difference left by lost inputs is smoothed away by `decayError`.
 */
import { predict as predictWith, reconcile as reconcileWith } from "@volley/state";
import { type MoveInput, movePlayer, type Rules, type Vec } from "./simulation.js";

/** An input the client has applied locally but the server has not acknowledged yet. */
export interface PendingInput extends MoveInput {
  seq: number;
  /** Seconds this input moved the player for (one server tick). */
  dt: number;
}

export interface Prediction {
  position: Vec;
  pending: PendingInput[];
}

/** Inputs kept at most (about 4 s at 30 Hz); older ones are forgotten. */
export const MAX_PENDING = 120;

/** Applies a fresh local input and remembers it for replay. */
export function predict(rules: Rules, current: Prediction, input: PendingInput): Prediction {
  const next = predictWith(
    { value: current.position, pending: current.pending },
    input,
    moveBy(rules),
    MAX_PENDING,
  );
  return { position: next.value, pending: next.pending };
}

/** The game's `apply` for @volley/state's generic predict/reconcile: one input, one move. */
const moveBy = (rules: Rules) => (position: Vec, input: PendingInput) =>
  movePlayer(rules, position, input, input.dt);

/**
 * Rebuilds the prediction from an authoritative snapshot: the server's position after it
 * processed input `ackSeq`, plus every later pending input replayed on top.
 */
export function reconcile(
  rules: Rules,
  server: { position: Vec; ackSeq: number },
  pending: readonly PendingInput[],
): Prediction {
  const start = { x: server.position.x, y: server.position.y };
  const next = reconcileWith({ value: start, ackSeq: server.ackSeq }, pending, moveBy(rules));
  return { position: next.value, pending: next.pending };
}

/** Errors larger than this (a respawn, a long freeze) snap instead of gliding. */
export const SNAP_DISTANCE = 120;

/**
 * Visual error smoothing: after a correction the player is drawn at `predicted + error`, and the
 * error shrinks by half every `halfLifeMs`, so corrections glide instead of jumping.
 */
export function decayError(error: Vec, elapsedMs: number, halfLifeMs = 60): Vec {
  if (Math.hypot(error.x, error.y) > SNAP_DISTANCE) return { x: 0, y: 0 };
  const factor = 0.5 ** (elapsedMs / halfLifeMs);
  const x = error.x * factor;
  const y = error.y * factor;
  return Math.hypot(x, y) < 0.01 ? { x: 0, y: 0 } : { x, y };
}
