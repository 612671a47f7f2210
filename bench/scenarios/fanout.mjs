// Broadcast fan-out: every client in one room; the server broadcasts small `tick` events in a
// paced loop; measured as messages delivered per second across all clients, and server CPU µs
// per delivered message. Raw ws clients for every server (same wire, cheapest client).
import { now, sleep } from "../lib/proc.mjs";
import { shares, waitForConnections, withProcesses } from "../lib/session.mjs";
import { max, sum } from "../lib/stats.mjs";
import { engineUrl } from "../lib/wire.mjs";

export default {
  name: "fanout",
  title: "Broadcast fan-out",
  metrics: [
    { key: "deliveredPerSec", label: "delivered msg/s", better: "higher" },
    { key: "serverCpuUsPerMsg", label: "server CPU µs/msg", better: "lower" },
  ],
  applies: () => true,

  async run(server, cfg, options) {
    return withProcesses(
      { name: server, clientFile: "clients/fanout.mjs", procs: cfg.procs, options },
      async ({ server: srv, port, clients }) => {
        const url = engineUrl(port);
        const opened = await Promise.all(
          shares(cfg.clients, cfg.procs).map((count, i) =>
            clients[i].request("connect", { url, count, inFlight: cfg.inFlight }, 120_000),
          ),
        );
        const connected = sum(opened.map((o) => o.connected));
        if (connected < cfg.clients)
          throw new Error(`only ${connected}/${cfg.clients} connected: ${opened[0].errors}`);
        await waitForConnections(srv, connected);
        const loop = {
          batch: cfg.batch,
          window: cfg.window,
          maxCount: cfg.maxCount,
          reporters: cfg.procs,
        };
        const timeout = cfg.durationMs + cfg.warmupMs + 30_000;

        const warmup = await srv.request(
          "broadcast",
          { ...loop, durationMs: cfg.warmupMs },
          timeout,
        );
        await sleep(50);
        const resets = await Promise.all(
          clients.map((c) => c.request("reset", { fromN: warmup.lastN })),
        );

        const measured = await srv.request(
          "broadcast",
          { ...loop, durationMs: cfg.durationMs },
          timeout,
        );
        const expected = measured.sent * connected;
        const drainUntil = now() + cfg.drainMs;
        let reports;
        do {
          reports = await Promise.all(clients.map((c) => c.request("report")));
          if (sum(reports.map((r) => r.received)) >= expected) break;
          await sleep(20);
        } while (now() < drainUntil);
        const { cpu } = await srv.request("cpu");

        const delivered = sum(reports.map((r) => r.received));
        if (delivered === 0)
          throw new Error(`nothing delivered (${measured.sent} broadcasts sent)`);
        const seconds = (max(reports.map((r) => r.lastAt)) - measured.startedAt) / 1000;
        const serverCpuUs =
          cpu.user + cpu.system - measured.cpuAtStart.user - measured.cpuAtStart.system;
        const clientCpu = reports.map((r, i) => r.cpuUs / 1000 / (r.at - resets[i].at));
        return {
          clients: connected,
          deliveredPerSec: delivered / seconds,
          serverCpuUsPerMsg: serverCpuUs / delivered,
          delivered,
          expected,
          broadcasts: measured.sent,
          seconds,
          windowStalls: measured.stalls,
          serverCpuPct: (100 * serverCpuUs) / 1e6 / seconds,
          clientCpuPct: 100 * sum(clientCpu),
          clientCpuMaxPct: 100 * max(clientCpu),
        };
      },
    );
  },
};
