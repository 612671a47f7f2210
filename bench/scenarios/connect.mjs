// Connection rate: many raw clients opened with a bounded number of handshakes in flight per
// client process; connections per second over the whole run, and the handshake time (WebSocket
// open request → CONNECT reply `40{…}`) at p50/p99.
import { shares, withProcesses } from "../lib/session.mjs";
import { Histogram, max, sum } from "../lib/stats.mjs";
import { engineUrl } from "../lib/wire.mjs";

export default {
  name: "connect",
  title: "Connection rate",
  metrics: [
    { key: "connPerSec", label: "conn/s", better: "higher" },
    { key: "p50Ms", label: "handshake p50 ms", better: "lower" },
    { key: "p99Ms", label: "handshake p99 ms", better: "lower" },
  ],
  applies: () => true,

  async run(server, cfg, options) {
    return withProcesses(
      { name: server, clientFile: "clients/connect.mjs", procs: cfg.procs, options },
      async ({ server: srv, port, clients, fdLimit }) => {
        if (fdLimit < cfg.clients + 100)
          throw new Error(`server fd limit ${fdLimit} < ${cfg.clients} clients`);
        const { cpu: before } = await srv.request("cpu");
        const url = engineUrl(port);
        const results = await Promise.all(
          shares(cfg.clients, cfg.procs).map((count, i) =>
            clients[i].request("connect", { url, count, inFlight: cfg.inFlight }, 180_000),
          ),
        );
        const { cpu: after } = await srv.request("cpu");
        const connected = sum(results.map((r) => r.connected));
        if (connected < cfg.clients)
          throw new Error(`only ${connected}/${cfg.clients} connected: ${results[0].errors}`);
        const handshake = new Histogram();
        for (const r of results) handshake.merge(r.handshake);
        const seconds =
          (max(results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt))) /
          1000;
        const serverCpuUs = after.user + after.system - before.user - before.system;
        return {
          clients: connected,
          connPerSec: connected / seconds,
          p50Ms: handshake.quantile(0.5) / 1000,
          p99Ms: handshake.quantile(0.99) / 1000,
          seconds,
          serverCpuUsPerConn: serverCpuUs / connected,
          clientCpuPct: (100 * sum(results.map((r) => r.cpuUs))) / 1e6 / seconds,
          clientCpuMaxPct:
            100 * max(results.map((r) => r.cpuUs / 1000 / (r.endedAt - r.startedAt))),
        };
      },
    );
  },
};
