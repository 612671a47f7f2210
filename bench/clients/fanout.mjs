// Fan-out load: raw ws clients (cheaper than socket.io-client, so a client process is less
// likely to be the bottleneck) that count `tick` frames without decoding them, and report the
// lowest `n` all of them have received so the server's loop stays a bounded window ahead.
import { answerRequests, cpuSince, now } from "../lib/proc.mjs";
import { openMany, tickNumber } from "../lib/wire.mjs";

let clients = [];
let last = new Float64Array(0); // last tick n per client; Infinity = not connected
let countFrom = Number.POSITIVE_INFINITY; // ticks with n > countFrom are counted
let received = 0;
let firstAt = 0;
let lastAt = 0;
let cpuStart = process.cpuUsage();
let reported = 0;
let progressTimer;

function onFrameFor(i) {
  return (bytes) => {
    const n = tickNumber(bytes);
    if (n < 0) return;
    last[i] = n;
    if (n > countFrom) {
      received++;
      lastAt = now();
      if (firstAt === 0) firstAt = lastAt;
    }
  };
}

/** Every 10 ms: tell the server (over one socket) the lowest tick every client has seen. */
function reportProgress() {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < last.length; i++) if (last[i] < min) min = last[i];
  if (Number.isFinite(min) && min > reported && clients.length > 0) {
    reported = min;
    clients[0].ws.send(`42["progress",${min}]`);
  }
}

answerRequests({
  connect: async ({ url, count, inFlight }) => {
    last = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
    const result = await openMany(url, count, inFlight, { onFrameFor });
    clients = result.clients;
    for (const client of clients)
      if (last[client.index] === Number.POSITIVE_INFINITY) last[client.index] = 0;
    clearInterval(progressTimer);
    progressTimer = setInterval(reportProgress, 10);
    return {
      connected: clients.length,
      errors: result.errors.slice(0, 5),
      failed: result.errors.length,
    };
  },
  reset: ({ fromN }) => {
    countFrom = fromN;
    received = 0;
    firstAt = 0;
    lastAt = 0;
    cpuStart = process.cpuUsage();
    return { at: now() };
  },
  report: () => ({ received, firstAt, lastAt, cpuUs: cpuSince(cpuStart), at: now() }),
  release: () => {
    clearInterval(progressTimer);
    for (const client of clients) client.ws.terminate();
    clients = [];
    last = new Float64Array(0);
    countFrom = Number.POSITIVE_INFINITY;
    received = 0;
    reported = 0;
  },
});
process.send({ type: "ready" });
