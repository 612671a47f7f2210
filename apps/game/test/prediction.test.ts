import { describe, expect, it } from "vitest";
import {
  decayError,
  MAX_PENDING,
  type PendingInput,
  predict,
  reconcile,
  SNAP_DISTANCE,
} from "../shared/prediction.js";
import { addPlayer, createGame, DEFAULT_RULES, step, TICK_SECONDS } from "../shared/simulation.js";

const rules = { ...DEFAULT_RULES, coinCount: 0 };
const dt = TICK_SECONDS;
const input = (seq: number, x: number, y: number): PendingInput => ({ seq, x, y, dt });

describe("prediction", () => {
  it("predicts exactly what the server simulation computes", () => {
    let server = addPlayer(createGame({ seed: 1, rules }), { id: "me", name: "Me", slot: 0 });
    let local = {
      position: { x: server.players[0]!.x, y: server.players[0]!.y },
      pending: [] as PendingInput[],
    };
    for (let seq = 0; seq < 50; seq++) {
      const i = input(seq, Math.cos(seq), Math.sin(seq / 3));
      local = predict(rules, local, i);
      server = step(server, { me: i }, dt);
    }
    expect(local.position.x).toBeCloseTo(server.players[0]!.x, 9);
    expect(local.position.y).toBeCloseTo(server.players[0]!.y, 9);
    expect(local.pending).toHaveLength(50);
  });

  it("reconciles: replays only the inputs after the acknowledged one", () => {
    const pending = [input(1, 1, 0), input(2, 1, 0), input(3, 0, 1)];
    const result = reconcile(rules, { position: { x: 100, y: 100 }, ackSeq: 1 }, pending);
    expect(result.pending.map((p) => p.seq)).toEqual([2, 3]);
    expect(result.position.x).toBeCloseTo(108);
    expect(result.position.y).toBeCloseTo(108);
  });

  it("converges on the server position when every input is acknowledged", () => {
    const pending = [input(1, 1, 0), input(2, 1, 0)];
    const result = reconcile(rules, { position: { x: 50, y: 60 }, ackSeq: 2 }, pending);
    expect(result).toEqual({ position: { x: 50, y: 60 }, pending: [] });
  });

  it("bounds the pending list", () => {
    let local = { position: { x: 200, y: 200 }, pending: [] as PendingInput[] };
    for (let seq = 0; seq < MAX_PENDING + 30; seq++)
      local = predict(rules, local, input(seq, 0, 0));
    expect(local.pending).toHaveLength(MAX_PENDING);
    expect(local.pending[0]!.seq).toBe(30);
  });

  it("decays visual error by half each half-life and snaps big errors", () => {
    const half = decayError({ x: 10, y: -4 }, 60, 60);
    expect(half.x).toBeCloseTo(5);
    expect(half.y).toBeCloseTo(-2);
    expect(decayError({ x: SNAP_DISTANCE + 1, y: 0 }, 1)).toEqual({ x: 0, y: 0 });
    expect(decayError({ x: 0.001, y: 0 }, 16)).toEqual({ x: 0, y: 0 });
  });
});
