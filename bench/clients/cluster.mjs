// Cluster load: raw ws clients split across the nodes of a cluster (client i on node i % nodes),
// all in one room. Every node broadcasts `tick {n, t, o}` (o: the sending node, t: its send
// time); each client counts frames read straight from the bytes and records the latency of every
// tick that crossed nodes (o ≠ its own node) and of every local one. Per origin node, the process
// reports the lowest `n` all its clients have seen to that node (over one of its sockets there),
// so each node's broadcast loop stays a bounded window ahead of the slowest process.
import { answerRequests, cpuSince, now } from "../lib/proc.mjs";
import { Histogram } from "../lib/stats.mjs";
import { openMany, tickNumber } from "../lib/wire.mjs";

const T_KEY = ',"t":'.length;
const O_KEY = ',"o":'.length;

/**
 * Reads `{ n, t, o }` of `42["tick",{"n":1,"t":123.45,"o":0}]` from the bytes (no string, no
 * JSON) into `out`, so nothing is allocated per frame; false for any other frame.
 */
function parseTick(bytes, out) {
  const n = tickNumber(bytes);
  if (n < 0) return false;
  let i = 15; // length of 42["tick",{"n":
  while (bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
  i += T_KEY;
  let t = 0;
  while (bytes[i] >= 0x30 && bytes[i] <= 0x39) t = t * 10 + (bytes[i++] - 0x30);
  if (bytes[i] === 0x2e /* . */) {
    i++;
    let scale = 0.1;
    while (bytes[i] >= 0x30 && bytes[i] <= 0x39) {
      t += (bytes[i++] - 0x30) * scale;
      scale /= 10;
    }
  }
  i += O_KEY;
  out.n = n;
  out.t = t;
  out.o = bytes[i] - 0x30;
  return true;
}

let nodes = 0;
let sockets = []; // per node: the clients connected to it
let last = []; // per origin node: Float64Array of the last n per client
let countFrom = [];
let received = 0;
let lastAt = 0;
let cross = new Histogram();
let local = new Histogram();
let cpuStart = process.cpuUsage();
let reported = [];
let progressTimer;
const tick = { n: 0, t: 0, o: 0 };

function onFrameFor(index) {
  const mine = index % nodes;
  return (bytes) => {
    if (!parseTick(bytes, tick)) return;
    const { n, o } = tick;
    if (o < 0 || o >= nodes) return;
    last[o][index] = n;
    if (n > countFrom[o]) {
      received++;
      lastAt = now();
      const us = (lastAt - tick.t) * 1000;
      (o === mine ? local : cross).record(us);
    }
  };
}

/** Every 10 ms: tell each node (over a socket on it) the lowest of its ticks all clients saw. */
function reportProgress() {
  for (let o = 0; o < nodes; o++) {
    const seen = last[o];
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < seen.length; i++) if (seen[i] < min) min = seen[i];
    const via = sockets[o][0];
    if (Number.isFinite(min) && min > reported[o] && via) {
      reported[o] = min;
      via.ws.send(`42["progress",${min}]`);
    }
  }
}

function clear() {
  clearInterval(progressTimer);
  for (const list of sockets) for (const client of list) client.ws.terminate();
  sockets = [];
  last = [];
  countFrom = [];
  reported = [];
  received = 0;
}

answerRequests({
  connect: async ({ urls, count, inFlight }) => {
    clear();
    nodes = urls.length;
    last = urls.map(() => new Float64Array(count).fill(Number.POSITIVE_INFINITY));
    countFrom = urls.map(() => Number.POSITIVE_INFINITY);
    reported = urls.map(() => 0);
    // client index i goes to node i % nodes; openMany numbers its clients 0..k-1 per node
    const results = await Promise.all(
      urls.map((url, node) => {
        const k = Math.floor(count / nodes) + (node < count % nodes ? 1 : 0);
        return openMany(url, k, Math.max(1, Math.floor(inFlight / nodes)), {
          onFrameFor: (j) => onFrameFor(j * nodes + node),
        });
      }),
    );
    sockets = results.map((r) => r.clients);
    results.forEach((r, node) => {
      for (const client of r.clients)
        for (const seen of last) seen[client.index * nodes + node] = 0;
    });
    progressTimer = setInterval(reportProgress, 10);
    const errors = results.flatMap((r) => r.errors);
    return {
      connected: results.reduce((total, r) => total + r.clients.length, 0),
      perNode: results.map((r) => r.clients.length),
      errors: errors.slice(0, 5),
      failed: errors.length,
    };
  },
  reset: ({ fromN }) => {
    countFrom = fromN;
    received = 0;
    lastAt = 0;
    cross = new Histogram();
    local = new Histogram();
    cpuStart = process.cpuUsage();
    return { at: now() };
  },
  report: () => ({
    received,
    lastAt,
    cross: cross.toJSON(),
    local: local.toJSON(),
    cpuUs: cpuSince(cpuStart),
    at: now(),
  }),
  release: clear,
});
process.send({ type: "ready" });
