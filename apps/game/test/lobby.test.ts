import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH, Lobby } from "../server/lobby.js";

function lobby(options: Partial<ConstructorParameters<typeof Lobby>[0]> = {}) {
  let changes = 0;
  const instance = new Lobby({
    maxMatches: 3,
    graceMs: 1000,
    idleMs: 5000,
    seed: 1,
    onChange: () => changes++,
    ...options,
  });
  return { lobby: instance, changes: () => changes };
}

describe("Lobby", () => {
  it("creates matches with short readable codes, found case-insensitively", () => {
    const { lobby: l, changes } = lobby();
    const match = l.create(0)!;
    expect(match.code).toHaveLength(CODE_LENGTH);
    for (const char of match.code) expect(CODE_ALPHABET).toContain(char);
    expect(l.get(match.code.toLowerCase())).toBe(match);
    expect(changes()).toBe(1);
  });

  it("never hands out the same code twice, and stops at maxMatches", () => {
    const { lobby: l } = lobby();
    const codes = [l.create(0), l.create(0), l.create(0)].map((m) => m!.code);
    expect(new Set(codes).size).toBe(3);
    expect(l.create(0)).toBeUndefined();
  });

  it("gives each match its own seed, so layouts differ but replay the same", () => {
    const a = lobby().lobby;
    const b = lobby().lobby;
    const [a1, a2] = [a.create(0)!, a.create(0)!];
    const b1 = b.create(0)!;
    expect(a1.game.coins).toEqual(b1.game.coins);
    expect(a1.game.coins).not.toEqual(a2.game.coins);
  });

  it("lists matches with their player and spectator counts", () => {
    const { lobby: l } = lobby();
    const match = l.create(0)!;
    match.join("Ada");
    match.join("Eve", undefined, true);
    expect(l.list()).toEqual([
      { code: match.code, players: 1, maxPlayers: 8, spectators: 1, phase: "playing", round: 1 },
    ]);
  });

  it("closes a match once it has been empty for idleMs", () => {
    const { lobby: l } = lobby();
    const busy = l.create(0)!;
    const empty = l.create(0)!;
    busy.join("Ada");
    expect(l.sweep(4999)).toEqual([]);
    expect(l.sweep(5000)).toEqual([empty.code]);
    expect(l.get(empty.code)).toBeUndefined();
    expect(l.get(busy.code)).toBe(busy);
  });
});
