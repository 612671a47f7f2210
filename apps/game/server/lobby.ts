/**
 * The lobby: the set of live matches, their short join codes, and cleanup of abandoned ones.
 *
 * Codes are 5 characters from an alphabet without look-alikes (no 0/O, 1/I/L), easy to read
 * out loud and to type from a shared URL (`/?match=CODE`).
 */
import type { MatchSummary } from "../shared/events.js";
import type { Rules, Vec } from "../shared/simulation.js";
import { Match } from "./match.js";
import type { Scheduler } from "./slots.js";

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 5;

export interface LobbyOptions {
  maxMatches: number;
  graceMs: number;
  /** An empty match is closed after this long (ms). */
  idleMs: number;
  rules?: Partial<Rules>;
  coinLayout?: Vec[];
  /** Seed of the first match; later matches use seed + 1, + 2… (deterministic for tests). */
  seed?: number;
  random?: () => number;
  scheduler?: Scheduler;
  /** Called whenever the match list may have changed. */
  onChange?: () => void;
}

export class Lobby {
  private readonly matches = new Map<string, Match>();
  private readonly emptySince = new Map<string, number>();
  private seedCounter: number;
  private readonly random: () => number;

  constructor(private readonly options: LobbyOptions) {
    this.random = options.random ?? Math.random;
    this.seedCounter = options.seed ?? Math.floor(this.random() * 2 ** 31);
  }

  /** A new, empty match; undefined when the server already runs `maxMatches`. */
  create(now: number): Match | undefined {
    if (this.matches.size >= this.options.maxMatches) return undefined;
    const code = this.freshCode();
    const match = new Match({
      code,
      seed: this.seedCounter++,
      graceMs: this.options.graceMs,
      ...(this.options.rules ? { rules: this.options.rules } : {}),
      ...(this.options.coinLayout ? { coinLayout: this.options.coinLayout } : {}),
      ...(this.options.scheduler ? { scheduler: this.options.scheduler } : {}),
      ...(this.options.onChange ? { onRosterChange: this.options.onChange } : {}),
    });
    this.matches.set(code, match);
    this.emptySince.set(code, now);
    this.options.onChange?.();
    return match;
  }

  get(code: string): Match | undefined {
    return this.matches.get(code.toUpperCase());
  }

  all(): Match[] {
    return [...this.matches.values()];
  }

  list(): MatchSummary[] {
    return this.all().map((m) => m.summary());
  }

  /** Closes matches that have been empty for `idleMs`; returns the codes closed. */
  sweep(now: number): string[] {
    const closed: string[] = [];
    for (const [code, match] of this.matches) {
      if (!match.isEmpty) {
        this.emptySince.delete(code);
        continue;
      }
      const since = this.emptySince.get(code) ?? now;
      this.emptySince.set(code, since);
      if (now - since >= this.options.idleMs) {
        match.dispose();
        this.matches.delete(code);
        this.emptySince.delete(code);
        closed.push(code);
      }
    }
    if (closed.length > 0) this.options.onChange?.();
    return closed;
  }

  dispose(): void {
    for (const match of this.matches.values()) match.dispose();
    this.matches.clear();
  }

  private freshCode(): string {
    for (;;) {
      let code = "";
      for (let i = 0; i < CODE_LENGTH; i++) {
        code += CODE_ALPHABET[Math.floor(this.random() * CODE_ALPHABET.length)];
      }
      if (!this.matches.has(code)) return code;
    }
  }
}
