/**
 * The game's wire contract: every event between browser and server, with its payload and ack,
 * as `gameEvents` (valibot schemas through Standard Schema, `defineEvents`).
 *
 * Both sides import it, so an event name or payload change is a type error everywhere it
 * matters, and the server validates what browsers send against the same schemas before any
 * handler runs: malformed input never reaches the game (an acknowledged request is answered
 * `{ error: "invalid_arguments", issues }`). What the server sends is typed by the interfaces
 * below and not re-checked at run time (`v.custom`): the server is the trusted side.
 */
import { defineEvents, type ServerEmitEvents, type ServerListenEvents } from "@volley/protocol";
import * as v from "valibot";
import { clampInput, type Phase, type Rules } from "./simulation.js";

/** Bounds of what a browser may send. */
export const INPUT_LIMITS = {
  /** Frames one input message may carry (the client repeats the last few). */
  maxFramesPerMessage: 4,
  maxNameLength: 16,
  maxCodeLength: 8,
  maxTokenLength: 64,
} as const;

/** Names are stripped of control characters, trimmed and shortened; empty ones become "Player". */
export function cleanName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return cleaned.slice(0, INPUT_LIMITS.maxNameLength) || "Player";
}

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

/**
 * One sampled stick input; `x`/`y` in [-1, 1] (longer sticks are clamped into the unit disc),
 * `seq` increasing per client.
 */
const InputFrameSchema = v.pipe(
  v.object({
    seq: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    x: v.pipe(v.number(), v.finite()),
    y: v.pipe(v.number(), v.finite()),
  }),
  v.transform(({ seq, x, y }) => ({ seq, ...clampInput({ x, y }) })),
);
export type InputFrame = v.InferOutput<typeof InputFrameSchema>;

/**
 * Inputs are sent volatile, so each message repeats the last few frames; the server keeps only
 * sequence numbers it has not seen.
 */
export const InputMessageSchema = v.object({
  inputs: v.pipe(
    v.array(InputFrameSchema),
    v.minLength(1),
    v.maxLength(INPUT_LIMITS.maxFramesPerMessage),
  ),
});
export type InputMessage = v.InferInput<typeof InputMessageSchema>;

/** A join request; the code is upper-cased and the name cleaned (see cleanName). */
export const JoinRequestSchema = v.object({
  code: v.pipe(
    v.string(),
    v.minLength(1),
    v.maxLength(INPUT_LIMITS.maxCodeLength),
    v.toUpperCase(),
  ),
  name: v.pipe(v.optional(v.string(), ""), v.transform(cleanName)),
  /** The token from an earlier join of this match: reclaims the same slot within the grace period. */
  token: v.optional(v.pipe(v.string(), v.maxLength(INPUT_LIMITS.maxTokenLength))),
  /** Watch without taking a slot. */
  spectate: v.optional(v.boolean()),
});
export type JoinRequest = v.InferOutput<typeof JoinRequestSchema>;

export const JoinError = {
  NOT_FOUND: "not_found",
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

/** A schema for what the server sends: typed by `T`, never re-checked (the server is trusted). */
const sent = <T>() => v.custom<T>(() => true);

export const gameEvents = defineEvents({
  clientToServer: {
    /** Subscribe to the lobby's match list; the ack carries the current list. */
    "lobby:watch": { args: [], ack: sent<MatchSummary[]>() },
    "match:create": { args: [], ack: sent<CreateReply>() },
    "match:join": { args: [JoinRequestSchema], ack: sent<JoinReply>() },
    "match:leave": { args: [] },
    input: { args: [InputMessageSchema] },
    /** Round-trip probe for the HUD's ping; the ack carries the server's clock. */
    "game:ping": { args: [], ack: sent<number>() },
    /** The client applied synced state `seq` (volatile): later deltas are made against it. */
    "state:ack": { args: [v.pipe(v.number(), v.safeInteger(), v.minValue(0))] },
    /** The client cannot apply a delta (lost its base): the next state comes in full. */
    "state:resync": { args: [] },
  },
  serverToClient: {
    "lobby:matches": { args: [sent<MatchSummary[]>()] },
    /** This client's view of its match: a `@volley/state` message (volatile, ~15/s). */
    "match:state": { args: [sent<Uint8Array | ArrayBuffer>()] },
    /** Legacy JSON mode (`sync: "json"`): the whole match to the whole room (volatile, ~15/s). */
    "match:snapshot": { args: [sent<Snapshot>()] },
    "match:left": { args: [sent<LeftReason>()] },
  },
});

/** Events the browser sends, as the server's handlers receive them (inferred from gameEvents). */
export type ClientToServerEvents = ServerListenEvents<typeof gameEvents>;
/** Events the server sends (inferred from gameEvents). */
export type ServerToClientEvents = ServerEmitEvents<typeof gameEvents>;

/** The room a match broadcasts to, and the lobby's. */
export const matchRoom = (code: string): string => `match:${code}`;
export const LOBBY_ROOM = "lobby";
