// Recovery: a client is cut off for a while (1–3 s in the full run) while numbered events are
// broadcast; after it reconnects it must have every one exactly once and in order, over
// WebSocket and over polling.
import { account, heapMB, serverState, sleep, startServer, waitFor } from "../lib.mjs";

export default async function recovery({
  transport = "websocket",
  events = 1000,
  cutMs = 2000,
} = {}) {
  const server = await startServer({
    connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
  });
  const { io } = server;
  const heapBefore = await heapMB();
  const client = server.client({
    transports: [transport],
    reconnection: true,
    reconnectionDelay: cutMs,
    reconnectionDelayMax: cutMs,
    randomizationFactor: 0,
  });
  const received = [];
  client.on("n", (n) => received.push(n));
  await new Promise((resolve) => client.once("connect", resolve));
  // a first event gives the client an offset to recover from
  io.emit("n", -1);
  await waitFor(() => received.length === 1, 10_000, "the first event");
  received.length = 0;
  let recovered;
  client.once("connect", () => {
    recovered = client.recovered;
  });
  client.io.engine.close(); // cut off; the client comes back after cutMs
  // events while it is away, then more while it reconnects, paced over the cut
  const pause = Math.max(1, Math.floor(cutMs / Math.max(1, events / 50)));
  for (let n = 0; n < events; n++) {
    io.emit("n", n);
    if (n % 50 === 49) await sleep(pause);
  }
  await waitFor(() => recovered !== undefined, cutMs + 15_000, "the reconnection");
  await waitFor(() => received.length >= events, 15_000, "every event").catch(() => {});
  await sleep(100); // anything duplicated after the last one shows up here
  client.disconnect();
  await waitFor(() => serverState(io).sockets === 0, 10_000, "the socket to leave");
  const heapAfter = await heapMB();
  await server.close();
  return {
    scenario: `recovery ${transport}`,
    recovered,
    ...account(events, received),
    heapBeforeMB: heapBefore,
    heapAfterMB: heapAfter,
  };
}
