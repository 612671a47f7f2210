// What both cluster servers share (cluster scenario): each node puts its own connections round
// robin into `rooms` rooms ("r0", "r1", …), so every room has as many members on each node; tick
// `n` goes to room `r${n % rooms}`, stamped with this node's index `o` and the send time `t`.
// Besides the fan-out loop of server-host.mjs, a node answers `peers` (how many other nodes its
// adapter counts) and `paced` (broadcasts at a fixed rate, for latency at equal load).
import { now } from "../lib/proc.mjs";

/** Ticks of the paced phase are numbered from here, apart from the fan-out loop's. */
export const PACED_BASE = 1_000_000_000;
const PACED_INTERVAL_MS = 10;

/**
 * The `hostServer` object of a cluster node. `io` is a socket.io or Volley server whose adapter
 * reaches the other nodes; `hooks` are hostServer's.
 */
export function clusterNode({ io, node, rooms, port, hooks }) {
  let joined = 0;
  io.on("connection", (socket) => {
    socket.join(`r${joined++ % rooms}`);
    socket.on("progress", (n) => hooks.progress(socket.id, n));
  });
  const broadcast = (n) => io.to(`r${n % rooms}`).emit("tick", { n, t: now(), o: node });
  let pacedN = PACED_BASE;

  /** `perSec` broadcasts per second for `durationMs`, in batches every 10 ms. */
  function paced({ perSec, durationMs }) {
    const perTick = perSec / (1000 / PACED_INTERVAL_MS);
    const startedAt = now();
    const cpuAtStart = process.cpuUsage();
    let owed = 0;
    let sent = 0;
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        if (now() - startedAt >= durationMs) {
          clearInterval(timer);
          resolve({ sent, firstN: PACED_BASE + 1, lastN: pacedN, startedAt, cpuAtStart });
          return;
        }
        owed += perTick;
        for (; owed >= 1; owed--, sent++) broadcast(++pacedN);
      }, PACED_INTERVAL_MS);
    });
  }

  return {
    port,
    broadcast,
    connections: () => io.engine.clientsCount,
    requests: {
      peers: async () => (await io.of("/").adapter.serverCount()) - 1,
      paced,
    },
  };
}
