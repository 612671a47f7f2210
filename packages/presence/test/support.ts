// Test support: a Volley server with presence on 127.0.0.1:0, Volley clients, and bounded
// polling for what arrives asynchronously.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Socket as ClientSocket, io as connect } from "@volley/client";
import { Server } from "@volley/server";
import { waitFor as sharedWaitFor } from "../../redis-adapter/test/support/redis-process.js";

/** Bounded polling, shared with the Redis adapter's tests; every 20 ms here (in-process). */
export function waitFor<T>(
  condition: () => T | Promise<T>,
  description: string,
  timeout = 10_000,
  interval = 20,
): Promise<T> {
  return sharedWaitFor(condition, description, timeout, interval);
}

export async function startServer(
  options: ConstructorParameters<typeof Server>[1] = {},
): Promise<{ io: Server; url: string; close(): Promise<void> }> {
  const httpServer = createServer();
  const io = new Server(httpServer, options);
  httpServer.listen(0, "127.0.0.1");
  await once(httpServer, "listening");
  const { port } = httpServer.address() as AddressInfo;
  return {
    io,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await io.close();
    },
  };
}

export function client(
  url: string,
  auth: Record<string, unknown>,
  reconnection = true,
): ClientSocket {
  return connect(url, {
    reconnection,
    forceNew: true,
    auth,
    transports: ["websocket"],
    reconnectionDelay: 20,
    reconnectionDelayMax: 50,
  });
}
