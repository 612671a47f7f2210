// Idle memory: connect many raw clients (Engine.IO + Socket.IO handshake, then idle) from several
// processes; the server reports process.memoryUsage() after gc() before and after; the
// difference divided by the connections is the cost of one idle connection.
import { sleep } from "../lib/proc.mjs";
import { shares, waitForConnections, withProcesses } from "../lib/session.mjs";
import { sum } from "../lib/stats.mjs";
import { engineUrl } from "../lib/wire.mjs";

export default {
  name: "idle",
  title: "Idle memory per connection",
  metrics: [
    { key: "heapPerConnKB", label: "heap KB/conn", better: "lower" },
    { key: "rssPerConnKB", label: "RSS KB/conn", better: "lower" },
  ],
  applies: () => true,

  async run(server, cfg, options) {
    return withProcesses(
      { name: server, clientFile: "clients/idle.mjs", procs: cfg.procs, options },
      async ({ server: srv, port, clients, fdLimit }) => {
        if (fdLimit < cfg.clients + 200)
          throw new Error(`server fd limit ${fdLimit} < ${cfg.clients} clients`);
        // Some connections first (1 per 20, at most 50), so lazily loaded code, JIT code and
        // first-use allocations are not counted as per-connection cost.
        const warm = Math.min(50, Math.max(1, Math.floor(cfg.clients / 20)));
        const url = engineUrl(port);
        await clients[0].request("connect", { url, count: warm, inFlight: warm }, 30_000);
        await waitForConnections(srv, warm);
        const { memory: before } = await srv.request("memory", {}, 30_000);
        const opened = await Promise.all(
          shares(cfg.clients, cfg.procs).map((count, i) =>
            clients[i].request("connect", { url, count, inFlight: cfg.inFlight }, 180_000),
          ),
        );
        const connected = sum(opened.map((o) => o.connected));
        if (connected < cfg.clients)
          throw new Error(`only ${connected}/${cfg.clients} connected: ${opened[0].errors}`);
        const seen = await waitForConnections(srv, connected + warm, 30_000);
        await sleep(cfg.settleMs);
        const { memory: after, connections } = await srv.request("memory", {}, 60_000);
        const kb = (key) => (after[key] - before[key]) / 1024 / connected;
        return {
          clients: connected,
          heapPerConnKB: kb("heapUsed"),
          rssPerConnKB: kb("rss"),
          externalPerConnKB: kb("external"),
          heapBeforeMB: before.heapUsed / 2 ** 20,
          heapAfterMB: after.heapUsed / 2 ** 20,
          rssAfterMB: after.rss / 2 ** 20,
          warmupConnections: warm,
          serverConnections: Math.max(seen, connections), // includes the warm-up ones
        };
      },
    );
  },
};
