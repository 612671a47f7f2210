// The chat over real sockets: the app on a free port, typed clients from @volley/testing.
import { serveApp } from "@volley/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../server/app.js";

// The test server's type follows the app's (its event maps and socket data).
const start = () => serveApp(createApp());
let server: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());

const connect = (nickname: string) => server.connect({ auth: { nickname } });

async function join(nickname: string, room: string) {
  const client = await connect(nickname);
  const reply = await client.emitWithAck("room:join", room);
  if (!reply.ok) throw new Error(reply.error);
  return { client, reply };
}

test("refuses a connection without a valid nickname", async () => {
  await expect(connect("")).rejects.toThrow("Pick a nickname.");
});

test("delivers messages to the room with an ack, and keeps history", async () => {
  const ada = await join("ada", "lobby");
  const bob = await join("bob", "lobby");
  expect(bob.reply.members).toEqual(["ada", "bob"]);
  await server.assertRoom("lobby", [ada.client, bob.client]);

  const reply = await ada.client.emitWithAck("message:send", { room: "lobby", text: "hello bob" });
  expect(reply).toMatchObject({ ok: true, message: { author: "ada", text: "hello bob" } });
  const [message] = await bob.client.waitFor("message:new", (m) => m.room === "lobby");
  expect(message).toMatchObject({ author: "ada", text: "hello bob" });

  const late = await join("cy", "lobby");
  expect(late.reply.history.map((m) => m.text)).toEqual(["hello bob"]);
});

test("refuses messages to a room the sender is not in", async () => {
  const { client } = await join("dee", "general");
  const reply = await client.emitWithAck("message:send", { room: "elsewhere", text: "hi" });
  expect(reply).toEqual({ ok: false, error: "Join the room before writing in it." });
});

test("refuses arguments the contract does not allow, before any handler", async () => {
  const { client } = await join("fay", "general");
  expect(
    await client.emitWithAck("message:send", { room: "general", text: "x".repeat(1_001) }),
  ).toEqual({
    error: "invalid_arguments",
    issues: [{ path: [0, "text"], message: "Messages have at most 1000 characters." }],
  });
});

test("updates presence when members join and leave", async () => {
  const eve = await join("eve", "quiet");
  const fay = await join("fay", "quiet");
  const inQuiet = (names: string[]) => (u: { room: string; members: string[] }) =>
    u.room === "quiet" && u.members.join() === names.join();
  await eve.client.waitFor("presence:update", inQuiet(["eve", "fay"]));
  fay.client.disconnect();
  await eve.client.waitFor("presence:update", inQuiet(["eve"]));
  await expect.poll(() => server.socketsIn("quiet")).toEqual([eve.client.id]);
});
