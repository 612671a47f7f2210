/**
 * The game server over real sockets: a Volley server on 127.0.0.1:0 with the game attached
 * (@volley/testing's createTestServer), and its typed test clients speaking to it exactly as
 * browsers do.
 */
import { createTestServer, type TestClient, type TestServer } from "@volley/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attachGame, type GameServer } from "../server/game-server.js";
import type {
  ClientToServerEvents,
  JoinReply,
  ServerToClientEvents,
  Snapshot,
} from "../shared/events.js";
import { DEFAULT_RULES, spawnPoint } from "../shared/simulation.js";

type Client = TestClient<ServerToClientEvents, ClientToServerEvents>;

const GRACE_MS = 400;
const spawn0 = spawnPoint(DEFAULT_RULES, 0);

let server: TestServer<ClientToServerEvents, ServerToClientEvents>;
let game: GameServer;

beforeEach(async () => {
  server = await createTestServer<ClientToServerEvents, ServerToClientEvents>((io) => {
    game = attachGame(io, {
      seed: 1,
      graceMs: GRACE_MS,
      coinLayout: [{ x: spawn0.x + 100, y: spawn0.y }],
    });
    return () => game.close();
  });
});

afterEach(() => server.close());

const client = () => server.connect({ timeoutMs: 4_000 });

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

/** The next snapshot from now on that passes `accept` (earlier ones are forgotten). */
async function nextSnapshot(
  socket: Client,
  accept: (s: Snapshot) => boolean = () => true,
): Promise<Snapshot> {
  socket.clearReceived();
  const [snapshot] = await socket.waitFor("match:snapshot", accept);
  return snapshot;
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
    const moved = await nextSnapshot(bob, (s) => s.players[0]!.seq === 19);
    const adaNow = moved.players[0]!;
    expect(adaNow.x).toBeCloseTo(spawn0.x + (20 * DEFAULT_RULES.playerSpeed) / 30, 1);
    expect(adaNow.score).toBe(1);
    expect(moved.players[1]!.score).toBe(0);
  });

  it("lists matches in the lobby and updates watchers", async () => {
    const watcher = await client();
    expect(await ask(watcher, "lobby:watch")).toEqual([]);
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
    expect(await ask(mallory, "match:join", { code: 42, name: "x" })).toEqual({
      ok: false,
      error: "invalid_request",
    });
    expect(await ask(mallory, "match:join", { code: "ZZZZZ", name: "x" })).toEqual({
      ok: false,
      error: "not_found",
    });

    // "match:leave" was among the junk, so Mallory left; back in for the flood.
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
    const watched = await nextSnapshot(watcher, (s) => s.spectators === 1);
    expect(watched.code).toBe(one.code);
    expect(watched.players.map((p) => p.name)).toEqual(["Ada"]);
  });
});
