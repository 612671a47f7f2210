/**
 * The chat's socket handlers over real sockets: a Volley server on 127.0.0.1:0 with the chat
 * attached, driven by the Volley client in Node.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Socket as ClientSocket, io as connectClient } from "@volley/client";
import { presence } from "@volley/presence/client";
import { Server } from "@volley/server";
import { afterEach, describe, expect, it } from "vitest";
import { attachChat, type ChatIo, type ChatOptions } from "../server/chat-server.js";
import type {
  Ack,
  ChatMessage,
  ClientToServerEvents,
  JoinReply,
  MemberMeta,
  ServerToClientEvents,
} from "../server/events.js";

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startChat(options: Partial<ChatOptions> = {}) {
  const http = createServer();
  const io: ChatIo = new Server(http, {
    connectionStateRecovery: { maxDisconnectionDuration: 10_000, skipMiddlewares: false },
  });
  const chat = attachChat(io, options);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    chat.close();
    await io.close();
  });
  return { url, io, chat };
}

function connect(url: string, nickname: string, token = `token-${nickname}-0001`): Client {
  const socket: Client = connectClient(url, {
    auth: { nickname, token },
    forceNew: true,
    transports: ["websocket"],
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
  });
  cleanups.push(() => void socket.disconnect());
  return socket;
}

function once<T = unknown>(socket: Client, event: string): Promise<T> {
  return new Promise((resolve) =>
    (socket as unknown as { once(e: string, f: (v: T) => void): void }).once(event, resolve),
  );
}

async function connected(socket: Client): Promise<void> {
  if (!socket.connected) await once(socket, "connect");
}

function request<T>(
  socket: Client,
  event: keyof ClientToServerEvents,
  ...args: unknown[]
): Promise<T> {
  const timed = socket.timeout(5_000) as unknown as {
    emitWithAck(e: string, ...a: unknown[]): Promise<T>;
  };
  return timed.emitWithAck(event, ...args);
}

const join = (socket: Client, room: string, since: number | null = null) =>
  request<Ack<JoinReply>>(socket, "room:join", room, since);
const say = (socket: Client, room: string, text: string, clientId?: string) =>
  request<Ack<{ message: ChatMessage }>>(socket, "message:send", { room, text, clientId });

/** Collects every `message:new` a socket receives. */
function inbox(socket: Client): ChatMessage[] {
  const received: ChatMessage[] = [];
  socket.on("message:new", (message) => void received.push(message));
  return received;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("admission", () => {
  it("refuses a nickname held by another browser with CONNECT_ERROR data", async () => {
    const { url } = await startChat();
    const ada = connect(url, "Ada");
    await connected(ada);
    const intruder = connect(url, "ADA", "another-token-123");
    const error = await once<Error & { data?: unknown }>(intruder, "connect_error");
    expect(error.message).toContain("already taken");
    expect(error.data).toEqual({ code: "NICKNAME_TAKEN" });
    // The same browser (same token) may open a second tab.
    const secondTab = connect(url, "Ada");
    await connected(secondTab);
  });

  it("refuses invalid nicknames and missing tokens", async () => {
    const { url } = await startChat();
    const bad = connect(url, "<b>");
    expect((await once<Error & { data?: unknown }>(bad, "connect_error")).data).toEqual({
      code: "NICKNAME_INVALID",
    });
    const noToken = connect(url, "Bob", "x");
    expect((await once<Error>(noToken, "connect_error")).message).toContain("session");
  });
});

describe("rooms and messages", () => {
  it("delivers to the room only, acknowledges with the stored message, replays on join", async () => {
    const { url } = await startChat();
    const ada = connect(url, "Ada");
    const bob = connect(url, "Bob");
    await Promise.all([connected(ada), connected(bob)]);
    const bobInbox = inbox(bob);
    expect(await join(ada, "general")).toMatchObject({ ok: true, room: "general", history: [] });
    expect(await join(bob, "general")).toMatchObject({ ok: true, members: ["Ada", "Bob"] });
    expect(await join(ada, "#Ops Team")).toMatchObject({ ok: true, room: "ops-team" });

    const secret = await say(ada, "ops-team", "  ops only  ");
    expect(secret).toMatchObject({
      ok: true,
      message: { room: "ops-team", author: "Ada", text: "ops only" },
    });
    const hello = await say(ada, "general", "hello", "c-1");
    await until(() => bobInbox.length === 1, "Bob's message");
    expect(bobInbox).toEqual([hello.ok && hello.message]);
    expect(hello.ok && secret.ok && hello.message.id > secret.message.id).toBe(true);

    // Joining later replays the room; `since` limits the replay to what was missed.
    const replay = await join(bob, "ops-team");
    expect(replay.ok && replay.history.map((m) => m.text)).toEqual(["ops only"]);
    const more = await say(ada, "ops-team", "second");
    const sinceReply = await join(bob, "ops-team", secret.ok ? secret.message.id : null);
    expect(sinceReply.ok && sinceReply.history).toEqual([more.ok && more.message]);
  });

  it("answers errors in the ack: not in room, empty, too long, rate limited", async () => {
    const { url } = await startChat({ messageRate: { limit: 2, windowMs: 60_000 } });
    const ada = connect(url, "Ada");
    await connected(ada);
    expect(await say(ada, "general", "hi")).toMatchObject({ ok: false, code: "NOT_IN_ROOM" });
    await join(ada, "general");
    expect(await say(ada, "general", "   ")).toMatchObject({ ok: false, code: "MESSAGE_INVALID" });
    const long = await say(ada, "general", "x".repeat(2_001));
    expect(long).toMatchObject({ ok: false, code: "MESSAGE_INVALID" });
    expect(!long.ok && long.error).toContain("too long");
    expect(await say(ada, "general", "x".repeat(2_000))).toMatchObject({ ok: true });
    expect(await say(ada, "general", "two")).toMatchObject({ ok: true });
    const limited = await say(ada, "general", "three");
    expect(limited).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(!limited.ok && limited.error).toContain("too fast");
    expect(await request(ada, "room:leave", "general")).toMatchObject({
      ok: false,
      code: "CANNOT_LEAVE",
    });
  });

  it("treats a resend with the same clientId as the same message", async () => {
    const { url } = await startChat();
    const ada = connect(url, "Ada");
    await connected(ada);
    await join(ada, "general");
    const first = await say(ada, "general", "once", "retry-1");
    const again = await say(ada, "general", "once", "retry-1");
    expect(again).toEqual(first);
    const replay = await join(ada, "general");
    expect(replay.ok && replay.history).toHaveLength(1);
  });

  it("keeps presence and room counts live", async () => {
    const { url } = await startChat();
    const ada = connect(url, "Ada");
    await connected(ada);
    await join(ada, "general");
    const members = presence<MemberMeta>(ada, "general");
    const names = () => members.list.value.map(([, es]) => es[0]!.meta.nickname).sort();
    await until(() => members.synced.value, "the first presence sync");
    const bob = connect(url, "Bob");
    await connected(bob);
    const counts = once<{ name: string; members: number }[]>(ada, "rooms:update");
    await join(bob, "general");
    expect(await counts).toEqual([{ name: "general", members: 2 }]);
    await until(() => names().join() === "Ada,Bob", "Bob in the member list");
    bob.disconnect();
    await until(() => names().join() === "Ada", "Bob gone from the member list");
  });

  it("relays typing to the rest of the room only", async () => {
    const { url } = await startChat();
    const ada = connect(url, "Ada");
    const bob = connect(url, "Bob");
    await Promise.all([connected(ada), connected(bob)]);
    await Promise.all([join(ada, "general"), join(bob, "general")]);
    const typing = once<{ room: string; nickname: string }>(bob, "typing");
    ada.emit("typing", "general");
    expect(await typing).toEqual({ room: "general", nickname: "Ada" });
  });
});

describe("reconnection", () => {
  it("recovers rooms and missed messages after a dropped connection", async () => {
    const { url, io, chat } = await startChat();
    const ada = connect(url, "Ada");
    const bob = connect(url, "Bob");
    await Promise.all([connected(ada), connected(bob)]);
    await Promise.all([join(ada, "general"), join(bob, "general")]);
    const bobInbox = inbox(bob);

    const reconnected = once(bob, "connect");
    const [bobOnServer] = await io
      .in("general")
      .fetchSockets()
      .then((all) => all.filter((s) => s.data.nickname === "Bob"));
    const serverSocket = io.of("/").sockets.get(bobOnServer!.id)!;
    serverSocket.conn.close();
    await until(() => !chat.rooms.members("general").includes("Bob"), "Bob to drop");
    await say(ada, "general", "while you were away");
    await reconnected;
    expect(bob.recovered).toBe(true);
    await until(() => bobInbox.length === 1, "the missed message");
    expect(bobInbox[0]!.text).toBe("while you were away");
    await until(() => chat.rooms.members("general").includes("Bob"), "Bob back in the room");
    await say(ada, "general", "welcome back");
    await until(() => bobInbox.length === 2, "the next message");
  });
});
