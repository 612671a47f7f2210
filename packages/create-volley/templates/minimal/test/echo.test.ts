// Starts the real app on a free port and talks to it with @volley/client, as the page does.
import type { AddressInfo } from "node:net";
import { io, type Socket } from "@volley/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type App, createApp } from "../server/app.js";
import type { ClientToServerEvents, ServerToClientEvents } from "../shared/events.js";

let app: App;
let url: string;
const sockets: Socket[] = [];

function connect(): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket = io<ServerToClientEvents, ClientToServerEvents>(url, { forceNew: true });
  sockets.push(socket as Socket);
  return socket;
}

beforeAll(async () => {
  app = createApp();
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.io.close();
});

test("answers /healthz", async () => {
  const response = await fetch(`${url}/healthz`);
  expect(await response.json()).toEqual({ ok: true });
});

test("echoes with an ack, and socket.status follows the connection", async () => {
  const socket = connect();
  const reply = await socket.timeout(5_000).emitWithAck("echo", "hello");
  expect(reply.text).toBe("hello");
  expect(typeof reply.at).toBe("number");
  expect(socket.status.value).toBe("connected");
});

test("tells everyone how many clients are online", async () => {
  const first = connect();
  await first.timeout(5_000).emitWithAck("echo", "ready");
  const counts: number[] = [];
  first.on("online", (count) => counts.push(count));
  const second = connect();
  await second.timeout(5_000).emitWithAck("echo", "ready");
  await expect.poll(() => counts.at(-1)).toBe(app.io.sockets.sockets.size);
  second.disconnect();
  await expect.poll(() => counts.at(-1)).toBe(app.io.sockets.sockets.size);
});
