// Acknowledgement round trips: socket.io-client sockets in a closed loop of
// `emitWithAck("echo", …)` (the server acks with the same data); acks per second and latency
// percentiles. `ackScenario` also builds the long-polling variant (scenarios/polling.mjs).
import { sleep } from "../lib/proc.mjs";
import { shares, waitForConnections, withProcesses } from "../lib/session.mjs";
import { Histogram, max, sum } from "../lib/stats.mjs";

export function ackScenario({ name, title, transports, applies }) {
  return {
    name,
    title,
    metrics: [
      { key: "acksPerSec", label: "acks/s", better: "higher" },
      { key: "p50Ms", label: "p50 ms", better: "lower" },
      { key: "p99Ms", label: "p99 ms", better: "lower" },
    ],
    applies,

    async run(server, cfg, options) {
      return withProcesses(
        { name: server, clientFile: "clients/ack.mjs", procs: cfg.procs, options },
        async ({ server: srv, port, clients }) => {
          const url = `http://127.0.0.1:${port}`;
          const opened = await Promise.all(
            shares(cfg.clients, cfg.procs).map((count, i) =>
              clients[i].request("connect", { url, count, transports }, 60_000),
            ),
          );
          const connected = sum(opened.map((o) => o.connected));
          if (connected < cfg.clients)
            throw new Error(`only ${connected}/${cfg.clients} connected: ${opened[0].errors}`);
          await waitForConnections(srv, connected);

          const run = { warmupMs: cfg.warmupMs, durationMs: cfg.durationMs };
          const timeout = cfg.warmupMs + cfg.durationMs + 30_000;
          const cpuAtMeasure = sleep(cfg.warmupMs).then(() => srv.request("cpu"));
          const results = await Promise.all(clients.map((c) => c.request("run", run, timeout)));
          const { cpu: before } = await cpuAtMeasure;
          const { cpu: after } = await srv.request("cpu");

          const latency = new Histogram();
          for (const r of results) latency.merge(r.latency);
          const acks = sum(results.map((r) => r.acks));
          const seconds = cfg.durationMs / 1000;
          const serverCpuUs = after.user + after.system - before.user - before.system;
          const clientCpu = results.map((r) => (r.cpuUs ?? 0) / 1000 / r.wallMs);
          return {
            clients: connected,
            acksPerSec: acks / seconds,
            p50Ms: latency.quantile(0.5) / 1000,
            p99Ms: latency.quantile(0.99) / 1000,
            maxMs: latency.max / 1000,
            acks,
            errors: sum(results.map((r) => r.errors)),
            serverCpuUsPerAck: serverCpuUs / acks,
            clientCpuPct: 100 * sum(clientCpu),
            clientCpuMaxPct: 100 * max(clientCpu),
          };
        },
      );
    },
  };
}

export default ackScenario({
  name: "ack",
  title: "Ack round trips (websocket)",
  transports: ["websocket"],
  applies: () => true,
});
