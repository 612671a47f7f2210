// The arena over real sockets: the app on a free port, clients from @volley/client in Node.
import type { AddressInfo } from "node:net";
import { io, type Socket } from "@volley/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type App, createApp } from "../server/app.js";
import type { ClientToServerEvents, ServerToClientEvents, Snapshot } from "../shared/events.js";
import { seededRandom } from "../shared/simulation.js";

type GameClient = Socket<ServerToClientEvents, ClientToServerEvents>;

let app: App;
let url: string;
const clients: GameClient[] = [];

function connect(): GameClient {
  const socket: GameClient = io(url, { forceNew: true, reconnection: false });
  clients.push(socket);
  return socket;
}

function nextSnapshot(socket: GameClient, accept: (s: Snapshot) => boolean): Promise<Snapshot> {
  return new Promise((resolve) => {
    const listener = (snapshot: Snapshot) => {
      if (!accept(snapshot)) return;
      socket.off("snapshot", listener);
      resolve(snapshot);
    };
    socket.on("snapshot", listener);
  });
}

beforeAll(async () => {
  app = createApp({ random: seededRandom(7) });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of clients) socket.disconnect();
  app.arena.stop();
  await app.io.close();
});

test("joins with an ack and appears in the snapshots", async () => {
  const socket = connect();
  const reply = await socket.timeout(5_000).emitWithAck("join", { name: "ada" });
  expect(reply.ok).toBe(true);
  const id = reply.ok ? reply.id : "";
  const snapshot = await nextSnapshot(socket, (s) => s.players.some((p) => p.id === id));
  expect(snapshot.players.find((p) => p.id === id)).toMatchObject({ name: "ada", score: 0 });
  expect(snapshot.coins.length).toBeGreaterThan(0);
});

test("refuses an invalid name", async () => {
  const socket = connect();
  const reply = await socket.timeout(5_000).emitWithAck("join", { name: "" });
  expect(reply.ok).toBe(false);
});

test("the server moves the player by its stick", async () => {
  const socket = connect();
  const reply = await socket.timeout(5_000).emitWithAck("join", { name: "bob" });
  if (!reply.ok) throw new Error(reply.error);
  const startX = (
    await nextSnapshot(socket, (s) => s.players.some((p) => p.id === reply.id))
  ).players.find((p) => p.id === reply.id)!.x;
  const goRight = setInterval(() => socket.emit("input", { x: 1, y: 0 }), 50);
  try {
    await nextSnapshot(socket, (s) => s.players.find((p) => p.id === reply.id)!.x > startX + 20);
  } finally {
    clearInterval(goRight);
  }
});

test("a player leaves the arena on disconnect", async () => {
  const watcher = connect();
  const socket = connect();
  const reply = await socket.timeout(5_000).emitWithAck("join", { name: "cy" });
  if (!reply.ok) throw new Error(reply.error);
  socket.disconnect();
  await nextSnapshot(watcher, (s) => !s.players.some((p) => p.id === reply.id));
});
