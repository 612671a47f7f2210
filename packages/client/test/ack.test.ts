import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AckRegistry, AckTimeoutError } from "../src/ack.js";

describe("AckRegistry", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("allocates increasing ids per registry", () => {
    const a = new AckRegistry();
    const b = new AckRegistry();
    expect([a.nextId(), a.nextId(), b.nextId()]).toEqual([0, 1, 0]);
  });

  it("resolves once, and creates no timer without a timeout", () => {
    const acks = new AckRegistry();
    const callback = vi.fn();
    acks.register(0, callback);
    expect(vi.getTimerCount()).toBe(0);
    expect(acks.resolve(0, ["a", 1])).toBe(true);
    expect(acks.resolve(0, ["again"])).toBe(false);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith("a", 1);
  });

  it("times out with an error first, and ignores a late ack", () => {
    const acks = new AckRegistry();
    const callback = vi.fn();
    const onTimeout = vi.fn();
    acks.register(3, callback, { timeout: 1000, onTimeout });
    vi.advanceTimersByTime(999);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0]?.[0]).toBeInstanceOf(AckTimeoutError);
    expect(acks.resolve(3, ["late"])).toBe(false);
    expect(acks.size).toBe(0);
  });

  it("passes null first on success when a timeout is set, and clears the timer", () => {
    const acks = new AckRegistry();
    const callback = vi.fn();
    acks.register(0, callback, { timeout: 1000 });
    expect(vi.getTimerCount()).toBe(1);
    acks.resolve(0, ["ok"]);
    expect(vi.getTimerCount()).toBe(0);
    expect(callback).toHaveBeenCalledWith(null, "ok");
  });

  it("rejects error-first callbacks on disconnect, keeping the ones still buffered", () => {
    const acks = new AckRegistry();
    const plain = vi.fn();
    const errorFirst = vi.fn();
    const buffered = vi.fn();
    acks.register(0, plain);
    acks.register(1, errorFirst, { withError: true });
    acks.register(2, buffered, { timeout: 5000 });
    acks.rejectAll(new Error("socket has been disconnected"), (id) => id === 2);
    expect(plain).not.toHaveBeenCalled();
    expect(errorFirst).toHaveBeenCalledWith(new Error("socket has been disconnected"));
    expect(acks.size).toBe(1);
    acks.resolve(2, ["later"]);
    expect(buffered).toHaveBeenCalledWith(null, "later");
  });
});
