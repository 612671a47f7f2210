#!/usr/bin/env node
// Presence at scale: memory per tracked entry (this node's own entries, and another node's
// entries held as a replica), and what one join costs when a topic already holds 10,000 keys:
// the time from track() to the diff reaching every subscriber, and the diff's size next to the
// full list's. Run by `pnpm bench:presence` (node --expose-gc); `--keys=N --subscribers=N
// --joins=N` change the sizes. Loopback only; prints a table and one JSON line.
import { once } from "node:events";
import { createServer } from "node:http";
import { io as connect } from "@volley/client";
import { Presence, PresenceEvent, Replicas, serializePartition } from "@volley/presence";
import { Server } from "@volley/server";

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, Number(v)];
  }),
);
const KEYS = args.get("keys") ?? 10_000;
const SUBSCRIBERS = args.get("subscribers") ?? 50;
const JOINS = args.get("joins") ?? 200;
const TOPIC = "room:big";

if (typeof globalThis.gc !== "function") {
  console.error("run with node --expose-gc (pnpm bench:presence does)");
  process.exit(1);
}
const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

/** A socket as the tracker sees it, without a connection (for the 10,000 tracked entries). */
function fakeSocket(id) {
  return { id, connected: true, rooms: new Set([id, TOPIC]), join() {}, on() {} };
}

const meta = (i) => ({ name: `user ${i}`, status: "online", since: 1_700_000_000_000 + i });

// ---- a server, a tracker, subscribers -------------------------------------------------------
const httpServer = createServer();
const io = new Server(httpServer);
const presence = new Presence(io);
io.on("connection", (socket) => socket.join(TOPIC));
httpServer.listen(0, "127.0.0.1");
await once(httpServer, "listening");
const url = `http://127.0.0.1:${httpServer.address().port}`;

// ---- memory per own entry -------------------------------------------------------------------
const sockets = Array.from({ length: KEYS }, (_, i) => fakeSocket(`s${i}`));
const before = heap();
for (let i = 0; i < KEYS; i++) presence.track(sockets[i], TOPIC, `user-${i}`, meta(i));
presence.count(TOPIC); // flush
const ownBytes = (heap() - before) / KEYS;

// ---- memory per replicated entry (another node's partition held here) -----------------------
const source = new Replicas("other", { downAfter: 5000, retryAfter: 2000 });
for (let i = 0; i < KEYS; i++) source.join(TOPIC, `other-${i}`, `other.${i}`, meta(i));
const stateText = JSON.stringify({
  t: "st",
  n: "other",
  c: 1,
  s: serializePartition(source.local),
});
const stateBytes = Buffer.byteLength(stateText);
const replica = new Replicas("here", { downAfter: 5000, retryAfter: 2000 });
const beforeReplica = heap();
// as it arrives from Redis: parsed, applied, and the message dropped (metas are kept)
replica.receive(JSON.parse(stateText), Date.now());
replica.takeDiffs();
const replicaBytes = (heap() - beforeReplica) / KEYS;

// ---- one join in a topic of KEYS keys, to SUBSCRIBERS real clients --------------------------
const clients = [];
for (let i = 0; i < SUBSCRIBERS; i++) {
  const c = connect(url, { forceNew: true, transports: ["websocket"] });
  clients.push(c);
}
await Promise.all(clients.map((c) => (c.connected ? null : once(c, "connect"))));
await new Promise((r) => setTimeout(r, 100)); // let the joins settle before measuring

let pending = 0;
let done;
const diffSizes = [];
for (const c of clients) {
  c.on(PresenceEvent.DIFF, () => {
    pending -= 1;
    if (pending === 0) done();
  });
}
const latencies = [];
for (let j = 0; j < JOINS; j++) {
  const s = fakeSocket(`j${j}`);
  const arrived = new Promise((resolve) => {
    done = resolve;
  });
  pending = SUBSCRIBERS;
  presence.once("diff", (_topic, diff) => diffSizes.push(Buffer.byteLength(JSON.stringify(diff))));
  const t0 = process.hrtime.bigint();
  presence.track(s, TOPIC, `joiner-${j}`, meta(j));
  await arrived;
  latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const listBytes = Buffer.byteLength(JSON.stringify(presence.list(TOPIC)));
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
const avgDiff = diffSizes.reduce((a, b) => a + b, 0) / diffSizes.length;

const result = {
  keys: KEYS,
  subscribers: SUBSCRIBERS,
  joins: JOINS,
  bytesPerOwnEntry: Math.round(ownBytes),
  bytesPerReplicaEntry: Math.round(replicaBytes),
  fullStateMessageBytes: stateBytes,
  diffBytes: Math.round(avgDiff),
  fullListBytes: listBytes,
  joinToAllSubscribersMs: { p50: +pct(0.5).toFixed(2), p99: +pct(0.99).toFixed(2) },
};
console.log(
  `presence bench: ${KEYS} keys in one topic, ${SUBSCRIBERS} subscribers, ${JOINS} joins`,
);
console.log(`  memory per tracked entry (own)      ${result.bytesPerOwnEntry} B`);
console.log(`  memory per replicated entry         ${result.bytesPerReplicaEntry} B`);
console.log(`  full state message (${KEYS} entries)  ${(stateBytes / 1024).toFixed(0)} KiB`);
console.log(
  `  one join: diff ${result.diffBytes} B to each subscriber (the list is ${(listBytes / 1024).toFixed(0)} KiB)`,
);
console.log(
  `  track() to all ${SUBSCRIBERS} subscribers: p50 ${result.joinToAllSubscribersMs.p50} ms, p99 ${result.joinToAllSubscribersMs.p99} ms`,
);
console.log(JSON.stringify(result));

for (const c of clients) c.disconnect();
presence.close();
await io.close();
process.exit(0);
