/**
 * The authoritative arena: sockets join as players and send sticks; the server owns the game
 * state, steps it at TICK_RATE and broadcasts a volatile snapshot every tick. Clients never
 * move anything themselves, so nobody can cheat by sending positions.
 */
import type { Server, Socket } from "@volley/server";
import type {
  ClientToServerEvents,
  GameSocketData,
  Reply,
  ServerToClientEvents,
} from "../shared/events.js";
import {
  addPlayer,
  createGame,
  type GameState,
  type Random,
  removePlayer,
  type Stick,
  step,
  TICK_RATE,
} from "../shared/simulation.js";

// biome-ignore lint/complexity/noBannedTypes: no inter-server events.
type NoEvents = {};
export type GameServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  NoEvents,
  GameSocketData
>;
type GameSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoEvents, GameSocketData>;

export interface Arena {
  state(): GameState;
  stop(): void;
}

/**
 * Runs the arena on a Volley server created with the contract (`new Server(http, { events })`):
 * handlers receive arguments it already validated (names trimmed, sticks clamped).
 */
export function attachArena(io: GameServer, random: Random = Math.random): Arena {
  let state = createGame(random);
  const sticks = new Map<string, Stick>();

  io.on("connection", (socket: GameSocket) => {
    socket.on("join", ({ name }, ack) => {
      if (socket.data.playerId) return ack({ ok: true, id: socket.data.playerId });
      const next = addPlayer(state, socket.id, name);
      if (!next) return ack({ ok: false, error: "The arena is full; try again soon." });
      state = next;
      socket.data.playerId = socket.id;
      ack({ ok: true, id: socket.id } satisfies Reply<{ id: string }>);
    });

    socket.on("input", (stick) => {
      if (socket.data.playerId) sticks.set(socket.data.playerId, stick);
    });

    socket.on("disconnect", () => {
      sticks.delete(socket.id);
      state = removePlayer(state, socket.id);
    });
  });

  const timer = setInterval(() => {
    state = step(state, sticks, 1 / TICK_RATE, random);
    io.volatile.emit("snapshot", {
      tick: state.tick,
      time: Date.now(),
      players: state.players,
      coins: state.coins,
    });
  }, 1000 / TICK_RATE);
  timer.unref();

  return {
    state: () => state,
    stop: () => clearInterval(timer),
  };
}
