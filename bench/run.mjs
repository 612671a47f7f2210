#!/usr/bin/env node
import { appendFileSync } from "node:fs";
// The bench CLI: runs each scenario against each server back to back in the same invocation
// (server in its own process, load in separate client processes, loopback only), prints one JSON
// line per scenario, server and run, and writes results/latest.{jsonl,md} and results/ratios.svg.
//
//   node bench/run.mjs [--quick | --smoke] [--only=fanout,ack,idle,connect,polling,cluster,scale]
//                      [--servers=volley,socketio,ws,ws-corked,volley-metrics,volley-contract] [--runs=N] [--cpu-prof] [--strict]
//                      [--clients=N] [--duration=ms]  (override the mode's sizes, for development)
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { killAll, now, sleep, withTimeout } from "./lib/proc.mjs";
import { PROFILES } from "./lib/profiles.mjs";
import { startJsonl, writeReports } from "./lib/report.mjs";
import { drainClientPool, probeServer, SERVERS } from "./lib/session.mjs";
import ack from "./scenarios/ack.mjs";
import cluster from "./scenarios/cluster.mjs";
import connect from "./scenarios/connect.mjs";
import fanout from "./scenarios/fanout.mjs";
import idle from "./scenarios/idle.mjs";
import polling from "./scenarios/polling.mjs";
import scale from "./scenarios/scale.mjs";

const SCENARIOS = [fanout, ack, idle, connect, polling, cluster, scale];
const TIMEOUT_MS = { full: 240_000, quick: 90_000, smoke: 60_000 }; // per measurement
const benchDir = dirname(fileURLToPath(import.meta.url));

const USAGE = `usage: node bench/run.mjs [--quick | --smoke] [--only=${SCENARIOS.map((s) => s.name).join(",")}]
       [--servers=volley,socketio,ws,ws-corked,volley-metrics,volley-metrics-lite,volley-contract]
       [--runs=N] [--clients=N] [--duration=ms] [--cpu-prof] [--strict] [--out=dir]
Without --quick or --smoke it is the full run (about 12 minutes); see bench/README.md.`;
const FLAGS = new Set([
  "quick",
  "smoke",
  "only",
  "servers",
  "runs",
  "strict",
  "cpu-prof",
  "out",
  "clients",
  "duration",
  "help",
]);

function parseArgs(argv) {
  const flags = new Map();
  for (const arg of argv) {
    if (arg === "--") continue; // `pnpm bench -- --quick`
    const [key, value = "true"] = arg.replace(/^--/, "").split("=");
    // a typo (or --help) must not start a twelve-minute run
    if (!FLAGS.has(key)) throw new Error(`unknown flag ${arg}\n${USAGE}`);
    flags.set(key, value);
  }
  if (flags.has("help")) {
    console.log(USAGE);
    process.exit(0);
  }
  const list = (key, all, byDefault = all) => {
    const wanted = flags.get(key)?.split(",").filter(Boolean) ?? byDefault;
    const unknown = wanted.filter((w) => !all.includes(w));
    if (unknown.length)
      throw new Error(`--${key}: unknown ${unknown.join(", ")} (known: ${all.join(", ")})`);
    return wanted;
  };
  const mode = flags.has("smoke") ? "smoke" : flags.has("quick") ? "quick" : "full";
  const runs = Number(flags.get("runs") ?? PROFILES[mode].runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error("--runs must be 1..20");
  const clients = flags.has("clients") ? Number(flags.get("clients")) : undefined;
  if (clients !== undefined && !(Number.isInteger(clients) && clients >= 1 && clients <= 20_000))
    throw new Error("--clients must be 1..20000");
  const durationMs = flags.has("duration") ? Number(flags.get("duration")) : undefined;
  if (durationMs !== undefined && !(durationMs >= 50 && durationMs <= 600_000))
    throw new Error("--duration must be 50..600000 (ms)");
  return {
    mode,
    runs,
    scenarios: list(
      "only",
      SCENARIOS.map((s) => s.name),
    ),
    // opt-in servers (volley-metrics, volley-contract) run only when named
    servers: list(
      "servers",
      Object.keys(SERVERS),
      Object.keys(SERVERS).filter((name) => !SERVERS[name].optIn),
    ),
    strict: flags.has("strict"),
    profileDir: flags.has("cpu-prof") ? join(benchDir, "results", "profiles") : undefined,
    out: flags.get("out") ?? join(benchDir, "results"),
    clients,
    durationMs,
  };
}

const log = (...parts) => console.error(...parts);

/** Runs one scenario against one server; a failure becomes a record, never an exception. */
async function measure(scenario, server, cfg, args) {
  const base = { scenario: scenario.name, server, mode: args.mode, clients: cfg.clients };
  const applies = scenario.applies(server);
  if (applies !== true) return { ...base, ok: false, skipped: applies };
  const startedAt = now();
  try {
    const metrics = await withTimeout(
      scenario.run(server, cfg, {
        profileDir: args.profileDir && join(args.profileDir, `${scenario.name}-${server}`),
        reuseClients: args.mode === "smoke",
      }),
      scenario.timeoutMs?.[args.mode] ?? TIMEOUT_MS[args.mode],
      `${scenario.name} on ${server}`,
    );
    const missing = scenario.metrics
      .filter((m) => !Number.isFinite(metrics[m.key]))
      .map((m) => m.key);
    const ms = Math.round(now() - startedAt);
    if (missing.length)
      return { ...base, ok: false, error: `no number for ${missing.join(", ")}`, metrics, ms };
    return { ...base, ok: true, metrics, ms };
  } catch (error) {
    killAll(); // a timed-out scenario may still have children running
    return {
      ...base,
      ok: false,
      error: String(error.message ?? error),
      ms: Math.round(now() - startedAt),
    };
  }
}

function describe(record, scenario) {
  if (record.skipped) return `skipped (${record.skipped})`;
  if (!record.ok) return `FAILED: ${record.error}`;
  const shown = scenario.metrics.map(
    (m) => `${m.label} ${Number(record.metrics[m.key].toPrecision(4))}`,
  );
  if (record.metrics.clientCpuMaxPct !== undefined)
    shown.push(`client CPU max ${Math.round(record.metrics.clientCpuMaxPct)}%`);
  return `${shown.join(", ")} (${record.ms} ms)`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const profile = PROFILES[args.mode];
  const scenarios = SCENARIOS.filter((s) => args.scenarios.includes(s.name));
  const notes = [];
  const unusable = new Map();
  log(
    `bench: ${args.mode} mode, ${args.runs} run(s), scenarios ${args.scenarios.join(",")}, servers ${args.servers.join(",")}`,
  );

  if (args.servers.includes("volley")) {
    const reason = await probeServer("volley");
    if (reason) {
      const note = `Volley skipped: @volley/server is not usable yet (${reason}).`;
      unusable.set("volley", note);
      notes.push(note);
      log(`\n*** ${note}\n*** The other servers still run; ratios against Volley are absent.\n`);
    }
  }

  const emit = startJsonl(args.out);
  const records = [];
  for (const scenario of scenarios) {
    const cfg = { ...profile[scenario.name] };
    if (args.clients) cfg.clients = args.clients;
    if (args.durationMs && cfg.durationMs) cfg.durationMs = args.durationMs;
    for (let run = 1; run <= args.runs; run++) {
      for (const server of args.servers) {
        let record;
        if (unusable.has(server)) {
          record = {
            scenario: scenario.name,
            server,
            mode: args.mode,
            clients: cfg.clients,
            ok: false,
            skipped: unusable.get(server),
          };
        } else {
          record = await measure(scenario, server, cfg, args);
        }
        record = { ...record, run, at: new Date().toISOString() };
        records.push(record);
        emit(record);
        log(
          `${scenario.name.padEnd(8)} run ${run} ${server.padEnd(10)} ${describe(record, scenario)}`,
        );
        if (args.mode === "full") await sleep(300);
      }
    }
  }

  const meta = {
    mode: args.mode,
    runs: args.runs,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? "?",
    loadavg: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
    notes,
  };
  await drainClientPool();
  writeReports(args.out, records, { scenarios, servers: args.servers, meta });
  // scenarios with outputs of their own (the scale curve's chart) add them after the table
  for (const scenario of scenarios) {
    const extra = scenario.report?.(records, args.out, meta);
    if (extra) appendFileSync(join(args.out, "latest.md"), `\n${extra}\n`);
  }
  log(`\nwrote ${join(args.out, "latest.jsonl")}, latest.md, ratios.svg`);

  const failed = records.filter((r) => !r.ok && !r.skipped);
  const skippedVolley = unusable.has("volley") && args.strict;
  if (failed.length || skippedVolley) {
    log(
      `bench: ${failed.length} measurement(s) failed${skippedVolley ? "; Volley unusable (--strict)" : ""}`,
    );
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    log(error.stack ?? error);
    process.exitCode = 1;
  })
  .finally(() => {
    killAll();
    // Children are gone; do not wait on stray handles.
    setTimeout(() => process.exit(), 100).unref();
  });
