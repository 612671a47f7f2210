import { describe, expect, it } from "vitest";
import { parseRate, RateLimiter } from "../server/rate-limit.js";

function clock(start = 1_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("RateLimiter", () => {
  it("allows `limit` events per window and refuses the next", () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 10, windowMs: 1_000, now: c.now });
    for (let i = 0; i < 10; i++) expect(limiter.tryConsume("ada")).toBe(true);
    expect(limiter.tryConsume("ada")).toBe(false);
    expect(limiter.tryConsume("bob")).toBe(true);
  });

  it("slides: an event frees its slot exactly one window later", () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000, now: c.now });
    limiter.tryConsume("k");
    c.advance(400);
    limiter.tryConsume("k");
    expect(limiter.tryConsume("k")).toBe(false);
    expect(limiter.retryAfter("k")).toBe(600);
    c.advance(600);
    expect(limiter.retryAfter("k")).toBe(0);
    expect(limiter.tryConsume("k")).toBe(true);
    expect(limiter.tryConsume("k")).toBe(false);
  });

  it("does not count refused events", () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 100, now: c.now });
    limiter.tryConsume("k");
    for (let i = 0; i < 5; i++) limiter.tryConsume("k");
    c.advance(100);
    expect(limiter.tryConsume("k")).toBe(true);
  });

  it("sweeps idle keys and resets on demand", () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 100, now: c.now });
    limiter.tryConsume("a");
    limiter.tryConsume("b");
    expect(limiter.size).toBe(2);
    limiter.reset("a");
    expect(limiter.size).toBe(1);
    c.advance(100);
    expect(limiter.sweep()).toBe(1);
    expect(limiter.size).toBe(0);
  });

  it("rejects nonsensical options", () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1 })).toThrow(RangeError);
  });
});

describe("parseRate", () => {
  const fallback = { limit: 10, windowMs: 1_000 };
  it("parses count/ms and falls back on anything else", () => {
    expect(parseRate("3/60000", fallback)).toEqual({ limit: 3, windowMs: 60_000 });
    expect(parseRate(undefined, fallback)).toBe(fallback);
    expect(parseRate("0/10", fallback)).toBe(fallback);
    expect(parseRate("fast", fallback)).toBe(fallback);
  });
});
