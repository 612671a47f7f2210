// Idle-memory load: raw ws clients that do the Engine.IO + Socket.IO handshake, then sit idle
// (answering pings) until the parent ends the process. Each `connect` request adds clients.
import { answerRequests, cpuSince, now } from "../lib/proc.mjs";
import { openMany } from "../lib/wire.mjs";

const clients = [];

answerRequests({
  connect: async ({ url, count, inFlight, localAddresses, timeoutMs }) => {
    const cpuStart = process.cpuUsage();
    const startedAt = now();
    const result = await openMany(url, count, inFlight, { localAddresses, timeoutMs });
    clients.push(...result.clients);
    return {
      connected: result.clients.length,
      failed: result.errors.length,
      errors: result.errors.slice(0, 5),
      ms: now() - startedAt,
      cpuUs: cpuSince(cpuStart),
    };
  },
  open: () => ({ open: clients.filter((c) => c.ws.readyState === 1).length }),
  release: () => {
    for (const client of clients) client.ws.terminate();
    clients.length = 0;
  },
});
process.send({ type: "ready" });
