// Ack round-trip load: official socket.io-client sockets (websocket, or polling only for the
// polling scenario), each in a closed loop of `emitWithAck("echo", …)`. Round trips that complete
// between the end of the warm-up and the deadline are counted, and their latency recorded.
import { io } from "socket.io-client";
import { answerRequests, cpuSince, now } from "../lib/proc.mjs";
import { Histogram } from "../lib/stats.mjs";

const MAX_ROUND_TRIPS = 10_000_000; // per socket, a bound beyond any realistic run
let sockets = [];

function connectOne(url, transports, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports, forceNew: true, reconnection: false, timeout: timeoutMs });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function loop(socket, { measureFrom, deadline, timeoutMs }, out) {
  for (let i = 0; i < MAX_ROUND_TRIPS && now() < deadline; i++) {
    const startedAt = now();
    try {
      await socket.timeout(timeoutMs).emitWithAck("echo", { i, s: "ping" });
    } catch {
      out.errors++;
      if (!socket.connected) return;
      continue;
    }
    const endedAt = now();
    if (endedAt >= measureFrom && endedAt <= deadline) {
      out.acks++;
      out.latency.record((endedAt - startedAt) * 1000);
    }
  }
}

answerRequests({
  connect: async ({ url, count, transports, timeoutMs = 10_000 }) => {
    const results = await Promise.allSettled(
      Array.from({ length: count }, () => connectOne(url, transports, timeoutMs)),
    );
    sockets = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    const errors = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
    return { connected: sockets.length, failed: errors.length, errors: errors.slice(0, 5) };
  },
  run: async ({ warmupMs, durationMs, timeoutMs = 5_000 }) => {
    const measureFrom = now() + warmupMs;
    const deadline = measureFrom + durationMs;
    const out = { acks: 0, errors: 0, latency: new Histogram() };
    let cpuStart;
    const cpuTimer = setTimeout(() => {
      cpuStart = process.cpuUsage();
    }, warmupMs);
    await Promise.all(
      sockets.map((socket) => loop(socket, { measureFrom, deadline, timeoutMs }, out)),
    );
    clearTimeout(cpuTimer);
    return {
      acks: out.acks,
      errors: out.errors,
      latency: out.latency.toJSON(),
      durationMs,
      cpuUs: cpuStart ? cpuSince(cpuStart) : undefined,
      wallMs: now() - measureFrom,
    };
  },
  release: () => {
    for (const socket of sockets) socket.close();
    sockets = [];
  },
  exit: () => {
    for (const socket of sockets) socket.close();
  },
});
process.send({ type: "ready" });
