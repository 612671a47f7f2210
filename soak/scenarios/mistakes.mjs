// App mistakes: a throwing handler, a rejecting async handler, a middleware that never calls
// next (the connection times out with a clear error), circular and BigInt arguments (thrown to
// the app at the emit), and a 10 MB emit from the server (delivered). The server must survive
// all of them and keep serving.
import { heapMB, nextEvent, startServer } from "../lib.mjs";

export default async function mistakes({ bigMB = 10 } = {}) {
  const results = {};
  const server = await startServer({ connectTimeout: 1000 });
  const { io } = server;
  const heapBefore = await heapMB();
  const reported = [];
  io.on("error", (err) => reported.push(err instanceof Error ? err.message : String(err)));
  io.of("/stuck").use(() => {}); // never calls next
  io.on("connection", (socket) => {
    socket.on("throw", () => {
      throw new Error("handler threw");
    });
    socket.on("reject", async () => {
      throw new Error("async handler rejected");
    });
    socket.on("circular", (ack) => {
      const value = {};
      value.self = value;
      try {
        socket.emit("bad", value);
        ack("sent?!");
      } catch (err) {
        ack(`refused: ${err.constructor.name}`);
      }
    });
    socket.on("bigint", (ack) => {
      try {
        io.emit("bad", 10n);
        ack("sent?!");
      } catch (err) {
        ack(`refused: ${err.constructor.name}`);
      }
    });
    socket.on("big", () => socket.emit("big", "x".repeat(bigMB * 1024 * 1024)));
    socket.on("echo", (v, ack) => ack(v));
  });

  const client = server.client();
  await nextEvent(client, "connect");
  client.emit("throw");
  client.emit("reject");
  results.afterThrowingHandlers = await client.timeout(5000).emitWithAck("echo", "alive");
  results.circular = await client.timeout(5000).emitWithAck("circular");
  results.bigint = await client.timeout(5000).emitWithAck("bigint");
  client.emit("big");
  const [big] = await nextEvent(client, "big", 30_000);
  results.bigEmitDeliveredMB = Math.round(big.length / 1024 / 1024);
  results.connectedAfterBigEmit = client.connected;
  results.afterBigEmit = await client.timeout(5000).emitWithAck("echo", "alive");

  const stuck = server.client({}, "/stuck");
  const outcome = await Promise.race([
    nextEvent(stuck, "connect_error", 10_000).then(([err]) => `connect_error: ${err.message}`),
    nextEvent(stuck, "disconnect", 10_000).then(([why]) => `disconnect: ${why}`),
    nextEvent(stuck, "connect", 10_000).then(() => "connected?!"),
  ]).catch((err) => `nothing (${err.message})`);
  results.stuckMiddleware = outcome;
  stuck.disconnect();

  results.errorsReported = reported;
  results.stillServing = await client.timeout(5000).emitWithAck("echo", "ok");
  const heapAfter = await heapMB();
  await server.close();
  return { scenario: "app mistakes", ...results, heapBeforeMB: heapBefore, heapAfterMB: heapAfter };
}
