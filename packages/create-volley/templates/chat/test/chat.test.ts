// The chat over real sockets: the app on a free port, clients from @volley/client in Node.
import type { AddressInfo } from "node:net";
import { io, type Socket } from "@volley/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type App, createApp } from "../server/app.js";
import type { ClientToServerEvents, ServerToClientEvents } from "../shared/events.js";

type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

let app: App;
let url: string;
const clients: ChatClient[] = [];

function connect(nickname: string): ChatClient {
  const socket: ChatClient = io(url, { forceNew: true, reconnection: false, auth: { nickname } });
  clients.push(socket);
  return socket;
}

async function join(socket: ChatClient, room: string) {
  const reply = await socket.timeout(5_000).emitWithAck("room:join", room);
  if (!reply.ok) throw new Error(reply.error);
  return reply;
}

beforeAll(async () => {
  app = createApp();
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of clients) socket.disconnect();
  await app.io.close();
});

test("refuses a connection without a valid nickname", async () => {
  const socket = connect("");
  const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
  expect(error.message).toBe("Pick a nickname.");
  expect(socket.status.value).toBe("disconnected");
});

test("delivers messages to the room with an ack, and keeps history", async () => {
  const ada = connect("ada");
  const bob = connect("bob");
  await join(ada, "lobby");
  const joined = await join(bob, "lobby");
  expect(joined.members).toEqual(["ada", "bob"]);

  const received = new Promise((resolve) => bob.once("message:new", resolve));
  const reply = await ada
    .timeout(5_000)
    .emitWithAck("message:send", { room: "lobby", text: "hello bob" });
  expect(reply).toMatchObject({ ok: true, message: { author: "ada", text: "hello bob" } });
  expect(await received).toMatchObject({ room: "lobby", author: "ada", text: "hello bob" });

  const late = connect("cy");
  const history = await join(late, "lobby");
  expect(history.history.map((m) => m.text)).toEqual(["hello bob"]);
});

test("refuses messages to a room the sender is not in", async () => {
  const socket = connect("dee");
  await join(socket, "general");
  const reply = await socket
    .timeout(5_000)
    .emitWithAck("message:send", { room: "elsewhere", text: "hi" });
  expect(reply).toEqual({ ok: false, error: "Join the room before writing in it." });
});

test("updates presence when members join and leave", async () => {
  const eve = connect("eve");
  await join(eve, "quiet");
  const updates: string[][] = [];
  eve.on("presence:update", ({ room, members }) => {
    if (room === "quiet") updates.push(members);
  });
  const fay = connect("fay");
  await join(fay, "quiet");
  await expect.poll(() => updates.at(-1)).toEqual(["eve", "fay"]);
  fay.disconnect();
  await expect.poll(() => updates.at(-1)).toEqual(["eve"]);
});
