// What every server under test shares: it runs in its own process, reports its port to the
// parent, answers CPU/memory requests, and runs the fan-out loop. Each server file only supplies
// `start(hooks)`, resolving with `{ port, broadcast(n, t), connections(), requests? }` (requests:
// extra IPC commands, e.g. the cluster nodes' `peers`); its connection
// handler joins every socket to "room", acks "echo" with the same data, and passes "progress"
// events to `hooks.progress(socketKey, n)`.
import { writeHeapSnapshot } from "node:v8";
import { answerRequests, now, openFilesLimit } from "./proc.mjs";

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** GC until the heap stops shrinking (needs --expose-gc), then process.memoryUsage(). */
async function memoryAfterGc() {
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await settle();
  }
  return process.memoryUsage();
}

/**
 * The fan-out loop: emits `tick` broadcasts in batches of `batch` per event-loop turn
 * (setImmediate), for at most `durationMs` and `maxCount` broadcasts, keeping at most `window`
 * broadcasts ahead of the slowest reporting client process (each reports the lowest `n` its
 * clients have received), so the loop measures delivery rather than filling memory.
 */
function createFanout(server) {
  const progress = new Map();
  let n = 0;
  let wake;

  function onProgress(key, value) {
    progress.set(key, value);
    wake?.();
  }

  function run({ durationMs, maxCount, batch, window, reporters }) {
    const baseN = n;
    const startedAt = now();
    const cpuAtStart = process.cpuUsage();
    const deadline = startedAt + durationMs;
    let sent = 0;
    let stalls = 0;
    const slowest = () => {
      let min = progress.size < reporters ? baseN : Number.POSITIVE_INFINITY;
      for (const value of progress.values()) if (value < min) min = value;
      return min;
    };
    return new Promise((resolve) => {
      let timer;
      function pump() {
        wake = undefined;
        clearTimeout(timer);
        if (now() >= deadline || sent >= maxCount) {
          resolve({
            sent,
            firstN: baseN + 1,
            lastN: n,
            startedAt,
            endedAt: now(),
            cpuAtStart,
            stalls,
          });
          return;
        }
        const limit = Math.min(batch, maxCount - sent, slowest() + window - n);
        const t = Date.now();
        for (let i = 0; i < limit; i++) server.broadcast(++n, t);
        if (limit > 0) {
          sent += limit;
          setImmediate(pump);
        } else {
          // Window full: wait for a progress report (or re-check the deadline in 10 ms).
          stalls++;
          wake = pump;
          timer = setTimeout(pump, 10);
        }
      }
      pump();
    });
  }

  return { onProgress, run };
}

export async function hostServer(start) {
  let fanout;
  const server = await start({ progress: (key, value) => fanout.onProgress(key, value) });
  fanout = createFanout(server);
  answerRequests({
    cpu: () => ({ cpu: process.cpuUsage(), connections: server.connections() }),
    memory: async () => ({ memory: await memoryAfterGc(), connections: server.connections() }),
    // for tools/connection-budget.mjs: a heap snapshot after gc, written to `file`
    heapSnapshot: async ({ file }) => {
      await memoryAfterGc();
      return { file: writeHeapSnapshot(file), connections: server.connections() };
    },
    broadcast: (msg) => fanout.run(msg),
    ...server.requests,
  });
  process.send({ type: "ready", port: server.port, fdLimit: openFilesLimit() });
}
