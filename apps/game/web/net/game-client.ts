/**
 * The client side of one match: samples the stick at the server's tick rate and sends inputs,
 * predicts and reconciles the local player, interpolates everyone else, and exposes what the
 * HUD needs as signals and what the canvas needs as a `RenderView`.
 *
 * The socket and the clock are passed in, so this class runs in tests without a browser.
 */
import { type ReadonlySignal, signal } from "@preact/signals";
import type {
  InputFrame,
  InputMessage,
  ServerToClientEvents,
  Snapshot,
} from "../../shared/events.js";
import {
  interpolateAt,
  pushSnapshot,
  renderTimeFor,
  type TimedPositions,
  updateClockOffset,
} from "../../shared/interpolation.js";
import { decayError, type Prediction, predict, reconcile } from "../../shared/prediction.js";
import { type MoveInput, type Rules, TICK_SECONDS, type Vec } from "../../shared/simulation.js";

export interface PlayerView {
  id: string;
  name: string;
  slot: number;
  x: number;
  y: number;
  score: number;
  connected: boolean;
  isMe: boolean;
}

export interface RenderView {
  rules: Rules;
  players: PlayerView[];
  /** The coins this page was sent: only those in view. */
  coins: { id: number; x: number; y: number }[];
  phase: Snapshot["phase"];
  meId: string | null;
  /** What is not fogged: circles of `radius` around these points (own player, or all players). */
  sight: { radius: number; centers: Vec[] };
}

export interface ScoreRow {
  id: string;
  name: string;
  slot: number;
  score: number;
  connected: boolean;
  isMe: boolean;
}

export interface RoundInfo {
  round: number;
  phase: Snapshot["phase"];
  /** Whole seconds left in the round or intermission. */
  secondsLeft: number;
  winner: string | null;
  spectators: number;
  scoreTarget: number;
}

/** What the page exposes to tests as `window.__volley_game`. */
export interface TestView {
  me: string;
  players: Record<string, { x: number; y: number; score: number }>;
}

export interface SnapshotSource {
  on(event: "match:snapshot", listener: ServerToClientEvents["match:snapshot"]): unknown;
  off(event: "match:snapshot", listener: ServerToClientEvents["match:snapshot"]): unknown;
  readonly volatile: { emit(event: "input", message: InputMessage): unknown };
}

/** Frames repeated in each input message, to survive a dropped volatile packet. */
const REDUNDANT_FRAMES = 3;
/** Idle ticks (2 s) during which unacknowledged final frames are sent again, every other tick. */
const MAX_RESENDS = 60;
/** After a stall (background tab) at most this many ticks of input are generated at once. */
const MAX_CATCH_UP_TICKS = 4;

export class GameClient {
  private readonly scoresSignal = signal<ScoreRow[]>([]);
  private readonly roundSignal = signal<RoundInfo | null>(null);
  private buffer: TimedPositions[] = [];
  private latest: Snapshot | undefined;
  private clockOffset: number | undefined;
  private prediction: Prediction | null = null;
  private error: Vec = { x: 0, y: 0 };
  /**
   * Inputs move the player one tick (33 ms) at a time, but frames come every ~16 ms: the last
   * step is spread over the tick it covers (from `step` behind the prediction to zero).
   */
  private step: Vec = { x: 0, y: 0 };
  private seq = 0;
  private recent: InputFrame[] = [];
  private resendBudget = 0;
  private accumulatorMs = 0;
  private lastUpdate: number | undefined;
  private scoresKey = "";
  private readonly disposers: (() => void)[] = [];
  private readonly listener = (snapshot: Snapshot) => this.onSnapshot(snapshot, this.now());

  constructor(
    private readonly socket: SnapshotSource,
    readonly rules: Rules,
    /** This page's player, or null for a spectator. */
    readonly me: { id: string; name: string } | null,
    private readonly readStick: () => MoveInput,
    private readonly now: () => number = () => performance.now(),
  ) {
    socket.on("match:snapshot", this.listener);
  }

  get scores(): ReadonlySignal<ScoreRow[]> {
    return this.scoresSignal;
  }

  get round(): ReadonlySignal<RoundInfo | null> {
    return this.roundSignal;
  }

  dispose(): void {
    this.socket.off("match:snapshot", this.listener);
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Runs `dispose` with this client's (a state feed feeding it, say). */
  onDispose(dispose: () => void): void {
    this.disposers.push(dispose);
  }

  /** After a reconnect the server starts a fresh input queue: unacknowledged inputs are gone. */
  resetInputs(): void {
    this.recent = [];
    if (this.prediction) this.prediction = { ...this.prediction, pending: [] };
  }

  onSnapshot(snapshot: Snapshot, now: number): void {
    if (this.latest && snapshot.tick <= this.latest.tick) return;
    this.latest = snapshot;
    this.clockOffset = updateClockOffset(this.clockOffset, snapshot.time, now);
    const positions: Record<string, Vec> = {};
    for (const p of snapshot.players) positions[p.id] = { x: p.x, y: p.y };
    this.buffer = pushSnapshot(this.buffer, { time: snapshot.time, positions });

    const mine = this.me && snapshot.players.find((p) => p.id === this.me?.id);
    if (mine) {
      if (!this.prediction) {
        this.prediction = { position: { x: mine.x, y: mine.y }, pending: [] };
      } else {
        // Keep drawing the player where it is now; the correction fades out via `error`.
        const old = this.prediction.position;
        this.prediction = reconcile(
          this.rules,
          { position: mine, ackSeq: mine.seq },
          this.prediction.pending,
        );
        const now = this.prediction.position;
        this.error = { x: this.error.x + old.x - now.x, y: this.error.y + old.y - now.y };
      }
    }
    this.publishHud(snapshot);
  }

  /** Call every animation frame: turns elapsed time into fixed-length input ticks. */
  update(now: number): void {
    const elapsed = this.lastUpdate === undefined ? 0 : now - this.lastUpdate;
    this.lastUpdate = now;
    this.error = decayError(this.error, elapsed);
    if (!this.me || !this.prediction) return;

    const tickMs = TICK_SECONDS * 1000;
    this.accumulatorMs = Math.min(this.accumulatorMs + elapsed, tickMs * MAX_CATCH_UP_TICKS);
    while (this.accumulatorMs >= tickMs) {
      this.accumulatorMs -= tickMs;
      this.inputTick();
    }
  }

  private inputTick(): void {
    const stick = this.readStick();
    if (stick.x === 0 && stick.y === 0) {
      this.step = { x: 0, y: 0 };
      // Standing still needs no new input: the server leaves a player without input where it
      // is. But the last frames may have been dropped (volatile), so resend them for a while
      // until the server acknowledges them; it ignores sequence numbers it already has.
      if (this.prediction!.pending.length > 0 && this.resendBudget > 0) {
        this.resendBudget--;
        if (this.resendBudget % 2 === 0)
          this.socket.volatile.emit("input", { inputs: this.recent });
      }
      return;
    }
    const frame: InputFrame = { seq: this.seq++, x: stick.x, y: stick.y };
    const from = this.prediction!.position;
    this.prediction = predict(this.rules, this.prediction!, { ...frame, dt: TICK_SECONDS });
    this.step = { x: from.x - this.prediction.position.x, y: from.y - this.prediction.position.y };
    this.recent = [...this.recent, frame].slice(-REDUNDANT_FRAMES);
    this.resendBudget = MAX_RESENDS;
    this.socket.volatile.emit("input", { inputs: this.recent });
  }

  view(now: number): RenderView | null {
    const snapshot = this.latest;
    if (!snapshot) return null;
    const interpolated =
      this.clockOffset === undefined
        ? {}
        : interpolateAt(this.buffer, renderTimeFor(now, this.clockOffset));
    const players = snapshot.players.map((p): PlayerView => {
      const isMe = p.id === this.me?.id;
      const at = isMe && this.prediction ? this.shownPosition() : (interpolated[p.id] ?? p);
      return {
        id: p.id,
        name: p.name,
        slot: p.slot,
        x: at.x,
        y: at.y,
        score: p.score,
        connected: p.connected,
        isMe,
      };
    });
    const mine = players.find((p) => p.isMe);
    return {
      rules: this.rules,
      players,
      coins: snapshot.coins,
      phase: snapshot.phase,
      meId: this.me?.id ?? null,
      sight: { radius: this.rules.viewRadius, centers: mine ? [mine] : players },
    };
  }

  testView(now: number): TestView {
    const players: TestView["players"] = {};
    for (const p of this.view(now)?.players ?? [])
      players[p.name] = { x: p.x, y: p.y, score: p.score };
    return { me: this.me?.name ?? "", players };
  }

  private shownPosition(): Vec {
    const position = this.prediction!.position;
    const remaining = 1 - Math.min(1, this.accumulatorMs / (TICK_SECONDS * 1000));
    return {
      x: position.x + this.error.x + this.step.x * remaining,
      y: position.y + this.error.y + this.step.y * remaining,
    };
  }

  private publishHud(snapshot: Snapshot): void {
    const rows = snapshot.players
      .map((p) => ({
        id: p.id,
        name: p.name,
        slot: p.slot,
        score: p.score,
        connected: p.connected,
        isMe: p.id === this.me?.id,
      }))
      .sort((a, b) => b.score - a.score || a.slot - b.slot);
    const key = JSON.stringify(rows);
    if (key !== this.scoresKey) {
      this.scoresKey = key;
      this.scoresSignal.value = rows;
    }
    const round: RoundInfo = {
      round: snapshot.round,
      phase: snapshot.phase,
      secondsLeft: Math.ceil(snapshot.timeLeft),
      winner: snapshot.winner,
      spectators: snapshot.spectators,
      scoreTarget: this.rules.scoreTarget,
    };
    const previous = this.roundSignal.peek();
    if (!previous || JSON.stringify(previous) !== JSON.stringify(round))
      this.roundSignal.value = round;
  }
}
