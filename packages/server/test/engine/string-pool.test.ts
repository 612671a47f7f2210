/** The handshake string pool: shares equal strings, leaves long ones, stays bounded. */

import { describe, expect, it } from "vitest";
import { MAX_POOLED_LENGTH, MAX_POOLED_STRINGS, pooled } from "../../src/engine/string-pool.js";

// Strings built at run time, so that equal values are distinct objects as the parser makes them.
const make = (text: string): string => [...text].join("");

describe("pooled", () => {
  it("returns the first copy of an equal value", () => {
    const first = pooled(make("websocket"));
    expect(pooled(make("websocket"))).toBe(first);
    expect(pooled(make("websocket"))).toBe("websocket");
  });

  it("leaves values past MAX_POOLED_LENGTH alone and starts over when full", () => {
    const long = "x".repeat(MAX_POOLED_LENGTH + 1);
    expect(pooled(long)).toBe(long);
    for (let i = 0; i <= MAX_POOLED_STRINGS; i++) expect(pooled(`v${i}`)).toBe(`v${i}`);
    expect(pooled(make("13"))).toBe("13");
  });
});
