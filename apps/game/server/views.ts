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

/** Each snapshot's players as everyone may see them, built once for all the views of a commit. */
const publicPlayers = new WeakMap<Snapshot, Map<number, object>>();

function playersFor(snapshot: Snapshot): Map<number, object> {
  let players = publicPlayers.get(snapshot);
  if (!players) {
    players = new Map(
      snapshot.players.map((p) => [
        p.slot,
        { x: p.x, y: p.y, score: p.score, connected: p.connected, id: p.id, name: p.name },
      ]),
    );
    publicPlayers.set(snapshot, players);
  }
  return players;
}

export function gameView(snapshot: Snapshot, viewer: Viewer, viewRadius: number): SyncedGame {
  const me = snapshot.players.find((p) => p.id === viewer.playerId);
  const players = new Map(playersFor(snapshot));
  // The owner's own entry adds the private field; the shared objects never carry it.
  if (me) players.set(me.slot, { ...players.get(me.slot), seq: me.seq });
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
      players: players as SyncedGame["collections"]["players"],
      // The snapshot's own coin objects: normalized once per commit whoever sees them.
      coins: new Map(snapshot.coins.filter(visible).map((c) => [c.id, c])),
    },
  };
}
