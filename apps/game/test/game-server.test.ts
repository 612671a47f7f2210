/**
 * The game server over real sockets: a Volley server on 127.0.0.1:0 with the game attached
 * (@volley/testing's createTestServer), and its typed test clients speaking to it exactly as
 * browsers do.
 */
import { type AnyState, decodeMessage, readHeader } from "@volley/state";
import { createTestServer, type TestClient, type TestServer } from "@volley/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attachGame, GAME_SERVER_OPTIONS, type GameServer } from "../server/game-server.js";
import {
  type ClientToServerEvents,
  type JoinReply,
  LOBBY_ROOM,
  matchRoom,
  type ServerToClientEvents,
  type Snapshot,
} from "../shared/events.js";
import { DEFAULT_RULES, spawnPoint } from "../shared/simulation.js";
import { gameSchema } from "../shared/sync.js";
import { StateFeed } from "../web/net/state-feed.js";

type Client = TestClient<ServerToClientEvents, ClientToServerEvents>;

const GRACE_MS = 400;
const spawn0 = spawnPoint(DEFAULT_RULES, 0);

let server: TestServer<ClientToServerEvents, ServerToClientEvents>;
let game: GameServer;
/** Each client's synced snapshots (through @volley/state, as the browser gets them). */
const feeds = new WeakMap<Client, Set<(s: Snapshot) => void>>();

beforeEach(async () => {
  server = await createTestServer<ClientToServerEvents, ServerToClientEvents>(
    (io) => {
      game = attachGame(io, {
        seed: 1,
        graceMs: GRACE_MS,
        coinLayout: [{ x: spawn0.x + 100, y: spawn0.y }],
      });
      return () => game.close();
    },
    { server: GAME_SERVER_OPTIONS },
  );
});

afterEach(() => server.close());

/** A connected test client whose `match:state` messages feed a StateFeed, as in the browser. */
async function client(): Promise<Client> {
  const socket = server.client({ timeoutMs: 4_000 });
  const listeners = new Set<(s: Snapshot) => void>();
  feeds.set(socket, listeners);
  new StateFeed(socket.socket, (snapshot) => {
    for (const listener of listeners) listener(snapshot);
  });
  return socket.connect();
}

/** Each `match:state` message the client received, as it came off the wire (its mailbox). */
const wireOf = (socket: Client): Uint8Array[] =>
  socket
    .received()
    .filter((r) => r.event === "match:state")
    .map((r) => new Uint8Array(r.args[0] as ArrayBuffer));

/** Sends a request and waits for its ack (the reply type is the caller's to name). */
function ask<T>(socket: Client, event: "match:create" | "lobby:watch" | "game:ping"): Promise<T>;
function ask<T>(socket: Client, event: "match:join", payload: unknown): Promise<T>;
function ask<T>(socket: Client, event: string, ...args: unknown[]): Promise<T> {
  const untyped = socket as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<T> };
  return untyped.emitWithAck(event, ...args);
}

async function createAndJoin(socket: Client, name: string, code?: string) {
  const matchCode = code ?? (await ask<{ ok: true; code: string }>(socket, "match:create")).code;
  const reply = await ask<JoinReply>(socket, "match:join", { code: matchCode, name });
  if (!reply.ok || reply.role !== "player")
    throw new Error(`join failed: ${JSON.stringify(reply)}`);
  return reply;
}

/** The next synced snapshot from now on that passes `accept`. */
function nextSnapshot(
  socket: Client,
  accept: (s: Snapshot) => boolean = () => true,
): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no matching snapshot")), 4000);
    const listeners = feeds.get(socket)!;
    const listener = (snapshot: Snapshot) => {
      if (!accept(snapshot)) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(snapshot);
    };
    listeners.add(listener);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("game server", () => {
  it("runs a match: joins, snapshots, inputs applied with their sequence numbers, coins scored", async () => {
    const ada = await client();
    const bob = await client();
    const adaSeat = await createAndJoin(ada, "Ada");
    const bobSeat = await createAndJoin(bob, "Bob", adaSeat.code);
    expect([adaSeat.slot, bobSeat.slot]).toEqual([0, 1]);

    const first = await nextSnapshot(bob, (s) => s.players.length === 2);
    expect(first.players.map((p) => p.name)).toEqual(["Ada", "Bob"]);
    expect(first.players[0]).toMatchObject({
      x: spawn0.x,
      y: spawn0.y,
      score: 0,
      seq: -1,
      connected: true,
    });

    // Like the browser client: volatile inputs, each message repeating the last three frames.
    const frames = Array.from({ length: 20 }, (_, seq) => ({ seq, x: 1, y: 0 }));
    for (let seq = 0; seq < 20; seq++) {
      ada.socket.volatile.emit("input", { inputs: frames.slice(Math.max(0, seq - 2), seq + 1) });
      await sleep(33);
    }
    for (let resend = 0; resend < 3; resend++) ada.emit("input", { inputs: frames.slice(-3) });
    // Only Ada is told which of her inputs the server applied (a private field).
    const moved = await nextSnapshot(ada, (s) => s.players[0]!.seq === 19);
    const adaNow = moved.players[0]!;
    expect(adaNow.x).toBeCloseTo(spawn0.x + (20 * DEFAULT_RULES.playerSpeed) / 30, 1);
    expect(adaNow.score).toBe(1);
    expect(moved.players[1]!.score).toBe(0);
    const seenByBob = await nextSnapshot(bob, (s) => s.players[0]!.score === 1);
    expect(seenByBob.players[0]!.seq).toBe(-1);
    expect(seenByBob.players[1]!.seq).toBeGreaterThanOrEqual(-1);
  });

  it("puts on each client's wire only its view: coins in sight, its own seq, nobody else's", async () => {
    const ada = await client();
    const bob = await client();
    const seat = await createAndJoin(ada, "Ada");
    await createAndJoin(bob, "Bob", seat.code);
    const frames = Array.from({ length: 30 }, (_, seq) => ({ seq, x: 0.6, y: 0.8 }));
    for (let seq = 0; seq < 30; seq++) {
      ada.socket.volatile.emit("input", { inputs: frames.slice(Math.max(0, seq - 2), seq + 1) });
      await sleep(33);
    }
    const radius = DEFAULT_RULES.viewRadius;
    for (const [socket, slot] of [
      [ada, 0],
      [bob, 1],
    ] as const) {
      const states = new Map<number, AnyState>();
      let coinsSeen = 0;
      const wire = wireOf(socket);
      expect(wire.length).toBeGreaterThan(10);
      for (const bytes of wire) {
        const header = readHeader(bytes);
        const state = decodeMessage(gameSchema, bytes, states.get(header.base));
        states.set(header.seq, state);
        const me = state.collections.players!.get(slot)!;
        for (const [other, player] of state.collections.players!)
          if (other !== slot) expect(player.seq).toBeUndefined();
        for (const coin of state.collections.coins!.values()) {
          coinsSeen++;
          const distance = Math.hypot(
            (coin.x as number) - (me.x as number),
            (coin.y as number) - (me.y as number),
          );
          expect(distance).toBeLessThanOrEqual(radius + 0.01);
        }
      }
      // Each has a coin in sight (Ada the test coin, Bob some random one) or none: never all.
      const total = game.lobby.get(seat.code)!.game.coins.length;
      expect(coinsSeen).toBeLessThan(total * wire.length);
    }
  });

  it("lists matches in the lobby and updates watchers", async () => {
    const watcher = await client();
    expect(await ask(watcher, "lobby:watch")).toEqual([]);
    await server.assertRoom(LOBBY_ROOM, [watcher]);
    const ada = await client();
    const seat = await createAndJoin(ada, "Ada");
    const [listed] = await watcher.waitFor("lobby:matches", (matches) =>
      matches.some((m) => m.code === seat.code && m.players === 1),
    );
    expect(listed).toEqual([
      { code: seat.code, players: 1, maxPlayers: 8, spectators: 0, phase: "playing", round: 1 },
    ]);
  });

  it("ignores malformed payloads and floods without affecting the match", async () => {
    const ada = await client();
    const seat = await createAndJoin(ada, "Ada");
    const mallory = await client();
    await createAndJoin(mallory, "Mallory", seat.code);

    const junk: unknown[] = [
      null,
      1,
      "x",
      [],
      {},
      { inputs: "no" },
      { inputs: [{ seq: 1, x: "fast", y: 0 }] },
      { code: {} },
    ];
    for (const payload of junk) {
      for (const event of [
        "match:join",
        "input",
        "match:create",
        "lobby:watch",
        "game:ping",
        "match:leave",
        "nope",
      ]) {
        (mallory.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(
          event,
          payload,
        );
      }
    }
    await sleep(700); // the junk spent Mallory's message budget (rate limit); let it refill
    // refused by the event contract before the handler, with where and what
    expect(await ask(mallory, "match:join", { code: 42, name: "x" })).toEqual({
      error: "invalid_arguments",
      issues: [{ path: [0, "code"], message: expect.any(String) }],
    });
    expect(await ask(mallory, "match:join", { code: "ZZZZZ", name: "x" })).toEqual({
      ok: false,
      error: "not_found",
    });

    // The junk never reached a handler ("match:leave" takes no argument, so even that one was
    // refused): Mallory is still seated. She leaves properly and comes back for the flood.
    expect((await nextSnapshot(ada)).players.map((p) => p.name)).toEqual(["Ada", "Mallory"]);
    mallory.socket.emit("match:leave");
    await createAndJoin(mallory, "Mallory", seat.code);

    // A flood of huge stick vectors: movement stays within the rules' speed.
    const before = (await nextSnapshot(ada)).players.find((p) => p.name === "Mallory")!;
    const started = Date.now();
    for (let seq = 0; seq < 400; seq++)
      mallory.socket.emit("input" as never, { inputs: [{ seq, x: 1e9, y: 0 }] } as never);
    await sleep(300);
    const after = (await nextSnapshot(ada)).players.find((p) => p.name === "Mallory")!;
    const maxTicks = Math.ceil(((Date.now() - started) / 1000) * 30) + 2;
    expect(after.x - before.x).toBeLessThanOrEqual(
      maxTicks * 2 * (DEFAULT_RULES.playerSpeed / 30) + 1e-6,
    );
    expect(after.y).toBe(before.y);

    // Ada's match still runs and the server still answers.
    expect(typeof (await ask<number>(ada, "game:ping"))).toBe("number");
    const snapshot = await nextSnapshot(ada);
    expect(snapshot.players.map((p) => p.name)).toEqual(["Ada", "Mallory"]);
  });

  it("limits how many matches one connection creates", async () => {
    const spammer = await client();
    const replies: { ok: boolean }[] = [];
    for (let i = 0; i < 6; i++) replies.push(await ask(spammer, "match:create"));
    expect(replies.filter((r) => r.ok)).toHaveLength(3);
    expect(game.lobby.all()).toHaveLength(3);
  });

  it("gives a dropped player the same slot back within the grace period, then frees it", async () => {
    const ada = await client();
    const bob = await client();
    const seat = await createAndJoin(ada, "Ada");
    await createAndJoin(bob, "Bob", seat.code);

    ada.disconnect();
    const away = await nextSnapshot(bob, (s) =>
      s.players.some((p) => p.name === "Ada" && !p.connected),
    );
    expect(away.players).toHaveLength(2);

    const again = await client();
    const back = await ask<JoinReply>(again, "match:join", {
      code: seat.code,
      name: "Whoever",
      token: seat.token,
    });
    expect(back).toMatchObject({
      ok: true,
      role: "player",
      playerId: seat.playerId,
      slot: 0,
      name: "Ada",
      resumed: true,
    });
    await nextSnapshot(bob, (s) => s.players.some((p) => p.name === "Ada" && p.connected));

    again.disconnect();
    await sleep(GRACE_MS + 300);
    const gone = await nextSnapshot(bob, (s) => s.players.length === 1);
    expect(gone.players.map((p) => p.name)).toEqual(["Bob"]);
    const late = await client();
    const fresh = await ask<JoinReply>(late, "match:join", {
      code: seat.code,
      name: "Ada",
      token: seat.token,
    });
    expect(fresh).toMatchObject({ ok: true, role: "player", resumed: false });
  });

  it("moves a seat to the newest connection and tells the old one", async () => {
    const first = await client();
    const seat = await createAndJoin(first, "Ada");
    const second = await client();
    await ask(second, "match:join", { code: seat.code, name: "Ada", token: seat.token });
    expect(await first.waitFor("match:left")).toEqual(["replaced"]);
  });

  it("keeps matches apart and makes spectators of extra joiners", async () => {
    const ada = await client();
    const bob = await client();
    const one = await createAndJoin(ada, "Ada");
    const two = await createAndJoin(bob, "Bob");
    expect(one.code).not.toBe(two.code);
    const adaView = await nextSnapshot(ada);
    const bobView = await nextSnapshot(bob);
    expect(adaView.players.map((p) => p.name)).toEqual(["Ada"]);
    expect(bobView.players.map((p) => p.name)).toEqual(["Bob"]);

    const watcher = await client();
    const reply = await ask<JoinReply>(watcher, "match:join", {
      code: one.code,
      name: "Eve",
      spectate: true,
    });
    expect(reply).toMatchObject({ ok: true, role: "spectator", full: false });
    await server.assertRoom(matchRoom(one.code), [ada, watcher]);
    await server.assertRoom(matchRoom(two.code), [bob]);
    const watched = await nextSnapshot(watcher, (s) => s.spectators === 1);
    expect(watched.code).toBe(one.code);
    expect(watched.players.map((p) => p.name)).toEqual(["Ada"]);
  });
});

describe("flood control (GAME_SERVER_OPTIONS.limits)", () => {
  it("answers requests past the burst of 60 with rate_limited, and keeps serving other clients", async () => {
    const flooder = await client();
    const calm = await client();
    // 300 acked requests written at once: the first 60 fit the burst; the bucket refills at
    // 90/s, so unless delivering them took over 2.6 s, some are refused
    const replies = await Promise.all(
      Array.from({ length: 300 }, () => ask<unknown>(flooder, "game:ping")),
    );
    const limited = replies.filter(
      (r) => (r as { error?: string } | null)?.error === "rate_limited",
    );
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBeLessThanOrEqual(240);
    expect(await ask<unknown>(calm, "lobby:watch")).toEqual([]);
  });
});
