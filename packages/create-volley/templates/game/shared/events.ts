/**
 * The game's wire contract: typed event maps shared by the server and the page.
 */
import type { Coin, Player, Stick } from "./simulation.js";

/** What the server sends every tick (volatile: a late snapshot is replaced by the next one). */
export interface Snapshot {
  tick: number;
  /** Server time, ms since the epoch. */
  time: number;
  players: Player[];
  coins: Coin[];
}

export type Reply<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface ClientToServerEvents {
  /** Takes a seat in the arena; the reply carries the player's id. */
  join: (request: { name: string }, ack: (reply: Reply<{ id: string }>) => void) => void;
  /** The current stick, sent volatile ~20 times a second while playing. */
  input: (stick: Stick) => void;
}

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
}

export interface GameSocketData {
  /** Set once the socket has joined as a player. */
  playerId?: string;
}
