/**
 * What a match's synced state looks like on the wire (`@volley/state` schema), shared by the
 * server, the browser and the tests, and how the browser turns it back into a `Snapshot`.
 *
 * Players are keyed by slot (a small varint, where their string id would cost ~8 bytes in
 * every update); positions travel in hundredths of a unit, coins in tenths. `seq` (the last
 * input the server applied) is a private field: the view sends it to its owner only.
 */
import { defineSchema, type SyncedState, t } from "@volley/state";
import type { Snapshot, SnapshotPlayer } from "./events.js";
import { TICK_SECONDS } from "./simulation.js";

export const gameSchema = defineSchema({
  root: {
    tick: t.uint,
    timeLeft: t.quantized(10),
    phase: t.string,
    round: t.uint,
    winner: t.string,
    spectators: t.uint,
    code: t.string,
  },
  collections: {
    players: {
      key: "uint",
      fields: {
        x: t.quantized(100),
        y: t.quantized(100),
        seq: t.int,
        score: t.uint,
        connected: t.bool,
        id: t.string,
        name: t.string,
      },
    },
    coins: { key: "uint", fields: { x: t.quantized(10), y: t.quantized(10) } },
  },
});

export type GameSchema = typeof gameSchema;
export type SyncedGame = SyncedState<GameSchema>;

/** Who a view is for: a player (by id) or a spectator. */
export interface Viewer {
  playerId: string | null;
}

/** The client's synced state as the `Snapshot` the game client already renders. */
export function toSnapshot(state: SyncedGame): Snapshot {
  const root = state.root;
  const tick = root.tick ?? 0;
  const players: SnapshotPlayer[] = [];
  for (const [slot, p] of state.collections.players) {
    players.push({
      id: p.id ?? "",
      name: p.name ?? "",
      slot,
      x: p.x ?? 0,
      y: p.y ?? 0,
      score: p.score ?? 0,
      seq: p.seq ?? -1,
      connected: p.connected ?? false,
    });
  }
  players.sort((a, b) => a.slot - b.slot);
  const coins = [...state.collections.coins].map(([id, c]) => ({ id, x: c.x ?? 0, y: c.y ?? 0 }));
  return {
    code: root.code ?? "",
    time: Math.round(tick * TICK_SECONDS * 1000),
    tick,
    round: root.round ?? 0,
    phase: root.phase === "ended" ? "ended" : "playing",
    timeLeft: root.timeLeft ?? 0,
    winner: root.winner ?? null,
    players,
    coins,
    spectators: root.spectators ?? 0,
  };
}
