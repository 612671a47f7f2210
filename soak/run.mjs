#!/usr/bin/env node
// The soak and chaos suite (`pnpm soak`): runs each scenario against the built packages in this
// process, prints one JSON line per scenario (sent, received, lost, duplicated, memory before and
// after) and exits non-zero when anything was lost or duplicated or a state did not return to
// baseline. Bounded: every wait has a deadline; the full run takes a few minutes.
//
//   node --expose-gc soak/run.mjs [--smoke] [--only=churn,recovery,mistakes]
import churn from "./scenarios/churn.mjs";
import mistakes from "./scenarios/mistakes.mjs";
import recovery from "./scenarios/recovery.mjs";
import recoveryRedis from "./scenarios/recovery-redis.mjs";
import redisFaults from "./scenarios/redis-faults.mjs";
import retriesRestart from "./scenarios/retries-restart.mjs";

/** Sizes of each mode: `full` is what the README reports, `smoke` runs inside `pnpm test`. */
export const SIZES = {
  full: {
    churn: { clients: 1000, rounds: 3, batch: 100 },
    recovery: { events: 1000, cutMs: 2000 },
    recoveryRedis: { events: 1000, cutMs: 2000 },
    mistakes: { bigMB: 10 },
    retriesRestart: { emits: 1000, restarts: 4, downMs: 1000 },
    redisFaults: { events: 3000, intervalMs: 5, downMs: 2000 },
  },
  smoke: {
    churn: { clients: 60, rounds: 1, batch: 30 },
    recovery: { events: 100, cutMs: 300 },
    mistakes: { bigMB: 10 },
    retriesRestart: { emits: 60, restarts: 2, downMs: 100 },
  },
};

/** Every scenario of a mode, in order; each returns its result object. */
export function plan(mode) {
  const s = SIZES[mode];
  return [
    ["churn", () => churn(s.churn)],
    ["recovery-websocket", () => recovery({ transport: "websocket", ...s.recovery })],
    ["recovery-polling", () => recovery({ transport: "polling", ...s.recovery })],
    ["mistakes", () => mistakes(s.mistakes)],
    ["retries-restart", () => retriesRestart(s.retriesRestart)],
    // full runs only: it starts a redis-server
    ...(s.recoveryRedis ? [["recovery-redis", () => recoveryRedis(s.recoveryRedis)]] : []),
    ...(s.redisFaults ? [["redis-faults", () => redisFaults(s.redisFaults)]] : []),
  ];
}

/** Whether a result shows a defect. */
export function failed(result) {
  // a Redis outage loses what is published while it lasts: only losses outside it count
  const lost = "lostOutsideOutage" in result ? result.lostOutsideOutage : result.lost;
  if (lost || result.duplicated || result.outOfOrder) return true;
  if (result.resumedMsAfterRedisUp === null || result.late) return true;
  if (result.recovered === false) return true;
  if (result.baseline && JSON.stringify(result.baseline) !== JSON.stringify(result.after))
    return true;
  if (result.pendingAcks) return true;
  if (result.ackedTwice || result.ackErrors) return true;
  if (result.acked !== undefined && result.acked !== result.sent) return true;
  return false;
}

async function main() {
  const args = process.argv.slice(2);
  const mode = args.includes("--smoke") ? "smoke" : "full";
  const only = args
    .find((a) => a.startsWith("--only="))
    ?.slice(7)
    .split(",");
  if (!globalThis.gc) console.error("(run with node --expose-gc for stable heap numbers)");
  console.log(`soak ${mode} ${new Date().toISOString()}`);
  let failures = 0;
  for (const [name, run] of plan(mode)) {
    if (only && !only.some((o) => name.startsWith(o))) continue;
    const started = Date.now();
    try {
      const result = await run();
      result.ms = Date.now() - started;
      if (failed(result)) failures++;
      console.log(JSON.stringify(result));
    } catch (err) {
      failures++;
      console.log(JSON.stringify({ scenario: name, error: String(err?.stack ?? err) }));
    }
  }
  console.log(
    failures === 0 ? "soak: all scenarios clean" : `soak: ${failures} scenario(s) failed`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
