/**
 * Client-side prediction and server reconciliation (pure, generic over what is predicted).
 *
 * Apply each local input at once with the same `apply` the server runs, keep the inputs the
 * server has not acknowledged, and when an authoritative state arrives restart from it and
 * replay the inputs after the acknowledged sequence number. The acknowledged sequence number is
 * a private field of the player's own entity: a view sends it to its owner only.
 */

export interface SequencedInput {
  seq: number;
}

export interface Prediction<T, I extends SequencedInput> {
  value: T;
  pending: I[];
}

export const PREDICTION_DEFAULTS = {
  /** Unacknowledged inputs kept at most; older ones are forgotten. */
  maxPending: 120,
};

/** Applies a fresh local input and remembers it for replay. */
export function predict<T, I extends SequencedInput>(
  current: Prediction<T, I>,
  input: I,
  apply: (value: T, input: I) => T,
  maxPending = PREDICTION_DEFAULTS.maxPending,
): Prediction<T, I> {
  const pending = [...current.pending, input];
  if (pending.length > maxPending) pending.splice(0, pending.length - maxPending);
  return { value: apply(current.value, input), pending };
}

/** Rebuilds the prediction from the server's value after input `ackSeq`, replaying later inputs. */
export function reconcile<T, I extends SequencedInput>(
  server: { value: T; ackSeq: number },
  pending: readonly I[],
  apply: (value: T, input: I) => T,
): Prediction<T, I> {
  const remaining = pending.filter((input) => input.seq > server.ackSeq);
  let value = server.value;
  for (const input of remaining) value = apply(value, input);
  return { value, pending: remaining };
}
