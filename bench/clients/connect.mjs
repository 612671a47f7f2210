// Connection-rate load: raw ws clients opened with a bounded number of handshakes in flight;
// each handshake is timed from the WebSocket open request to the CONNECT reply `40{…}`. The
// connections stay open (the server's cost grows with its population) until the process ends.
import { answerRequests, cpuSince, now } from "../lib/proc.mjs";
import { Histogram } from "../lib/stats.mjs";
import { openMany } from "../lib/wire.mjs";

let clients = [];

answerRequests({
  connect: async ({ url, count, inFlight }) => {
    const cpuStart = process.cpuUsage();
    const startedAt = now();
    const result = await openMany(url, count, inFlight);
    const endedAt = now();
    clients = result.clients;
    const handshake = new Histogram();
    for (const c of clients) handshake.record((c.connectedAt - c.openedAt) * 1000);
    return {
      connected: clients.length,
      failed: result.errors.length,
      errors: result.errors.slice(0, 5),
      startedAt,
      endedAt,
      handshake: handshake.toJSON(),
      cpuUs: cpuSince(cpuStart),
    };
  },
  release: () => {
    for (const client of clients) client.ws.terminate();
    clients = [];
  },
});
process.send({ type: "ready" });
