// Recovery across two nodes on Redis: a client on node A is cut off for a while (behind a TCP
// switch it reconnects through), numbered events are broadcast from node A ("n") and from
// node B ("m") meanwhile and while it comes back, and it reconnects to node B, where live
// broadcasts meet the replay. It must get every event of each sender once, in order.
// Needs redis-server on the PATH (skipped otherwise); it starts its own on a free port.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer as createTcpServer, connect as tcpConnect } from "node:net";
import { createAdapter } from "../../packages/redis-adapter/dist/index.js";
import { Redis } from "../../packages/redis-adapter/node_modules/ioredis/built/index.js";
import { account, sleep, startServer, waitFor } from "../lib.mjs";

export async function freePort() {
  const server = createTcpServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of its own (on `port`, or a free one); `stop()` kills it (SIGKILL). */
export async function startRedis(port) {
  port ??= await freePort();
  const proc = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
    proc.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once("error", reject);
  });
  return {
    port,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = once(proc, "exit");
      proc.kill("SIGKILL");
      await exited;
    },
  };
}

/** A TCP switch: every new connection goes to the current target port. */
async function startSwitch(target) {
  const sockets = new Set();
  const server = createTcpServer((client) => {
    const upstream = tcpConnect(state.target, "127.0.0.1");
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  const state = { target };
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    set target(port) {
      state.target = port;
    },
    /** Cut every connection (the client sees its transport drop). */
    cutAll() {
      for (const socket of sockets) socket.destroy();
    },
    close() {
      this.cutAll();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export default async function recoveryRedis({ events = 1000, cutMs = 2000 } = {}) {
  const redis = await startRedis().catch(() => undefined);
  if (!redis) return { scenario: "recovery redis (two nodes)", skipped: "no redis-server" };
  const links = [];
  const node = async () => {
    const pub = new Redis(redis.port, "127.0.0.1");
    links.push(pub);
    return startServer({
      adapter: createAdapter(pub),
      connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
    });
  };
  const a = await node();
  const b = await node();
  const portOf = (s) => Number(new URL(s.url).port);
  const sw = await startSwitch(portOf(a));
  const { io: connect } = await import("../../packages/client/dist/index.js");
  const client = connect(sw.url, {
    forceNew: true,
    transports: ["websocket"],
    reconnectionDelay: cutMs,
    reconnectionDelayMax: cutMs,
    randomizationFactor: 0,
  });
  const received = [];
  const receivedFromB = [];
  client.on("n", (n) => received.push(n));
  client.on("m", (m) => receivedFromB.push(m));
  try {
    await new Promise((resolve) => client.once("connect", resolve));
    await sleep(500); // both nodes subscribed and aware of each other
    a.io.emit("n", -1);
    await waitFor(() => received.length === 1, 10_000, "the first event");
    received.length = 0;
    let recovered;
    client.once("connect", () => {
      recovered = client.recovered;
    });
    sw.target = portOf(b);
    sw.cutAll(); // the client's connection to A drops; it comes back through the switch to B
    for (let n = 0; n < events; n++) {
      a.io.emit("n", n); // each sender's stream order is its emit order
      b.io.emit("m", n);
      // paced over 1.5 × the cut: the stream goes on while the client is restored on B
      if (n % 10 === 9) await sleep(Math.max(1, Math.floor((1.5 * cutMs) / (events / 10))));
    }
    await waitFor(() => recovered !== undefined, cutMs + 15_000, "the reconnection");
    await waitFor(
      () => received.length >= events && receivedFromB.length >= events,
      15_000,
      "every event",
    ).catch(() => {});
    await sleep(200);
    const fromA = account(events, received);
    const fromB = account(events, receivedFromB);
    const total = {};
    for (const key of Object.keys(fromA)) total[key] = fromA[key] + fromB[key];
    return { scenario: "recovery redis (two nodes)", recovered, ...total, fromA, fromB };
  } finally {
    client.disconnect();
    await sw.close();
    await a.close();
    await b.close();
    for (const link of links) link.disconnect();
    await redis.stop();
  }
}
