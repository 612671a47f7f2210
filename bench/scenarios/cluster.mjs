// Two server processes on one redis-server (the bench's own), clients split across them and
// spread over `rooms` rooms (each room has members on both), and room broadcasts from both
// processes at once. Phase 1, saturated: both nodes run the fan-out loop (windowed, as in
// `fanout`), giving delivered messages/s across all clients and the CPU of both server processes
// and of Redis per delivered message. Phase 2, paced: both nodes send `pacedPerSec` broadcasts/s,
// giving cross-node latency p50/p99 at the same load for every server (send time in the
// payload). Volley + @volley/redis-adapter against socket.io + the official
// @socket.io/redis-adapter; same Redis, same load, same raw ws clients.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Child, now, sleep } from "../lib/proc.mjs";
import { redisMissing, startRedis } from "../lib/redis.mjs";
import { serverNodeArgs, shares, waitForConnections } from "../lib/session.mjs";
import { Histogram, max, sum } from "../lib/stats.mjs";
import { engineUrl } from "../lib/wire.mjs";
import { PACED_BASE } from "../servers/cluster-node.mjs";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const NODES = 2;
const NODE_FILES = {
  volley: "servers/cluster-volley.mjs",
  socketio: "servers/cluster-socketio.mjs",
};

/** Resolves once every node counts the others (adapters subscribed and heard each other). */
async function waitForPeers(servers, timeoutMs = 15_000) {
  const deadline = now() + timeoutMs;
  for (;;) {
    const peers = await Promise.all(servers.map((s) => s.request("peers")));
    if (peers.every((p) => p >= servers.length - 1)) return;
    if (now() > deadline) throw new Error(`nodes do not see each other (peers ${peers})`);
    await sleep(50);
  }
}

/** Runs every node's broadcast loop at once; resolves with their results, in node order. */
function broadcastAll(servers, loop, timeout) {
  return Promise.all(servers.map((s) => s.request("broadcast", loop, timeout)));
}

/** The latency histograms of client reports, merged. */
function merged(reports) {
  const cross = new Histogram();
  const local = new Histogram();
  for (const r of reports) {
    cross.merge(r.cross);
    local.merge(r.local);
  }
  return { cross, local };
}

/** Phase 2: both nodes broadcast at `pacedPerSec`; the latency of what the clients received. */
async function pacedLatency(servers, clients, cfg) {
  const fromN = servers.map(() => PACED_BASE);
  await Promise.all(clients.map((c) => c.request("reset", { fromN })));
  const timeout = cfg.pacedMs + 30_000;
  const runs = await Promise.all(
    servers.map((s) =>
      s.request("paced", { perSec: cfg.pacedPerSec, durationMs: cfg.pacedMs }, timeout),
    ),
  );
  // every paced tick has landed, or the bounded drain is over
  const expected = (sum(runs.map((r) => r.sent)) * cfg.clients) / cfg.rooms;
  const drainUntil = now() + cfg.drainMs;
  let reports;
  do {
    reports = await Promise.all(clients.map((c) => c.request("report")));
    if (sum(reports.map((r) => r.received)) >= expected) break;
    await sleep(20);
  } while (now() < drainUntil);
  return { ...merged(reports), delivered: sum(reports.map((r) => r.received)) };
}

export default {
  name: "cluster",
  title: "Cluster: two processes on one Redis",
  metrics: [
    { key: "deliveredPerSec", label: "delivered msg/s", better: "higher" },
    { key: "crossP50Ms", label: "cross-node p50 ms", better: "lower" },
    { key: "crossP99Ms", label: "cross-node p99 ms", better: "lower" },
    { key: "serverCpuUsPerMsg", label: "server CPU µs/msg (both)", better: "lower" },
    { key: "redisCpuUsPerMsg", label: "Redis CPU µs/msg", better: "lower" },
  ],
  applies: (server) =>
    NODE_FILES[server] ? (redisMissing() ?? true) : "n/a: no Redis adapter for this server",

  async run(server, cfg, options) {
    if (cfg.clients % (cfg.rooms * NODES) !== 0)
      throw new Error(
        `clients (${cfg.clients}) must be a multiple of rooms × nodes (${cfg.rooms * NODES})`,
      );
    const redis = await startRedis();
    const servers = [];
    const clients = [];
    try {
      for (let node = 0; node < NODES; node++) {
        servers.push(
          new Child(join(benchDir, NODE_FILES[server]), {
            label: `${server} node ${node}`,
            args: [String(redis.port), String(node), String(cfg.rooms)],
            nodeArgs: serverNodeArgs(options),
          }),
        );
      }
      for (let i = 0; i < cfg.procs; i++)
        clients.push(new Child(join(benchDir, "clients/cluster.mjs"), { label: `cluster#${i}` }));
      const ready = await Promise.all([
        ...servers.map((s) => s.waitFor("ready", 20_000)),
        ...clients.map((c) => c.waitFor("ready", 20_000)),
      ]);
      await waitForPeers(servers);
      const urls = ready.slice(0, NODES).map((r) => engineUrl(r.port));
      const opened = await Promise.all(
        shares(cfg.clients, cfg.procs).map((count, i) =>
          clients[i].request("connect", { urls, count, inFlight: cfg.inFlight }, 120_000),
        ),
      );
      const connected = sum(opened.map((o) => o.connected));
      if (connected < cfg.clients)
        throw new Error(`only ${connected}/${cfg.clients} connected: ${opened[0].errors}`);
      for (let node = 0; node < NODES; node++)
        await waitForConnections(servers[node], sum(opened.map((o) => o.perNode[node])));

      const loop = {
        batch: cfg.batch,
        window: cfg.window,
        maxCount: cfg.maxCount,
        reporters: cfg.procs,
      };
      const timeout = cfg.durationMs + cfg.warmupMs + 30_000;
      const warmup = await broadcastAll(servers, { ...loop, durationMs: cfg.warmupMs }, timeout);
      await sleep(50);
      const fromN = warmup.map((w) => w.lastN);
      const resets = await Promise.all(clients.map((c) => c.request("reset", { fromN })));
      const redisCpuAtStart = redis.cpuUs();

      const measured = await broadcastAll(
        servers,
        { ...loop, durationMs: cfg.durationMs },
        timeout,
      );
      const sent = sum(measured.map((m) => m.sent));
      const expected = (sent * connected) / cfg.rooms; // equal rooms, ticks round robin
      const drainUntil = now() + cfg.drainMs;
      let reports;
      do {
        reports = await Promise.all(clients.map((c) => c.request("report")));
        if (sum(reports.map((r) => r.received)) >= expected) break;
        await sleep(20);
      } while (now() < drainUntil);
      const redisCpuUs = redis.cpuUs() - redisCpuAtStart;
      const cpus = await Promise.all(servers.map((s) => s.request("cpu")));
      const paced = await pacedLatency(servers, clients, cfg);

      const delivered = sum(reports.map((r) => r.received));
      if (delivered === 0) throw new Error(`nothing delivered (${sent} broadcasts sent)`);
      const startedAt = Math.min(...measured.map((m) => m.startedAt));
      const seconds = (max(reports.map((r) => r.lastAt)) - startedAt) / 1000;
      const serverCpuUs = sum(
        cpus.map(({ cpu }, node) => {
          const start = measured[node].cpuAtStart;
          return cpu.user + cpu.system - start.user - start.system;
        }),
      );
      const { cross, local } = merged(reports);
      const clientCpu = reports.map((r, i) => r.cpuUs / 1000 / (r.at - resets[i].at));
      return {
        clients: connected,
        deliveredPerSec: delivered / seconds,
        crossP50Ms: paced.cross.quantile(0.5) / 1000,
        crossP99Ms: paced.cross.quantile(0.99) / 1000,
        serverCpuUsPerMsg: serverCpuUs / delivered,
        redisCpuUsPerMsg: redisCpuUs / delivered,
        rooms: cfg.rooms,
        localP50Ms: paced.local.quantile(0.5) / 1000,
        localP99Ms: paced.local.quantile(0.99) / 1000,
        crossSamples: paced.cross.count,
        pacedPerSec: cfg.pacedPerSec * NODES,
        pacedDelivered: paced.delivered,
        saturatedCrossP50Ms: cross.quantile(0.5) / 1000,
        saturatedCrossP99Ms: cross.quantile(0.99) / 1000,
        saturatedLocalP50Ms: local.quantile(0.5) / 1000,
        delivered,
        expected,
        broadcasts: sent,
        seconds,
        windowStalls: sum(measured.map((m) => m.stalls)),
        serverCpuPct: (100 * serverCpuUs) / 1e6 / seconds,
        redisCpuPct: (100 * redisCpuUs) / 1e6 / seconds,
        clientCpuPct: 100 * sum(clientCpu),
        clientCpuMaxPct: 100 * max(clientCpu),
      };
    } finally {
      const grace = options.profileDir ? 10_000 : 1_000;
      await Promise.all([...servers, ...clients].map((child) => child.stop(grace)));
      redis.stop();
    }
  },
};
