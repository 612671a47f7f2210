/**
 * One match: the authoritative simulation, its player slots and input queues, its spectators,
 * and the `StateServer` that syncs it to each client's view.
 *
 * No sockets here: the game server feeds inputs and acknowledgements in, calls `tick()` at the
 * fixed rate and `commit()` at the send rate (or sends `snapshot()` to the whole room in the
 * legacy JSON mode). Everything a client sends has been validated before it reaches this class.
 */

import { StateServer } from "@volley/state/server";
import type { InputFrame, MatchSummary, Snapshot } from "../shared/events.js";
import {
  addPlayer,
  createGame,
  type GameState,
  type Inputs,
  type MoveInput,
  type Rules,
  removePlayer,
  step,
  TICK_SECONDS,
  type Vec,
} from "../shared/simulation.js";
import { type GameSchema, gameSchema, type Viewer } from "../shared/sync.js";
import { InputQueue } from "./input-queue.js";
import { type Scheduler, type Slot, SlotTable } from "./slots.js";
import { gameView } from "./views.js";

export interface MatchOptions {
  code: string;
  seed: number;
  rules?: Partial<Rules>;
  coinLayout?: Vec[];
  /** How long a dropped player's slot is held (ms). */
  graceMs: number;
  scheduler?: Scheduler;
  /** Called when the roster changes without a join or leave call (a grace period ran out). */
  onRosterChange?: () => void;
}

export type JoinOutcome =
  | { role: "player"; slot: Slot; resumed: boolean }
  | { role: "spectator"; full: boolean };

export class Match {
  readonly code: string;
  private state: GameState;
  private readonly slots: SlotTable;
  private readonly queues = new Map<string, InputQueue>();
  private spectatorCount = 0;
  /** Per-client views of this match: deltas against each client's acknowledged state. */
  readonly sync: StateServer<GameSchema, Snapshot, Viewer>;

  constructor(options: MatchOptions) {
    this.code = options.code;
    this.state = createGame({
      seed: options.seed,
      ...(options.rules ? { rules: options.rules } : {}),
      ...(options.coinLayout ? { coinLayout: options.coinLayout } : {}),
    });
    this.slots = new SlotTable(
      this.state.rules.maxPlayers,
      options.graceMs,
      (slot) => {
        this.dropPlayer(slot.playerId);
        options.onRosterChange?.();
      },
      options.scheduler,
    );
    const viewRadius = this.state.rules.viewRadius;
    this.sync = new StateServer({
      schema: gameSchema,
      view: (snapshot: Snapshot, viewer: Viewer) => gameView(snapshot, viewer, viewRadius),
    });
  }

  get rules(): Rules {
    return this.state.rules;
  }

  /** Takes (or, with a valid token, takes back) a slot; a full match makes a spectator. */
  join(name: string, token?: string, spectate = false): JoinOutcome {
    if (spectate) return this.spectate(false);
    const claim = this.slots.claim(name, token);
    if (!claim.slot) return this.spectate(true);
    const { slot, resumed } = claim;
    // A fresh queue: a reloaded page starts its sequence numbers again from zero.
    this.queues.set(slot.playerId, new InputQueue());
    if (!resumed) {
      this.state = addPlayer(this.state, { id: slot.playerId, name: slot.name, slot: slot.index });
    }
    return { role: "player", slot, resumed };
  }

  leaveSpectator(): void {
    this.spectatorCount = Math.max(0, this.spectatorCount - 1);
  }

  /** The player's connection dropped: hold the slot for the grace period. */
  disconnect(playerId: string): void {
    this.slots.disconnect(playerId);
  }

  /** The player left for good. */
  leave(playerId: string): void {
    if (this.slots.release(playerId)) this.dropPlayer(playerId);
  }

  pushInputs(playerId: string, frames: readonly InputFrame[]): void {
    this.queues.get(playerId)?.push(frames);
  }

  /** Advances the simulation by one fixed tick. */
  tick(): void {
    const inputs: Record<string, MoveInput[]> = {};
    for (const [playerId, queue] of this.queues) {
      const frames = queue.take();
      if (frames.length > 0) inputs[playerId] = frames;
    }
    this.state = step(this.state, inputs as Inputs, TICK_SECONDS);
  }

  /** Sends every synced client what changed in its view. */
  commit(): void {
    if (this.sync.size > 0) this.sync.commit(this.snapshot());
  }

  /** The whole authoritative state, unfiltered (the legacy JSON broadcast, and views' input). */
  snapshot(): Snapshot {
    const s = this.state;
    return {
      code: this.code,
      time: Math.round(s.tick * TICK_SECONDS * 1000),
      tick: s.tick,
      round: s.round,
      phase: s.phase,
      timeLeft: Math.max(0, Math.round(s.phaseTimeLeft * 10) / 10),
      winner: s.winner,
      players: s.players.map((p) => {
        const slot = this.slots.byPlayerId(p.id);
        return {
          id: p.id,
          name: p.name,
          slot: p.slot,
          x: round2(p.x),
          y: round2(p.y),
          score: p.score,
          seq: this.queues.get(p.id)?.lastApplied ?? -1,
          connected: slot?.connected ?? false,
        };
      }),
      coins: s.coins.map((c) => ({ id: c.id, x: c.x, y: c.y })),
      spectators: this.spectatorCount,
    };
  }

  summary(): MatchSummary {
    return {
      code: this.code,
      players: this.slots.occupied.length,
      maxPlayers: this.state.rules.maxPlayers,
      spectators: this.spectatorCount,
      phase: this.state.phase,
      round: this.state.round,
    };
  }

  /** Nobody playing, nobody holding a slot, nobody watching. */
  get isEmpty(): boolean {
    return this.slots.occupied.length === 0 && this.spectatorCount === 0;
  }

  /** The live game state (read-only view, for tests and tooling). */
  get game(): Readonly<GameState> {
    return this.state;
  }

  dispose(): void {
    this.slots.dispose();
  }

  private spectate(full: boolean): JoinOutcome {
    this.spectatorCount++;
    return { role: "spectator", full };
  }

  private dropPlayer(playerId: string): void {
    this.queues.delete(playerId);
    this.state = removePlayer(this.state, playerId);
  }
}

/**
 * Positions travel rounded to 1/100 unit. The client reconciles against these, and the
 * difference (≤ 0.005 units) is far below a pixel.
 */
function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
