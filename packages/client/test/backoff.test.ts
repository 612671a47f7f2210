import { describe, expect, it } from "vitest";
import { Backoff, backoffDelay } from "../src/backoff.js";

const opts = { min: 1000, max: 5000, jitter: 0 };

describe("backoffDelay", () => {
  it("doubles from the minimum and caps at the maximum", () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, opts))).toEqual([
      1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });

  it("applies jitter within ±factor, sign chosen by the random draw", () => {
    const jittered = { ...opts, jitter: 0.5 };
    // r = 0.4: floor(4) is even → minus 0.4 · 0.5 · 1000 = 200
    expect(backoffDelay(0, jittered, () => 0.4)).toBe(800);
    // r = 0.5: floor(5) is odd → plus 250
    expect(backoffDelay(0, jittered, () => 0.5)).toBe(1250);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(1, jittered);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(3000);
    }
  });

  it("never exceeds the maximum even with jitter, and handles huge attempt counts", () => {
    const jittered = { ...opts, jitter: 0.5 };
    expect(backoffDelay(3, jittered, () => 0.99)).toBe(5000);
    expect(backoffDelay(5000, jittered, () => 0.1)).toBe(5000);
  });
});

describe("Backoff", () => {
  it("counts attempts and resets", () => {
    const backoff = new Backoff(opts);
    expect([backoff.duration(), backoff.duration(), backoff.duration()]).toEqual([
      1000, 2000, 4000,
    ]);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.duration()).toBe(1000);
  });
});
