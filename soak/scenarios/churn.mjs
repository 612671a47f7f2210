// Churn: rounds of clients (WebSocket, polling, polling→WebSocket upgrade) connect, join rooms,
// exchange acked events and leave, half cleanly (disconnect) and half abruptly (transport cut
// without a goodbye). Afterwards sockets, rooms, engine sessions and pending acks are back to
// baseline, and the heap is close to where it started.
import { account, heapMB, serverState, startServer, waitFor } from "../lib.mjs";

const TRANSPORTS = [["websocket"], ["polling"], ["polling", "websocket"]];

export default async function churn({ clients = 1000, rounds = 2, batch = 100 } = {}) {
  const server = await startServer({ pingInterval: 2000, pingTimeout: 2000 });
  const { io } = server;
  let pendingAcks = 0;
  io.on("connection", (socket) => {
    socket.join([`room-${socket.id.length % 7}`, "all"]);
    socket.on("work", (n, ack) => ack(n * 2));
    // a server→client ack, counted until it settles
    pendingAcks++;
    socket.timeout(5000).emit("hello", 1, () => pendingAcks--);
  });
  const baseline = serverState(io);
  const heapBefore = await heapMB();
  let sent = 0;
  const answers = [];
  for (let round = 0; round < rounds; round++) {
    for (let start = 0; start < clients; start += batch) {
      const group = [];
      for (let i = start; i < Math.min(clients, start + batch); i++) {
        const socket = server.client({ transports: TRANSPORTS[i % TRANSPORTS.length] });
        socket.on("hello", (_n, ack) => ack("hi"));
        group.push(socket);
      }
      await Promise.all(
        group.map(async (socket, i) => {
          await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("no connect within 20 s")), 20_000);
            socket.once("connect", () => {
              clearTimeout(timer);
              resolve();
            });
            socket.once("connect_error", (err) => {
              clearTimeout(timer);
              reject(err);
            });
          });
          const n = sent++;
          answers.push((await socket.timeout(10_000).emitWithAck("work", n)) / 2);
          if (i % 2 === 0) socket.disconnect();
          else socket.io.engine.close(); // abrupt: the transport goes, no DISCONNECT packet
        }),
      );
    }
  }
  await waitFor(
    () => {
      const s = serverState(io);
      return s.sockets === baseline.sockets && s.engineSessions === baseline.engineSessions;
    },
    30_000,
    "sockets and sessions back to baseline",
  );
  await waitFor(() => pendingAcks === 0, 10_000, "server acks to settle");
  const after = serverState(io);
  const heapAfter = await heapMB();
  await server.close();
  return {
    scenario: "churn",
    ...account(
      sent,
      answers.sort((a, b) => a - b),
    ),
    baseline,
    after,
    pendingAcks,
    heapBeforeMB: heapBefore,
    heapAfterMB: heapAfter,
  };
}
