/**
 * The hard bound on a session's unsent bytes (`maxBufferedBytes`), as a pure function over two
 * counters the session keeps, so the rule reads (and is tested) on its own.
 */

/** How many messages larger than `maxBufferedBytes` a session may have unsent at once. */
export const MAX_OVERSIZED = 4;

/** The counters of one session's bound. */
export interface SendBound {
  /** Extra room given to messages larger than the bound. */
  allowance: number;
  /** How many such messages the allowance is for. */
  oversized: number;
}

/**
 * Whether queueing `size` more bytes onto `backlog` unsent ones passes the bound `max`. The
 * bound is for a slow reader's backlog, not for one message: a message larger than `max` is
 * accepted while the rest of the backlog is within the bound, and its size is added to the
 * bound (the allowance) until the backlog is back under `max`, so what is sent while it goes
 * out (acks, pings, more messages) does not trip it. At most {@link MAX_OVERSIZED} such
 * messages are out at once: a reader that stops reading still trips the bound, and a session
 * holds at most `max` plus that many large messages.
 */
export function overflows(bound: SendBound, max: number, backlog: number, size: number): boolean {
  if (bound.oversized > 0 && backlog <= max) {
    bound.allowance = 0;
    bound.oversized = 0;
  }
  if (size > max) {
    if (backlog > max + bound.allowance || bound.oversized >= MAX_OVERSIZED) return true;
    bound.allowance += size;
    bound.oversized++;
    return false;
  }
  return backlog + size > max + bound.allowance;
}
