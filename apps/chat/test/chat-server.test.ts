/**
 * The chat's socket handlers over real sockets: a Volley server on 127.0.0.1:0 with the chat
 * attached (@volley/testing's createTestServer), driven by its typed test clients.
 */
import { presence } from "@volley/presence/client";
import { createTestServer, type TestClient, type TestServer } from "@volley/testing";
import { afterEach, describe, expect, it } from "vitest";
import { attachChat, CHAT_SERVER_OPTIONS, type ChatOptions } from "../server/chat-server.js";
import type {
  ChatSocketData,
  ClientToServerEvents,
  MemberMeta,
  SendPayload,
  ServerToClientEvents,
} from "../server/events.js";
import { type ChatRates, chatLimits } from "../server/limits.js";

// biome-ignore lint/complexity/noBannedTypes: Socket.IO-style "no inter-server events" map.
type NoEvents = {};
type ChatTestServer = TestServer<
  ClientToServerEvents,
  ServerToClientEvents,
  NoEvents,
  ChatSocketData
>;
type Client = TestClient<ServerToClientEvents, ClientToServerEvents>;

let server: ChatTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startChat(input: Partial<ChatOptions & ChatRates> = {}) {
  const { messageRate, typingRate, ...options } = input;
  let chat!: ReturnType<typeof attachChat>;
  const started: ChatTestServer = await createTestServer(
    (io) => {
      chat = attachChat(io, options);
      return () => chat.close();
    },
    {
      server: {
        ...CHAT_SERVER_OPTIONS,
        connectionStateRecovery: { maxDisconnectionDuration: 10_000, skipMiddlewares: false },
        limits: chatLimits({
          ...(messageRate ? { messageRate } : {}),
          ...(typingRate ? { typingRate } : {}),
        }),
      },
    },
  );
  server = started;
  return { server: started, chat };
}

/** How long conditions on server state or presence may take (as the hand-rolled poll allowed). */
const POLL = { timeout: 2_000, interval: 10 };

const auth = (nickname: string, token = `token-${nickname}-0001`) => ({
  auth: { nickname, token },
});

const join = (client: Client, room: string, since: number | null = null) =>
  client.emitWithAck("room:join", room, since);
// Without a clientId unless a test gives one, as before (the server accepts either).
const say = (client: Client, room: string, text: string, clientId?: string) =>
  client.emitWithAck("message:send", { room, text, clientId } as SendPayload);

describe("admission", () => {
  it("refuses a nickname held by another browser with CONNECT_ERROR data", async () => {
    const { server } = await startChat();
    await server.connect(auth("Ada"));
    const error = await server.connect(auth("ADA", "another-token-123")).catch((e) => e);
    expect(error.message).toContain("already taken");
    expect(error.data).toEqual({ code: "NICKNAME_TAKEN" });
    // The same browser (same token) may open a second tab.
    await server.connect(auth("Ada"));
  });

  it("refuses invalid nicknames and missing tokens", async () => {
    const { server } = await startChat();
    const bad = await server.connect(auth("<b>")).catch((e) => e);
    expect(bad.data).toEqual({ code: "NICKNAME_INVALID" });
    await expect(server.connect(auth("Bob", "x"))).rejects.toThrow("session");
  });
});

describe("rooms and messages", () => {
  it("delivers to the room only, acknowledges with the stored message, replays on join", async () => {
    const { server } = await startChat();
    const [ada, bob] = await Promise.all([
      server.connect(auth("Ada")),
      server.connect(auth("Bob")),
    ]);
    expect(await join(ada, "general")).toMatchObject({ ok: true, room: "general", history: [] });
    expect(await join(bob, "general")).toMatchObject({ ok: true, members: ["Ada", "Bob"] });
    expect(await join(ada, "#Ops Team")).toMatchObject({ ok: true, room: "ops-team" });
    await server.assertRoom("general", [ada, bob]);
    await server.assertRoom("ops-team", [ada]);

    const secret = await say(ada, "ops-team", "  ops only  ");
    expect(secret).toMatchObject({
      ok: true,
      message: { room: "ops-team", author: "Ada", text: "ops only" },
    });
    const hello = await say(ada, "general", "hello", "c-1");
    expect(await bob.waitFor("message:new")).toEqual([hello.ok && hello.message]);
    expect(hello.ok && secret.ok && hello.message.id > secret.message.id).toBe(true);
    // Bob's inbox holds that one message only: he never heard the ops room.
    await server.sync(bob);
    expect(bob.received().filter((r) => r.event === "message:new")).toHaveLength(1);

    // Joining later replays the room; `since` limits the replay to what was missed.
    const replay = await join(bob, "ops-team");
    expect(replay.ok && replay.history.map((m) => m.text)).toEqual(["ops only"]);
    const more = await say(ada, "ops-team", "second");
    const sinceReply = await join(bob, "ops-team", secret.ok ? secret.message.id : null);
    expect(sinceReply.ok && sinceReply.history).toEqual([more.ok && more.message]);
  });

  it("answers errors in the ack: not in room, empty, too long, rate limited", async () => {
    // every attempt counts against the rate (refused ones too): 3 refused, 2 sent, 1 limited
    const { server } = await startChat({ messageRate: { limit: 5, windowMs: 60_000 } });
    const ada = await server.connect(auth("Ada"));
    expect(await say(ada, "general", "hi")).toMatchObject({ ok: false, code: "NOT_IN_ROOM" });
    await join(ada, "general");
    // refused by the event contract before the handler: where, and a message for the UI
    expect(await say(ada, "general", "   ")).toEqual({
      error: "invalid_arguments",
      issues: [{ path: [0, "text"], message: "Message is empty." }],
    });
    expect(await say(ada, "general", "x".repeat(2_001))).toEqual({
      error: "invalid_arguments",
      issues: [{ path: [0, "text"], message: "Message is too long (2,001 of 2,000 characters)." }],
    });
    expect(await say(ada, "general", "x".repeat(2_000))).toMatchObject({ ok: true });
    expect(await say(ada, "general", "two")).toMatchObject({ ok: true });
    const limited = await say(ada, "general", "three");
    expect(limited).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(!limited.ok && limited.error).toContain("too fast");
    expect(await ada.emitWithAck("room:leave", "general")).toMatchObject({
      ok: false,
      code: "CANNOT_LEAVE",
    });
  });

  it("treats a resend with the same clientId as the same message", async () => {
    const { server } = await startChat();
    const ada = await server.connect(auth("Ada"));
    await join(ada, "general");
    const first = await say(ada, "general", "once", "retry-1");
    const again = await say(ada, "general", "once", "retry-1");
    expect(again).toEqual(first);
    const replay = await join(ada, "general");
    expect(replay.ok && replay.history).toHaveLength(1);
  });

  it("keeps presence and room counts live", async () => {
    const { server } = await startChat();
    const ada = await server.connect(auth("Ada"));
    await join(ada, "general");
    const members = presence<MemberMeta>(ada.socket, "general");
    const names = () => members.list.value.map(([, es]) => es[0]!.meta.nickname).sort();
    await expect.poll(() => members.synced.value, POLL).toBe(true);
    const bob = await server.connect(auth("Bob"));
    // The next room counts Ada gets once Bob has joined (none of the earlier ones).
    ada.clearReceived();
    await join(bob, "general");
    expect(await ada.waitFor("rooms:update")).toEqual([[{ name: "general", members: 2 }]]);
    await expect.poll(() => names().join(), POLL).toBe("Ada,Bob");
    bob.disconnect();
    await expect.poll(() => names().join(), POLL).toBe("Ada");
  });

  it("relays typing to the rest of the room only", async () => {
    const { server } = await startChat();
    const [ada, bob] = await Promise.all([
      server.connect(auth("Ada")),
      server.connect(auth("Bob")),
    ]);
    await Promise.all([join(ada, "general"), join(bob, "general")]);
    ada.emit("typing", "general");
    expect(await bob.waitFor("typing")).toEqual([{ room: "general", nickname: "Ada" }]);
    await server.sync(ada);
    expect(ada.received().some((r) => r.event === "typing")).toBe(false);
  });
});

describe("reconnection", () => {
  it("recovers rooms and missed messages after a dropped connection", async () => {
    const { server, chat } = await startChat();
    const ada = await server.connect(auth("Ada"));
    const bob = await server.connect({
      ...auth("Bob"),
      reconnection: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    await Promise.all([join(ada, "general"), join(bob, "general")]);
    bob.clearReceived();

    const reconnected = new Promise<void>((resolve) => bob.socket.once("connect", () => resolve()));
    server.socketOf(bob).conn.close();
    await expect.poll(() => chat.rooms.members("general"), POLL).not.toContain("Bob");
    await say(ada, "general", "while you were away");
    await reconnected;
    expect(bob.socket.recovered).toBe(true);
    expect((await bob.waitFor("message:new"))[0].text).toBe("while you were away");
    await expect.poll(() => chat.rooms.members("general"), POLL).toContain("Bob");
    await server.assertRoom("general", [ada, bob]); // Volley restored Bob's rooms too
    await say(ada, "general", "welcome back");
    expect((await bob.waitFor("message:new"))[0].text).toBe("welcome back");
    await server.sync(bob);
    expect(bob.received().filter((r) => r.event === "message:new")).toHaveLength(2);
  });
});
