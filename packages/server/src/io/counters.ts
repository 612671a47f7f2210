/**
 * `io.counters`: totals the io layer keeps for monitoring (`@volley/metrics`, dashboards) that no
 * public event can give without a listener on a hot path. Plain integer fields, always
 * incremented: one add costs less than asking whether anyone is listening, and a reader samples
 * them when it wants (a Prometheus scrape), so the hot paths never call out.
 */

/**
 * Monotonic totals of one Server since it started (this node only).
 * @example
 * setInterval(() => console.log(io.counters.broadcastRecipients / io.counters.broadcasts), 10_000);
 */
export class ServerCounters {
  /** Broadcasts this node delivered to its local sockets (`io.emit`, `to(room).emit`, …). */
  broadcasts = 0;
  /** Sum of the local recipients of those broadcasts (fan-out = recipients / broadcasts). */
  broadcastRecipients = 0;
  /** Acknowledgements of `socket.timeout(ms).emit(…)` that did not arrive in time. */
  acksTimedOut = 0;
}
