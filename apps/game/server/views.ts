/**
 * What each client may see of a match (the view function of its `StateServer`).
 *
 * Everyone sees every player (it is a race) and the scoreboard, but only their own input
 * sequence number; coins only within `rules.viewRadius` of their player (the rest of the arena
 * is fogged). Spectators see coins near any player: what the players see between them.
 */
import type { Snapshot } from "../shared/events.js";
import type { Vec } from "../shared/simulation.js";
import type { SyncedGame, Viewer } from "../shared/sync.js";

export function gameView(snapshot: Snapshot, viewer: Viewer, viewRadius: number): SyncedGame {
  const me = snapshot.players.find((p) => p.id === viewer.playerId);
  const eyes: Vec[] = me ? [me] : viewer.playerId === null ? snapshot.players : [];
  const visible = (c: Vec) => eyes.some((e) => Math.hypot(c.x - e.x, c.y - e.y) <= viewRadius);
  return {
    root: {
      tick: snapshot.tick,
      timeLeft: snapshot.timeLeft,
      phase: snapshot.phase,
      round: snapshot.round,
      winner: snapshot.winner ?? undefined,
      spectators: snapshot.spectators,
      code: snapshot.code,
    },
    collections: {
      players: new Map(
        snapshot.players.map((p) => [
          p.slot,
          {
            x: p.x,
            y: p.y,
            seq: p === me ? p.seq : undefined,
            score: p.score,
            connected: p.connected,
            id: p.id,
            name: p.name,
          },
        ]),
      ),
      coins: new Map(snapshot.coins.filter(visible).map((c) => [c.id, { x: c.x, y: c.y }])),
    },
  };
}
