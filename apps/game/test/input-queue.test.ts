import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { InputQueue, QUEUE_LIMITS, RateLimiter } from "../server/input-queue.js";
import {
  cleanName,
  INPUT_LIMITS,
  InputMessageSchema,
  JoinRequestSchema,
} from "../shared/events.js";

/** What the contract hands the `input` handler (null: refused before it). */
function parseInputMessage(payload: unknown) {
  const result = v.safeParse(InputMessageSchema, payload);
  return result.success ? result.output.inputs : null;
}

/** What the contract hands the `match:join` handler (null: refused before it). */
function parseJoinRequest(payload: unknown) {
  const result = v.safeParse(JoinRequestSchema, payload);
  return result.success ? result.output : null;
}

const frame = (seq: number, x = 1, y = 0) => ({ seq, x, y });

describe("parseInputMessage", () => {
  it("accepts well-formed frames and clamps sticks into the unit disc", () => {
    const [slow, fast] = parseInputMessage({ inputs: [frame(1, 0.5, 0), frame(2, 10, 10)] })!;
    expect(slow).toEqual({ seq: 1, x: 0.5, y: 0 });
    expect(fast!.seq).toBe(2);
    expect(fast!.x).toBeCloseTo(Math.SQRT1_2, 12);
    expect(fast!.y).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it.each([
    ["nothing", undefined],
    ["a string", "go"],
    ["an array", [frame(1)]],
    ["no inputs", {}],
    ["empty inputs", { inputs: [] }],
    [
      "too many frames",
      { inputs: Array.from({ length: INPUT_LIMITS.maxFramesPerMessage + 1 }, (_, i) => frame(i)) },
    ],
    ["a negative seq", { inputs: [frame(-1)] }],
    ["a fractional seq", { inputs: [frame(1.5)] }],
    ["a string seq", { inputs: [{ seq: "1", x: 0, y: 0 }] }],
    ["NaN", { inputs: [{ seq: 1, x: Number.NaN, y: 0 }] }],
    ["Infinity", { inputs: [{ seq: 1, x: 0, y: Number.POSITIVE_INFINITY }] }],
    ["a missing axis", { inputs: [{ seq: 1, x: 0 }] }],
    ["a null frame", { inputs: [null] }],
  ])("rejects %s", (_name, payload) => {
    expect(parseInputMessage(payload)).toBeNull();
  });

  it("never throws and never lets a stick longer than 1 through, whatever arrives", () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.array(fc.record({ seq: fc.anything(), x: fc.double(), y: fc.double() })),
        (junk, frames) => {
          expect(() => parseInputMessage(junk)).not.toThrow();
          const parsed = parseInputMessage({ inputs: frames });
          for (const f of parsed ?? []) expect(Math.hypot(f.x, f.y)).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
    );
  });
});

describe("parseJoinRequest", () => {
  it("normalizes the code and cleans the name", () => {
    expect(parseJoinRequest({ code: "abcde", name: "  Ada\u0007  " })).toEqual({
      code: "ABCDE",
      name: "Ada",
    });
    expect(parseJoinRequest({ code: "ABCDE", name: "x", token: "t", spectate: true })).toEqual({
      code: "ABCDE",
      name: "x",
      token: "t",
      spectate: true,
    });
  });

  it("rejects malformed requests", () => {
    for (const bad of [
      null,
      1,
      {},
      { code: 5 },
      { code: "" },
      { code: "A".repeat(40) },
      { code: "AB", name: 3 },
      { code: "AB", token: {} },
      { code: "AB", token: "t".repeat(200) },
      { code: "AB", spectate: "yes" },
    ]) {
      expect(parseJoinRequest(bad)).toBeNull();
    }
  });

  it("bounds names and gives empty ones a default", () => {
    expect(cleanName("x".repeat(100))).toHaveLength(INPUT_LIMITS.maxNameLength);
    expect(cleanName("   ")).toBe("Player");
  });
});

// the queue's own bounds
const QUEUE = QUEUE_LIMITS;

describe("InputQueue", () => {
  it("keeps new frames in order and ignores repeats", () => {
    const queue = new InputQueue();
    queue.push([frame(1), frame(2), frame(3)]);
    queue.push([frame(2), frame(3), frame(4)]);
    expect(queue.size).toBe(4);
    expect(queue.take().map((f) => f.seq)).toEqual([1, 2]);
    expect(queue.lastApplied).toBe(2);
    expect(queue.take().map((f) => f.seq)).toEqual([3]);
    expect(queue.take().map((f) => f.seq)).toEqual([4]);
    expect(queue.take()).toEqual([]);
    expect(queue.lastApplied).toBe(4);
  });

  it("bounds a flood: never more than the queue limit, at most two frames per tick", () => {
    const queue = new InputQueue();
    for (let seq = 0; seq < 1000; seq += 4)
      queue.push([frame(seq), frame(seq + 1), frame(seq + 2), frame(seq + 3)]);
    expect(queue.size).toBe(QUEUE.maxQueuedFrames);
    expect(queue.take()).toHaveLength(QUEUE.maxInputsPerTick);
  });

  it("ignores absurd sequence jumps", () => {
    const queue = new InputQueue();
    queue.push([frame(1)]);
    queue.push([frame(1 + QUEUE.maxSeqJump + 1)]);
    expect(queue.size).toBe(1);
  });
});

describe("RateLimiter", () => {
  it("allows a burst, then the sustained rate", () => {
    const limiter = new RateLimiter(10, 5, 0);
    const burst = Array.from({ length: 8 }, () => limiter.allow(0));
    expect(burst.filter(Boolean)).toHaveLength(5);
    expect(limiter.allow(50)).toBe(false);
    expect(limiter.allow(100)).toBe(true);
    expect(limiter.allow(100)).toBe(false);
  });
});
