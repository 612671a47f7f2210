/**
 * The game's wire contract, shared by the server and the page: every event with a schema per
 * argument and for its ack (valibot, through Standard Schema). Both sides infer their types
 * from it, and the server validates what pages send before any handler runs. What the server
 * sends is typed by the interfaces here and not re-checked (`v.custom`): the server is trusted.
 */
import {
  type ClientEmitEvents,
  type ClientListenEvents,
  defineEvents,
  type ServerEmitEvents,
  type ServerListenEvents,
} from "@volley/protocol";
import * as v from "valibot";
import { type Coin, clampStick, type Player } from "./simulation.js";

/** What the server sends every tick (volatile: a late snapshot is replaced by the next one). */
export interface Snapshot {
  tick: number;
  /** Server time, ms since the epoch. */
  time: number;
  players: Player[];
  coins: Coin[];
}

export type Reply<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

/** A player name: trimmed, 1-16 letters, digits, spaces, `_ - .`. */
export const PlayerName = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[\p{L}\p{N} _.-]{1,16}$/u, "Names are 1-16 letters, digits, spaces, _ - or ."),
);

/** A stick: two finite numbers, clamped into the unit disc. */
const StickSchema = v.pipe(
  v.object({ x: v.pipe(v.number(), v.finite()), y: v.pipe(v.number(), v.finite()) }),
  v.transform((stick) => clampStick(stick)),
);

/** A schema for what the server sends: typed by `T`, never re-checked (the server is trusted). */
const sent = <T>() => v.custom<T>(() => true);

export const events = defineEvents({
  clientToServer: {
    /** Takes a seat in the arena; the reply carries the player's id. */
    join: { args: [v.object({ name: PlayerName })], ack: sent<Reply<{ id: string }>>() },
    /** The current stick, sent volatile ~20 times a second while playing. */
    input: { args: [StickSchema] },
  },
  serverToClient: {
    snapshot: { args: [sent<Snapshot>()] },
  },
});

/** What the server's handlers receive and what it emits (inferred from `events`). */
export type ClientToServerEvents = ServerListenEvents<typeof events>;
export type ServerToClientEvents = ServerEmitEvents<typeof events>;
/** The page's view: what it receives and what it emits. */
export type PageListenEvents = ClientListenEvents<typeof events>;
export type PageEmitEvents = ClientEmitEvents<typeof events>;

/** What an ack carries when the server refused the arguments (never reaching a handler). */
export interface Refused {
  error: "invalid_arguments" | "unknown_event";
  issues: { path: (string | number)[]; message: string }[];
}

export interface GameSocketData {
  /** Set once the socket has joined as a player. */
  playerId?: string;
}
