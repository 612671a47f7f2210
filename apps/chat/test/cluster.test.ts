/**
 * Cluster mode over a real redis-server (started on a free port by this file): two chat
 * servers, each with the Redis adapter, the Redis store and presence, as `main.ts` sets them
 * up with REDIS_URL. Members and counts, history, nicknames and rate limits hold across them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once as onceEvent } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer } from "node:net";
import { type Socket as ClientSocket, io as connectClient } from "@volley/client";
import { presence } from "@volley/presence/client";
import { createAdapter } from "@volley/redis-adapter";
import { Server } from "@volley/server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachChat, CHAT_SERVER_OPTIONS, type ChatIo } from "../server/chat-server.js";
import type { Ack, ChatMessage, JoinReply, MemberMeta } from "../server/events.js";
import { chatLimits } from "../server/limits.js";
import { redisStore } from "../server/shared-store.js";

let redisProcess: ChildProcess | undefined;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

async function freePort(): Promise<number> {
  const server = createNetServer().listen(0, "127.0.0.1");
  await onceEvent(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis(): Promise<number> {
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const proc = spawn("redis-server", args, { stdio: ["ignore", "pipe", "ignore"] });
  redisProcess = proc;
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start: ${output}`)),
      10_000,
    );
    proc.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return port;
}

async function startNode(redisPort: number): Promise<string> {
  const redis = new Redis({ host: "127.0.0.1", port: redisPort });
  redis.on("error", () => {});
  const http = createServer();
  const io: ChatIo = new Server(http, {
    ...CHAT_SERVER_OPTIONS,
    adapter: createAdapter(redis, { logger: { warn() {}, info() {} } }),
    limits: chatLimits({ messageRate: { limit: 3, windowMs: 60_000 } }, redis),
  });
  const chat = attachChat(io, {
    store: redisStore(redis),
    presence: {
      heartbeatInterval: 200,
      downAfter: 1000,
      connected: () => redis.status === "ready",
    },
  });
  http.listen(0, "127.0.0.1");
  await onceEvent(http, "listening");
  cleanups.push(async () => {
    chat.close();
    await io.close();
    redis.disconnect();
  });
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

type Client = ClientSocket;
function connect(url: string, nickname: string, token = `token-${nickname}-0001`): Client {
  const socket = connectClient(url, {
    auth: { nickname, token },
    forceNew: true,
    transports: ["websocket"],
  });
  cleanups.unshift(() => socket.disconnect());
  return socket;
}
const connected = async (s: Client) => {
  if (!s.connected) await onceEvent(s as unknown as NodeJS.EventEmitter, "connect");
};
const join = (s: Client, room: string) =>
  s.timeout(5000).emitWithAck("room:join", room, null) as Promise<Ack<JoinReply>>;
const say = (s: Client, room: string, text: string) =>
  s.timeout(5000).emitWithAck("message:send", { room, text }) as Promise<
    Ack<{ message: ChatMessage }>
  >;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let one: string;
let two: string;
let redisPort: number;
beforeAll(async () => {
  const port = await startRedis();
  redisPort = port;
  [one, two] = await Promise.all([startNode(port), startNode(port)]);
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  if (redisProcess && redisProcess.exitCode === null) {
    const exited = onceEvent(redisProcess, "exit");
    redisProcess.kill("SIGKILL");
    await exited;
  }
});

describe("chat cluster (two servers, one Redis)", () => {
  it("shares members and counts, history, nicknames and rate limits", async () => {
    const ada = connect(one, "Ada");
    await connected(ada);
    expect(await join(ada, "general")).toMatchObject({ ok: true });
    const members = presence<MemberMeta>(ada, "general");
    const names = () =>
      members.list.value
        .map(([, es]) => es[0]!.meta.nickname)
        .sort()
        .join();
    const rooms: { name: string; members: number }[][] = [];
    ada.on("rooms:update", (list: { name: string; members: number }[]) => void rooms.push(list));

    const bob = connect(two, "Bob");
    await connected(bob);
    expect(await join(bob, "general")).toMatchObject({ ok: true });
    await until(() => names() === "Ada,Bob", "Ada to see Bob, who is on the other server");
    await until(() => rooms.at(-1)?.[0]?.members === 2, "#general to count two");

    // history: written on one, read on the other
    expect(await say(ada, "general", "hello from one")).toMatchObject({ ok: true });
    const cy = connect(two, "Cy");
    await connected(cy);
    const reply = await join(cy, "general");
    expect(reply.ok && reply.history.map((m) => m.text)).toEqual(["hello from one"]);
    expect(reply.ok && reply.members).toEqual(["Ada", "Bob", "Cy"]);

    // a nickname held on one server is refused on the other, whatever the case
    const intruder = connect(two, "ADA", "another-token-0001");
    const [error] = (await onceEvent(
      intruder as unknown as NodeJS.EventEmitter,
      "connect_error",
    )) as [Error & { data?: unknown }];
    expect(error.data).toEqual({ code: "NICKNAME_TAKEN" });
    intruder.disconnect();

    // rate limit per user across servers: Ada's second tab on the other server shares the budget
    const adaTab = connect(two, "Ada");
    await connected(adaTab);
    await join(adaTab, "general");
    expect(await say(adaTab, "general", "2")).toMatchObject({ ok: true });
    expect(await say(ada, "general", "3")).toMatchObject({ ok: true });
    expect(await say(adaTab, "general", "4")).toMatchObject({ ok: false, code: "RATE_LIMITED" });

    // Bob leaves: Ada sees it
    bob.disconnect();
    await until(() => names() === "Ada,Cy", "Bob gone from Ada's list");
  });
});

describe("the Redis store", () => {
  it("claims a nickname for one browser; its owner renews the claim, another is refused", async () => {
    const redis = new Redis({ host: "127.0.0.1", port: redisPort });
    cleanups.push(() => redis.disconnect());
    const store = redisStore(redis, "store-test");
    await until(() => redis.status === "ready", "redis ready");
    expect(await store.claimNickname("zoe", "token-zoe-0001", 60_000)).toBe(true);
    expect(await store.claimNickname("zoe", "token-other-01", 60_000)).toBe(false);
    expect(await store.claimNickname("zoe", "token-zoe-0001", 60_000)).toBe(true); // renewal
    expect(await redis.pttl("store-test:nick:zoe")).toBeGreaterThan(0);
  });
});
