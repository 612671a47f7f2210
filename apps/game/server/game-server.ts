/**
 * Wires the lobby and its matches to a Socket.IO-style server: event handlers, the fixed-rate
 * tick loop, snapshot and lobby broadcasts.
 *
 * Only this file (and main.ts) knows about sockets. Event names and payloads come from the
 * shared contract (`gameEvents`): the server validates every incoming event against it before
 * these handlers run (see GAME_SERVER_OPTIONS), so they receive parsed, typed arguments; they
 * are still rate limited and never throw.
 */
import type { Server, Socket } from "@volley/server";
import {
  type ClientToServerEvents,
  type CreateReply,
  gameEvents,
  type InputFrame,
  JoinError,
  type JoinReply,
  type JoinRequest,
  type LeftReason,
  LOBBY_ROOM,
  matchRoom,
  type ServerToClientEvents,
} from "../shared/events.js";
import { type Rules, TICK_RATE, type Vec } from "../shared/simulation.js";
import { RateLimiter } from "./input-queue.js";
import { Lobby } from "./lobby.js";
import type { Match } from "./match.js";

/** The Volley server the game runs on, typed by the shared event maps. */
export type GameIo = Server<ClientToServerEvents, ServerToClientEvents>;
type GameSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * The Server options the game needs: its event contract (every incoming event validated before
 * a handler; outgoing checks are off: the server-to-client schemas only carry types) and its
 * message rate, enforced by Volley's flood control: 90 events per second per connection
 * (bursts of 60) — input frames come at 30–60 Hz — past which events are dropped (an ack
 * request is answered `{ error: "rate_limited" }`).
 */
export const GAME_SERVER_OPTIONS = {
  events: gameEvents,
  validateOutgoing: false,
  limits: { events: { perSecond: 90, burst: 60 } },
} as const;

export const GAME_DEFAULTS = {
  /** Snapshots per second (every second tick at 30 Hz). */
  snapshotRate: 15,
  graceMs: 10_000,
  idleMs: 60_000,
  maxMatches: 200,
  lobbyBroadcastMs: 500,
  /** Matches one socket may create per second (sustained / burst). */
  createRate: 0.2,
  createBurst: 3,
};

export interface GameServerOptions {
  rules?: Partial<Rules>;
  coinLayout?: Vec[];
  seed?: number;
  graceMs?: number;
  idleMs?: number;
  maxMatches?: number;
  /**
   * How match state travels: "state" (default) sends each client its own view as binary
   * deltas against what it acknowledged; "json" broadcasts the whole snapshot to the room
   * (the protocol before @volley/state, kept for the bench's comparison).
   */
  sync?: "state" | "json";
  /** Clock for rate limits and loop scheduling (ms). */
  now?: () => number;
  log?: (message: string) => void;
}

export interface GameServer {
  readonly lobby: Lobby;
  close(): void;
}

/** Where a socket is: nowhere, watching a match, or playing in one. */
type Seat =
  | { kind: "none" }
  | { kind: "spectator"; match: Match }
  | { kind: "player"; match: Match; playerId: string };

const NO_SEAT: Seat = { kind: "none" };

export function attachGame(io: GameIo, options: GameServerOptions = {}): GameServer {
  // the handlers trust their arguments because the contract checked them
  if (io.opts.contract === undefined) {
    throw new Error("attachGame: create the Server with GAME_SERVER_OPTIONS (the event contract)");
  }
  const now = options.now ?? (() => performance.now());
  const jsonMode = options.sync === "json";
  const log = options.log ?? (() => {});
  let lobbyDirty = true;
  const lobby = new Lobby({
    maxMatches: options.maxMatches ?? GAME_DEFAULTS.maxMatches,
    graceMs: options.graceMs ?? GAME_DEFAULTS.graceMs,
    idleMs: options.idleMs ?? GAME_DEFAULTS.idleMs,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.coinLayout ? { coinLayout: options.coinLayout } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    onChange: () => {
      lobbyDirty = true;
    },
  });
  /** Which socket currently drives each player, so a reconnect can take the slot over. */
  const drivers = new Map<string, { socket: GameSocket; evict: (reason: LeftReason) => void }>();

  io.on("connection", (socket: GameSocket) => {
    let seat: Seat = NO_SEAT;
    const creations = new RateLimiter(GAME_DEFAULTS.createRate, GAME_DEFAULTS.createBurst, now());

    const leaveSeat = (permanently: boolean) => {
      if (seat.kind === "none") return;
      socket.leave(matchRoom(seat.match.code));
      seat.match.sync.remove(socket.id);
      if (seat.kind === "spectator") seat.match.leaveSpectator();
      if (seat.kind === "player" && drivers.get(seat.playerId)?.socket === socket) {
        drivers.delete(seat.playerId);
        if (permanently) seat.match.leave(seat.playerId);
        else seat.match.disconnect(seat.playerId);
      }
      seat = NO_SEAT;
      lobbyDirty = true;
    };

    /** Wraps a handler so that it can never throw into the server (rates: GAME_SERVER_OPTIONS). */
    const guard =
      <Args extends unknown[]>(event: string, handler: (...args: Args) => void) =>
      (...args: Args) => {
        try {
          handler(...args);
        } catch (error) {
          log(`game: ${event} from ${socket.id} failed: ${String(error)}`);
        }
      };

    socket.on(
      "lobby:watch",
      guard("lobby:watch", (ack: (matches: ReturnType<Lobby["list"]>) => void) => {
        socket.join(LOBBY_ROOM);
        ack(lobby.list());
      }),
    );

    socket.on(
      "match:create",
      guard("match:create", (ack: (reply: CreateReply) => void) => {
        // Undefined when the server is full or this socket creates matches too fast.
        const match = creations.allow(now()) ? lobby.create(now()) : undefined;
        const reply: CreateReply = match
          ? { ok: true, code: match.code }
          : { ok: false, error: "too_many_matches" };
        ack(reply);
      }),
    );

    socket.on(
      "match:join",
      guard("match:join", (request: JoinRequest, ack: (reply: JoinReply) => void) => {
        const match = lobby.get(request.code);
        if (!match) return ack({ ok: false, error: JoinError.NOT_FOUND } satisfies JoinReply);

        leaveSeat(false);
        socket.leave(LOBBY_ROOM);
        const outcome = match.join(request.name, request.token, request.spectate);
        socket.join(matchRoom(match.code));
        const playerId = outcome.role === "player" ? outcome.slot.playerId : null;
        match.sync.add(socket.id, { playerId }, (bytes) =>
          socket.volatile.emit("match:state", bytes),
        );
        lobbyDirty = true;

        if (outcome.role === "spectator") {
          seat = { kind: "spectator", match };
          ack({
            ok: true,
            code: match.code,
            role: "spectator",
            rules: match.rules,
            full: outcome.full,
          } satisfies JoinReply);
          return;
        }
        const { slot, resumed } = outcome;
        const previous = drivers.get(slot.playerId);
        if (previous && previous.socket !== socket) previous.evict("replaced");
        seat = { kind: "player", match, playerId: slot.playerId };
        drivers.set(slot.playerId, {
          socket,
          evict: (reason) => {
            socket.leave(matchRoom(match.code));
            match.sync.remove(socket.id);
            seat = NO_SEAT;
            socket.emit("match:left", reason);
          },
        });
        ack({
          ok: true,
          code: match.code,
          role: "player",
          playerId: slot.playerId,
          name: slot.name,
          slot: slot.index,
          token: slot.token,
          resumed,
          rules: match.rules,
        } satisfies JoinReply);
      }),
    );

    socket.on(
      "match:leave",
      guard("match:leave", () => leaveSeat(true)),
    );

    socket.on(
      "input",
      guard("input", ({ inputs }: { inputs: InputFrame[] }) => {
        if (seat.kind === "player") seat.match.pushInputs(seat.playerId, inputs);
      }),
    );

    socket.on(
      "state:ack",
      guard("state:ack", (seq: number) => {
        if (seat.kind !== "none") seat.match.sync.ack(socket.id, seq);
      }),
    );

    socket.on(
      "state:resync",
      guard("state:resync", () => {
        if (seat.kind !== "none") seat.match.sync.resync(socket.id);
      }),
    );

    socket.on(
      "game:ping",
      guard("game:ping", (ack: (serverTime: number) => void) => {
        ack(Date.now());
      }),
    );

    socket.on("disconnect", () => leaveSeat(false));
  });

  // The fixed-rate loop: ticks every match at TICK_RATE, catching up (a little) after a stall.
  const tickMs = 1000 / TICK_RATE;
  const ticksPerSnapshot = Math.max(1, Math.round(TICK_RATE / GAME_DEFAULTS.snapshotRate));
  let nextTick = now();
  let tickCount = 0;
  let lastLobbyBroadcast = 0;
  let lastSweep = now();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const loop = () => {
    const t = now();
    let ran = 0;
    while (t >= nextTick && ran < 5) {
      tickCount++;
      for (const match of lobby.all()) {
        match.tick();
        if (tickCount % ticksPerSnapshot !== 0) continue;
        if (jsonMode)
          io.to(matchRoom(match.code)).volatile.emit("match:snapshot", match.snapshot());
        else match.commit();
      }
      nextTick += tickMs;
      ran++;
    }
    if (t - nextTick > 1000) nextTick = t; // a long stall: skip ahead rather than fast-forward
    if (t - lastSweep > 1000) {
      lastSweep = t;
      lobby.sweep(t);
    }
    if (lobbyDirty && t - lastLobbyBroadcast >= GAME_DEFAULTS.lobbyBroadcastMs) {
      lobbyDirty = false;
      lastLobbyBroadcast = t;
      io.to(LOBBY_ROOM).emit("lobby:matches", lobby.list());
    }
    timer = setTimeout(loop, Math.max(1, nextTick - now()));
  };
  timer = setTimeout(loop, tickMs);

  return {
    lobby,
    close() {
      if (timer) clearTimeout(timer);
      lobby.dispose();
    },
  };
}
