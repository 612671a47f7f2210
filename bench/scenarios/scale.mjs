// The scaling curve: idle cost per connection at growing connection counts (full mode 1k, 10k,
// 50k), so a cost that grows with the count shows. One server process takes the steps in turn:
// after each, its heap and RSS after gc() (minus the same with a few warm-up connections open,
// divided by the connections) and its CPU while idle over `windowMs`, where the only work is
// heartbeats (the ping interval is shortened to `pingIntervalMs` for this scenario), as µs per
// connection per ping. Raw ws clients spread over several loopback source addresses
// (127.0.0.2…), so ephemeral ports do not run out. Steps above the file-descriptor limit are
// not measured, and the record says so. `report()` draws results/scale.svg.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sleep } from "../lib/proc.mjs";
import { mdTable } from "../lib/report.mjs";
import { scaleChart } from "../lib/scale-chart.mjs";
import { shares, waitForConnections, withProcesses } from "../lib/session.mjs";
import { sum } from "../lib/stats.mjs";
import { engineUrl } from "../lib/wire.mjs";

/** Loopback source addresses for the clients: about 28k ports each, 8 × that in all. */
const LOCAL_ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
const FD_MARGIN = 200; // the server's own files, the listening socket, IPC
/** Per handshake: thousands of them in a row on a busy machine take longer than the usual 10 s. */
const HANDSHAKE_TIMEOUT_MS = 30_000;
/** Share of a step's handshakes that may fail (time out) before the measurement fails. */
const MAX_FAILED_SHARE = 0.02;

async function connectMore(clients, url, count, cfg) {
  const opened = await Promise.all(
    shares(count, cfg.procs).map((n, i) =>
      n === 0
        ? { connected: 0, errors: [] }
        : clients[i].request(
            "connect",
            {
              url,
              count: n,
              inFlight: cfg.inFlight,
              localAddresses: LOCAL_ADDRESSES,
              timeoutMs: HANDSHAKE_TIMEOUT_MS,
            },
            240_000,
          ),
    ),
  );
  const connected = sum(opened.map((o) => o.connected));
  // a few handshakes may time out on a busy machine: the step then counts what is open
  if (connected < count * (1 - MAX_FAILED_SHARE))
    throw new Error(`only ${connected}/${count} connected: ${opened.flatMap((o) => o.errors)[0]}`);
  return count - connected;
}

/** Server CPU µs used over the next `ms`. */
async function cpuOver(srv, ms) {
  const { cpu: start } = await srv.request("cpu");
  await sleep(ms);
  const { cpu: end } = await srv.request("cpu");
  return end.user + end.system - start.user - start.system;
}

export default {
  name: "scale",
  title: "Scaling curve: idle cost per connection",
  metrics: [
    { key: "heapPerConnKB", label: "heap KB/conn (largest step)", better: "lower" },
    { key: "rssPerConnKB", label: "RSS KB/conn (largest step)", better: "lower" },
    { key: "heartbeatUsPerConn", label: "heartbeat CPU µs/conn/ping", better: "lower" },
    { key: "heapGrowth", label: "heap/conn largest ÷ smallest step", better: "lower" },
  ],
  // the servers whose ping interval follows BENCH_PING_INTERVAL_MS (lib/wire.mjs)
  applies: (server) =>
    ["volley", "socketio", "ws"].includes(server) ||
    (server === "ws-corked"
      ? "n/a: idle like raw ws"
      : "n/a: its ping interval is not the bench's"),
  /** Per measurement (all steps of one server): 61k handshakes take a while on a busy machine. */
  timeoutMs: { full: 900_000, quick: 600_000, smoke: 60_000 },

  async run(server, cfg, options) {
    const env = { BENCH_PING_INTERVAL_MS: String(cfg.pingIntervalMs) };
    return withProcesses(
      {
        name: server,
        clientFile: "clients/idle.mjs",
        procs: cfg.procs,
        options: { ...options, env },
      },
      async ({ server: srv, port, clients, fdLimit }) => {
        const steps = cfg.steps.filter((n) => n + FD_MARGIN <= fdLimit);
        const skipped = cfg.steps.filter((n) => !steps.includes(n));
        if (steps.length === 0)
          throw new Error(`server fd limit ${fdLimit} is below the first step (${cfg.steps[0]})`);
        if (skipped.length)
          console.error(
            `scale: ${server}: not measuring ${skipped.join(", ")} connections: the server's ` +
              `open-files limit is ${fdLimit} (raise the hard limit: ulimit -Hn, LimitNOFILE=)`,
          );
        const url = engineUrl(port);
        // warm-up connections first: lazily loaded code and first-use allocations are not a
        // per-connection cost (as in the idle scenario)
        let warm = Math.min(50, Math.max(1, Math.floor(steps[0] / 20)));
        warm -= await connectMore(clients, url, warm, { ...cfg, procs: 1 });
        await waitForConnections(srv, warm);
        const { memory: before } = await srv.request("memory", {}, 30_000);
        await sleep(cfg.settleMs);
        // the process's own idle CPU (timers, gc, IPC), subtracted from every step's
        const idleCpuUs = await cpuOver(srv, cfg.windowMs);

        const measured = [];
        let wanted = 0;
        let failed = 0;
        for (const step of steps) {
          failed += await connectMore(clients, url, step - wanted, cfg);
          wanted = step;
          const open = step - failed; // the connections this step really has
          const seen = await waitForConnections(srv, open + warm, 60_000);
          if (seen < open + warm) throw new Error(`server counts ${seen}/${open + warm}`);
          await sleep(cfg.settleMs);
          const { memory } = await srv.request("memory", {}, 60_000);
          await sleep(cfg.settleMs); // the forced gc's own aftermath stays out of the window
          const cpuUs = await cpuOver(srv, cfg.windowMs);
          const pings = cfg.windowMs / cfg.pingIntervalMs; // per connection, in the window
          measured.push({
            connections: step,
            open,
            heapPerConnKB: (memory.heapUsed - before.heapUsed) / 1024 / open,
            rssPerConnKB: (memory.rss - before.rss) / 1024 / open,
            heartbeatUsPerConn: Math.max(0, cpuUs - idleCpuUs) / open / pings,
            idleCpuPct: (100 * cpuUs) / 1000 / cfg.windowMs,
          });
        }
        const first = measured[0];
        const last = measured[measured.length - 1];
        return {
          clients: last.connections,
          heapPerConnKB: last.heapPerConnKB,
          rssPerConnKB: last.rssPerConnKB,
          heartbeatUsPerConn: last.heartbeatUsPerConn,
          heapGrowth: last.heapPerConnKB / first.heapPerConnKB,
          steps: measured,
          notMeasured: skipped,
          fdLimit,
          pingIntervalMs: cfg.pingIntervalMs,
          windowMs: cfg.windowMs,
          warmupConnections: warm,
          idleCpuUs,
        };
      },
    );
  },

  /** Writes scale.svg (cost per connection against connections); returns Markdown for latest.md. */
  report(records, out, meta) {
    const ok = records.filter((r) => r.scenario === "scale" && r.ok);
    if (ok.length === 0) return "";
    writeFileSync(join(out, "scale.svg"), scaleChart(ok, meta));
    const rows = [];
    const servers = [...new Set(ok.map((r) => r.server))];
    for (const server of servers) {
      const runs = ok.filter((r) => r.server === server);
      for (const step of runs[0].metrics.steps) {
        const at = (key) => {
          const values = runs
            .map((r) => r.metrics.steps.find((s) => s.connections === step.connections)?.[key])
            .filter(Number.isFinite)
            .sort((a, b) => a - b);
          return values[values.length >> 1]?.toFixed(2) ?? "–";
        };
        rows.push([
          server,
          step.connections.toLocaleString("en-US"),
          at("heapPerConnKB"),
          at("rssPerConnKB"),
          at("heartbeatUsPerConn"),
        ]);
      }
    }
    const headers = [
      "server",
      "connections",
      "heap KB/conn",
      "RSS KB/conn",
      "heartbeat µs/conn/ping",
    ];
    const lines = [
      "### Scaling curve by step (median over runs)",
      "",
      ...mdTable(headers, ["left", "right", "right", "right", "right"], rows),
    ];
    const skipped = ok.find((r) => r.metrics.notMeasured.length > 0);
    if (skipped)
      lines.push(
        "",
        `> Not measured: ${skipped.metrics.notMeasured.join(", ")} connections — the server's ` +
          `open-files limit is ${skipped.metrics.fdLimit} on this machine.`,
      );
    lines.push("", "Chart: `scale.svg` (cost per connection against connections, log x axis).");
    return lines.join("\n");
  },
};
