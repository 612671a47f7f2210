import { describe, expect, it } from "vitest";
import {
  activeTypists,
  clearTyping,
  createThrottle,
  describeTyping,
  noteTyping,
  TYPING_TTL_MS,
} from "../web/state/typing.js";

describe("typing indicator", () => {
  it("shows a typist until the TTL after their last event", () => {
    let state = noteTyping({}, "bob", 1_000);
    expect(activeTypists(state, 1_000 + TYPING_TTL_MS - 1)).toEqual(["bob"]);
    expect(activeTypists(state, 1_000 + TYPING_TTL_MS)).toEqual([]);
    state = noteTyping(state, "ada", 2_000);
    expect(activeTypists(state, 2_500)).toEqual(["ada", "bob"]);
    expect(activeTypists(clearTyping(state, "bob"), 2_500)).toEqual(["ada"]);
  });

  it("describes one, two and many typists", () => {
    expect(describeTyping([])).toBe("");
    expect(describeTyping(["bob"])).toBe("bob is typing…");
    expect(describeTyping(["ada", "bob"])).toBe("ada and bob are typing…");
    expect(describeTyping(["a", "b", "c"])).toBe("Several people are typing…");
  });
});

describe("createThrottle", () => {
  it("lets one call per interval through, per key, until reset", () => {
    let t = 0;
    const throttle = createThrottle(2_000, () => t);
    expect(throttle.take("general")).toBe(true);
    expect(throttle.take("general")).toBe(false);
    expect(throttle.take("random")).toBe(true);
    t = 1_999;
    expect(throttle.take("general")).toBe(false);
    t = 2_000;
    expect(throttle.take("general")).toBe(true);
    throttle.reset("general");
    expect(throttle.take("general")).toBe(true);
  });
});
