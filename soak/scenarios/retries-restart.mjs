// Client retries across a server restart: a Volley client with `retries` sends numbered, acked
// emits, each carrying its own id (`<clientId>:<seq>`), while the server is stopped and started
// again on the same port — once right after a handler processed an emit but before its ack went
// out (the crash the retries exist for). The handler de-duplicates by that id in a store that
// outlives the server process (here a Map outside it; Redis or a database in an app).
// Checks: every emit processed exactly once, every ack callback called exactly once.
import { createServer } from "node:http";
import { io as connect } from "../../packages/client/dist/index.js";
import { Server } from "../../packages/server/dist/index.js";
import { heapMB, sleep, waitFor } from "../lib.mjs";

export default async function retriesRestart({ emits = 300, restarts = 2, downMs = 300 } = {}) {
  const processed = new Map(); // id -> times the handler processed it (the durable store)
  let deliveries = 0; // emits that reached a handler, retries included
  let port = 0;
  let current;
  const spacing = Math.floor(emits / (restarts + 1));
  // the seqs whose ack is never sent: the server restarts instead (every other restart)
  const crashAt = new Set();
  for (let r = 0; r < restarts; r += 2) crashAt.add(spacing * (r + 1));
  let restarting;

  async function start() {
    const httpServer = createServer();
    const io = new Server(httpServer);
    io.on("connection", (socket) => {
      socket.on("work", (payload, ack) => {
        deliveries++;
        const { id, seq } = payload;
        if (!processed.has(id)) processed.set(id, 0);
        else {
          ack({ ok: true, duplicate: true }); // seen already: acknowledge, do not process again
          return;
        }
        processed.set(id, processed.get(id) + 1); // "the work"
        if (crashAt.delete(seq)) {
          restarting = restart(); // dies before acknowledging
          return;
        }
        ack({ ok: true });
      });
    });
    await new Promise((resolve) => httpServer.listen(port, "127.0.0.1", resolve));
    port = httpServer.address().port;
    current = { io, httpServer };
  }

  const restartMs = [];
  async function restart() {
    const began = Date.now();
    const { io, httpServer } = current;
    await io.close();
    httpServer.closeAllConnections?.();
    await sleep(downMs);
    await start();
    restartMs.push(Date.now() - began);
  }

  await start();
  const heapBefore = await heapMB();
  const client = connect(`http://127.0.0.1:${port}`, {
    forceNew: true,
    retries: 20,
    ackTimeout: 1000,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
  });
  await new Promise((resolve) => client.once("connect", resolve));
  const clientId = client.id;
  const acks = new Map(); // seq -> ack callback calls
  const failures = [];
  for (let seq = 0; seq < emits; seq++) {
    client.emit("work", { id: `${clientId}:${seq}`, seq }, (err) => {
      acks.set(seq, (acks.get(seq) ?? 0) + 1);
      if (err) failures.push(seq);
    });
  }
  // restarts while the queue drains: one crash between processing and ack, one plain restart
  for (let r = 0; r < restarts; r++) {
    const target = spacing * (r + 1);
    if (r % 2 === 0) {
      await waitFor(() => restarting !== undefined, 60_000, "the crash");
      await restarting;
      restarting = undefined;
    } else {
      await waitFor(() => acks.size >= target, 60_000, `ack ${target}`);
      await restart();
    }
  }
  await waitFor(() => acks.size >= emits, 120_000, "every ack").catch(() => {});
  await sleep(200); // a second ack callback would show up here
  client.disconnect();
  const heapAfter = await heapMB();
  await current.io.close();
  current.httpServer.closeAllConnections?.();

  let lost = 0;
  let duplicated = 0;
  for (let seq = 0; seq < emits; seq++) {
    const times = processed.get(`${clientId}:${seq}`) ?? 0;
    if (times === 0) lost++;
    if (times > 1) duplicated += times - 1;
  }
  let ackedTwice = 0;
  for (const calls of acks.values()) if (calls > 1) ackedTwice++;
  return {
    scenario: "retries across a server restart",
    sent: emits,
    received: processed.size,
    lost,
    duplicated,
    redeliveredAndDeduped: deliveries - processed.size,
    acked: acks.size,
    ackedTwice,
    ackErrors: failures.length,
    restarts: restartMs.length,
    restartMs,
    heapBeforeMB: heapBefore,
    heapAfterMB: heapAfter,
  };
}
