// Shared pieces of the soak and chaos suite: a Volley server on an ephemeral loopback port,
// Volley clients that are always closed, bounded waits, delivery accounting and memory samples.
// Everything runs in one process against the built packages (run `pnpm build` first).
import { createServer } from "node:http";
import { io as connect } from "../packages/client/dist/index.js";
import { Server } from "../packages/server/dist/index.js";

/** Start a Volley server on 127.0.0.1:0. */
export async function startServer(options = {}) {
  const httpServer = createServer();
  const io = new Server(httpServer, options);
  await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address();
  const clients = new Set();
  return {
    io,
    httpServer,
    url: `http://127.0.0.1:${port}`,
    /** A Volley client (forceNew); closed by `close()` if still open. */
    client(opts = {}, nsp = "/") {
      const socket = connect(`http://127.0.0.1:${port}${nsp}`, {
        forceNew: true,
        reconnection: false,
        ...opts,
      });
      clients.add(socket);
      // a client that will not reconnect is forgotten once it disconnects, so the heap numbers
      // measure the server, not this list
      if (opts.reconnection !== true) socket.on("disconnect", () => clients.delete(socket));
      return socket;
    },
    async close() {
      for (const socket of clients) socket.disconnect();
      clients.clear();
      await io.close();
      httpServer.closeAllConnections?.();
    },
  };
}

/** Resolve when `predicate()` holds; reject after `ms` (every wait in the suite is bounded). */
export async function waitFor(predicate, ms, what) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolve with the args of `event` on `emitter`, or reject after `ms`. */
export function nextEvent(emitter, event, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

/** Sent/received/lost/duplicated/out-of-order of numbered events 0..sent-1 as received. */
export function account(sent, received) {
  const seen = new Set();
  let duplicated = 0;
  let outOfOrder = 0;
  let last = -1;
  for (const n of received) {
    if (seen.has(n)) duplicated++;
    seen.add(n);
    if (n < last) outOfOrder++;
    last = Math.max(last, n);
  }
  let lost = 0;
  for (let i = 0; i < sent; i++) if (!seen.has(i)) lost++;
  return { sent, received: received.length, lost, duplicated, outOfOrder };
}

/** Heap used after a full GC when `--expose-gc` is on (else as is), in MB. */
export async function heapMB() {
  for (let i = 0; i < 3 && globalThis.gc; i++) {
    globalThis.gc();
    await sleep(20);
  }
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

/** Live server-side state that must return to baseline. */
export function serverState(io) {
  const nsp = io.of("/");
  return {
    engineSessions: io.engine.clientsCount,
    sockets: nsp.sockets.size,
    rooms: nsp.adapter.rooms.size,
  };
}
