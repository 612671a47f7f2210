/**
 * The game's wire contract: every event between browser and server, with its payload and ack.
 *
 * Both sides import these maps, so an event name or payload change is a type error everywhere it
 * matters. Payloads received by the server are still validated at runtime (input-validation.ts):
 * types describe honest clients, not every client.
 */
import type { Phase, Rules } from "./simulation.js";

/** One row of the lobby's match list. */
export interface MatchSummary {
  code: string;
  players: number;
  maxPlayers: number;
  spectators: number;
  phase: Phase;
  round: number;
}

export interface SnapshotPlayer {
  id: string;
  name: string;
  slot: number;
  x: number;
  y: number;
  score: number;
  /** The last input sequence number the server applied for this player. */
  seq: number;
  /** False while the player is inside the reconnection grace period. */
  connected: boolean;
}

/**
 * The authoritative state of one match as the game client renders it. On the wire it travels
 * as `match:state` (binary `@volley/state` deltas of each client's view, see sync.ts); the
 * legacy JSON mode still broadcasts it whole as `match:snapshot`.
 */
export interface Snapshot {
  code: string;
  /** Server simulation time in ms (tick × tick length), the clock interpolation runs on. */
  time: number;
  tick: number;
  round: number;
  phase: Phase;
  /** Seconds left in the round (or in the intermission when `phase` is "ended"). */
  timeLeft: number;
  winner: string | null;
  players: SnapshotPlayer[];
  coins: { id: number; x: number; y: number }[];
  spectators: number;
}

/** One sampled stick input; `x`/`y` in [-1, 1], `seq` increasing per client. */
export interface InputFrame {
  seq: number;
  x: number;
  y: number;
}

/**
 * Inputs are sent volatile, so each message repeats the last few frames; the server keeps only
 * sequence numbers it has not seen.
 */
export interface InputMessage {
  inputs: InputFrame[];
}

export interface JoinRequest {
  code: string;
  name: string;
  /** The token from an earlier join of this match: reclaims the same slot within the grace period. */
  token?: string;
  /** Watch without taking a slot. */
  spectate?: boolean;
}

export const JoinError = {
  NOT_FOUND: "not_found",
  INVALID: "invalid_request",
} as const;
export type JoinError = (typeof JoinError)[keyof typeof JoinError];

export type JoinReply =
  | {
      ok: true;
      code: string;
      role: "player";
      playerId: string;
      name: string;
      slot: number;
      token: string;
      /** True when the join reclaimed an existing slot (same score, same place). */
      resumed: boolean;
      rules: Rules;
    }
  | { ok: true; code: string; role: "spectator"; rules: Rules; full: boolean }
  | { ok: false; error: JoinError };

export type CreateReply = { ok: true; code: string } | { ok: false; error: "too_many_matches" };

/** Why the server took a socket out of its match: the seat was claimed by a newer connection. */
export type LeftReason = "replaced";

export interface ClientToServerEvents {
  /** Subscribe to the lobby's match list; the ack carries the current list. */
  "lobby:watch": (ack: (matches: MatchSummary[]) => void) => void;
  "match:create": (ack: (reply: CreateReply) => void) => void;
  "match:join": (request: JoinRequest, ack: (reply: JoinReply) => void) => void;
  "match:leave": () => void;
  input: (message: InputMessage) => void;
  /** Round-trip probe for the HUD's ping; the ack carries the server's clock. */
  "game:ping": (ack: (serverTime: number) => void) => void;
  /** The client applied synced state `seq` (volatile): later deltas are made against it. */
  "state:ack": (seq: number) => void;
  /** The client cannot apply a delta (lost its base): the next state comes in full. */
  "state:resync": () => void;
}

export interface ServerToClientEvents {
  "lobby:matches": (matches: MatchSummary[]) => void;
  /** This client's view of its match: a `@volley/state` message (volatile, ~15/s). */
  "match:state": (state: Uint8Array | ArrayBuffer) => void;
  /** Legacy JSON mode (`sync: "json"`): the whole match to the whole room (volatile, ~15/s). */
  "match:snapshot": (snapshot: Snapshot) => void;
  "match:left": (reason: LeftReason) => void;
}

/** The room a match broadcasts to, and the lobby's. */
export const matchRoom = (code: string): string => `match:${code}`;
export const LOBBY_ROOM = "lobby";
