// Redis faults, two parts:
// 1. redis-server is killed (SIGKILL) and started again on the same port while node A streams
//    numbered broadcasts to a client of node B. Reported: what was lost (only what was published
//    while Redis was down or before the nodes re-subscribed), that nothing outside that window
//    was lost, nothing duplicated or reordered, and how long after Redis came back cross-node
//    delivery resumed by itself.
// 2. Node B (its own process) is killed (SIGKILL) while node A runs `fetchSockets`,
//    `serverSideEmitWithAck` and a broadcast with acks that B's client never answers: each
//    returns within its timeout.
// Needs redis-server on the PATH (skipped otherwise).
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { io as connect } from "../../packages/client/dist/index.js";
import { createAdapter } from "../../packages/redis-adapter/dist/index.js";
import { Redis } from "../../packages/redis-adapter/node_modules/ioredis/built/index.js";
import { account, sleep, startServer, waitFor } from "../lib.mjs";
import { startRedis } from "./recovery-redis.mjs";

const FIXTURE = fileURLToPath(
  new URL("../../packages/redis-adapter/test/fixtures/node.mjs", import.meta.url),
);
const ADAPTER = { heartbeatInterval: 250, heartbeatTimeout: 1500, requestsTimeout: 3000 };

async function inProcessNode(redisPort, links) {
  const pub = new Redis(redisPort, "127.0.0.1");
  pub.on("error", () => {});
  links.push(pub);
  const logger = { warn: () => {}, info: () => {} };
  return startServer({ adapter: createAdapter(pub, { ...ADAPTER, logger }) });
}

async function redisRestart({ events, intervalMs, downMs }) {
  let redis = await startRedis();
  const port = redis.port;
  const links = [];
  const a = await inProcessNode(port, links);
  const b = await inProcessNode(port, links);
  const client = b.client({ transports: ["websocket"] });
  const received = [];
  const receivedAt = new Map();
  client.on("n", (n) => {
    received.push(n);
    receivedAt.set(n, Date.now());
  });
  try {
    await new Promise((resolve) => client.once("connect", resolve));
    await sleep(600); // both nodes subscribed and aware of each other
    const sentAt = [];
    let killedAt = 0;
    let upAt = 0;
    let restarting;
    for (let n = 0; n < events; n++) {
      if (n === Math.floor(events / 3)) {
        killedAt = Date.now();
        await redis.stop();
        restarting = sleep(downMs).then(async () => {
          redis = await startRedis(port);
          upAt = Date.now();
        });
      }
      sentAt.push(Date.now());
      a.io.emit("n", n);
      await sleep(intervalMs);
    }
    await restarting;
    await waitFor(() => received.includes(events - 1), 15_000, "the last event").catch(() => {});
    await sleep(200);
    const result = account(events, received);
    const killedN = Math.floor(events / 3);
    const firstAfter = received.find((n) => n >= killedN);
    const lostOutsideOutage = [...Array(events).keys()].filter(
      (n) => !received.includes(n) && (n < killedN || (firstAfter !== undefined && n > firstAfter)),
    ).length;
    return {
      scenario: "redis killed and restarted during a cross-node stream",
      ...result,
      downMs: upAt - killedAt,
      resumedMsAfterRedisUp: firstAfter === undefined ? null : receivedAt.get(firstAfter) - upAt,
      lostWhileDownOrResubscribing: result.lost - lostOutsideOutage,
      lostOutsideOutage,
    };
  } finally {
    client.disconnect();
    await a.close();
    await b.close();
    for (const link of links) link.disconnect();
    await redis.stop();
  }
}

function forkNode(redisPort) {
  const child = fork(FIXTURE, [], {
    env: {
      ...process.env,
      NODE_NAME: "B",
      REDIS_PORT: String(redisPort),
      HEARTBEAT_INTERVAL: String(ADAPTER.heartbeatInterval),
      HEARTBEAT_TIMEOUT: String(ADAPTER.heartbeatTimeout),
      REQUESTS_TIMEOUT: String(ADAPTER.requestsTimeout),
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("node B did not start")), 15_000);
    child.on("message", (m) => {
      if (m?.type === "ready") {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
    child.once("exit", () => reject(new Error("node B exited early")));
  });
  return { child, ready };
}

async function nodeKilled() {
  const redis = await startRedis();
  const links = [];
  const a = await inProcessNode(redis.port, links);
  const { child, ready } = forkNode(redis.port);
  let silent;
  try {
    const bPort = await ready;
    // B's client never answers acks: the broadcast with acks waits on B when B dies
    silent = connect(`http://127.0.0.1:${bPort}`, {
      forceNew: true,
      transports: ["websocket"],
      reconnection: false,
    });
    silent.on("ask", () => {});
    await new Promise((resolve) => silent.once("connect", resolve));
    const deadline = Date.now() + 10_000;
    while ((await a.io.of("/").adapter.serverCount()) < 2 && Date.now() < deadline) await sleep(50);
    const exited = once(child, "exit");
    const ackTimeout = 3000;
    const timed = async (what, timeout, run) => {
      const began = Date.now();
      try {
        const value = await run();
        return { what, timeout, ms: Date.now() - began, outcome: "resolved", value };
      } catch (err) {
        return { what, timeout, ms: Date.now() - began, outcome: `rejected: ${err?.message}` };
      }
    };
    const broadcast = timed("broadcast with acks", ackTimeout, () =>
      a.io.timeout(ackTimeout).emitWithAck("ask"),
    );
    await sleep(50); // the broadcast reached B, whose client holds the ack
    child.kill("SIGKILL");
    await exited;
    const results = await Promise.all([
      broadcast,
      timed("fetchSockets", ADAPTER.requestsTimeout, () =>
        a.io.fetchSockets().then((s) => s.length),
      ),
      timed("serverSideEmitWithAck", ADAPTER.requestsTimeout, () =>
        a.io.serverSideEmitWithAck("whoami", "?"),
      ),
    ]);
    // "within its timeout": a little slack for the event loop of a busy machine
    const late = results.filter((r) => r.ms > r.timeout + 500).length;
    return {
      scenario: "node killed during cluster requests",
      results: results.map(({ what, ms, outcome, timeout }) => ({ what, ms, timeout, outcome })),
      late,
    };
  } finally {
    silent?.disconnect();
    if (child.exitCode === null && child.signalCode === null) {
      const gone = once(child, "exit");
      child.kill("SIGKILL");
      await gone;
    }
    await a.close();
    for (const link of links) link.disconnect();
    await redis.stop();
  }
}

export default async function redisFaults({ events = 2000, intervalMs = 5, downMs = 2000 } = {}) {
  const probe = await startRedis().catch(() => undefined);
  if (!probe) return { scenario: "redis faults", skipped: "no redis-server" };
  await probe.stop();
  const restart = await redisRestart({ events, intervalMs, downMs });
  const killed = await nodeKilled();
  return {
    ...restart,
    scenario: "redis faults: redis-server restarted mid-stream; node killed mid-request",
    nodeKilled: killed.results,
    late: killed.late,
  };
}
