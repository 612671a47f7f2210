// Fake time with real sockets: vitest's fake timers drive the server's heartbeat and app
// timeouts while I/O stays real; advanceTime() keeps connections alive across long jumps.
import { AckTimeoutError } from "@volley/server";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { createTestServer, type TestServer } from "../src/index.js";

interface ServerToClient {
  "are-you-there": (ack: (answer: string) => void) => void;
}
interface ClientToServer {
  ask: (ack: (outcome: string) => void) => void;
}

// setTimeout/setInterval and Date only: setImmediate and nextTick stay real for the I/O.
const FAKED = ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] as const;
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

let server: TestServer<ClientToServer, ServerToClient> | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: [...FAKED] });
});
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

test("advanceTime jumps ten minutes of heartbeats without a ping timeout", async () => {
  server = await createTestServer<ClientToServer, ServerToClient>(() => {}, {
    server: { pingInterval: 25_000, pingTimeout: 20_000 },
  });
  const client = await server.connect();
  const reasons: string[] = [];
  client.socket.on("disconnect", (reason) => void reasons.push(reason));
  await server.advanceTime(10 * 60_000, advance);
  expect(reasons).toEqual([]);
  expect(client.connected).toBe(true);
  expect(server.io.engine.clientsCount).toBe(1);
});

test("nextPing resolves when fake time reaches the ping interval", async () => {
  server = await createTestServer<ClientToServer, ServerToClient>(() => {}, {
    server: { pingInterval: 25_000, pingTimeout: 20_000 },
  });
  const client = await server.connect();
  const ping = client.nextPing();
  await advance(25_000);
  await ping;
});

test("a client that never answers pings is dropped once the fake clock passes the timeout", async () => {
  server = await createTestServer<ClientToServer, ServerToClient>(() => {}, {
    server: { pingInterval: 25_000, pingTimeout: 20_000 },
  });
  const client = await server.connect();
  const serverSide = server.socketOf(client);
  const gone = new Promise<string>((resolve) => serverSide.once("disconnect", resolve));
  // One synchronous jump: no I/O runs inside it, so the server's ping goes out, the pong cannot
  // be read, and the pong timer fires (advanceTimersByTimeAsync would let I/O in between).
  vi.advanceTimersByTime(25_000 + 20_000 + 1);
  expect(await gone).toBe("ping timeout");
});

test("an app's ack timeout fires on fake time, not real time", async () => {
  let outcome: Promise<string> | undefined;
  server = await createTestServer<ClientToServer, ServerToClient>((io) => {
    io.on("connection", (socket) => {
      socket.on("ask", (ack) => {
        outcome = socket
          .timeout(30_000)
          .emitWithAck("are-you-there")
          .then(
            (answer) => `answered ${answer}`,
            (error: unknown) => (error instanceof AckTimeoutError ? "timed out" : String(error)),
          );
        ack("asked");
      });
    });
  });
  // This client has no "are-you-there" handler, so the server's ack can only time out.
  const client = await server.connect();
  expect(await client.emitWithAck("ask")).toBe("asked");
  await server.advanceTime(29_000, advance);
  const settled = await Promise.race([outcome, Promise.resolve("pending")]);
  expect(settled).toBe("pending");
  await server.advanceTime(1_000, advance);
  expect(await outcome).toBe("timed out");
});
