// Options are checked once, at construction; messages from the network are shape-checked.
import { describe, expect, it } from "vitest";
import { isClusterMessage } from "../src/cluster-messages.js";
import { DEFAULTS, resolveOptions } from "../src/options.js";

describe("options", () => {
  it("defaults drop a silent node within 6 s", () => {
    expect(DEFAULTS.downAfter + DEFAULTS.heartbeatInterval).toBe(6000);
    expect(resolveOptions()).toEqual(DEFAULTS);
  });

  it("refuses non-positive times and a downAfter not longer than the heartbeat", () => {
    expect(() => resolveOptions({ heartbeatInterval: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ downAfter: Number.NaN })).toThrow(RangeError);
    expect(() => resolveOptions({ heartbeatInterval: 1000, downAfter: 1000 })).toThrow(/downAfter/);
  });
});

describe("isClusterMessage", () => {
  it("accepts the five shapes and refuses the rest", () => {
    expect(isClusterMessage({ t: "hb", n: "a", c: 1 })).toBe(true);
    expect(isClusterMessage({ t: "d", n: "a", c: 1, ops: [] })).toBe(true);
    expect(isClusterMessage({ t: "st", n: "a", c: 1, s: [] })).toBe(true);
    expect(isClusterMessage({ t: "req", n: "a", to: "*" })).toBe(true);
    expect(isClusterMessage({ t: "bye", n: "a" })).toBe(true);
    expect(isClusterMessage({ t: "hb", n: "a" })).toBe(false);
    expect(isClusterMessage({ t: "zz", n: "a" })).toBe(false);
    expect(isClusterMessage(null)).toBe(false);
    expect(isClusterMessage("hb")).toBe(false);
  });
});
