import { AckRegistry } from "@volley/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AckTimeoutError, SocketDisconnectedError } from "../src/index.js";

/** The shared registry, as the client's Socket uses it (ids allocated per socket). */
const report = (error: unknown) => {
  throw error;
};

describe("AckRegistry (shared, as the client uses it)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves once, and creates no timer without a timeout", () => {
    const acks = new AckRegistry(report);
    const callback = vi.fn();
    acks.add(0, callback);
    expect(vi.getTimerCount()).toBe(0);
    expect(acks.resolve(0, ["a", 1])).toBe(true);
    expect(acks.resolve(0, ["again"])).toBe(false);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith("a", 1);
  });

  it("times out with an error first, and ignores a late ack", () => {
    const acks = new AckRegistry(report);
    const callback = vi.fn();
    const onTimeout = vi.fn();
    acks.add(3, callback, { timeout: 1000, onTimeout });
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
    const acks = new AckRegistry(report);
    const callback = vi.fn();
    acks.add(0, callback, { timeout: 1000 });
    expect(vi.getTimerCount()).toBe(1);
    acks.resolve(0, ["ok"]);
    expect(vi.getTimerCount()).toBe(0);
    expect(callback).toHaveBeenCalledWith(null, "ok");
  });

  it("rejects error-first callbacks on disconnect, keeping the ones still buffered", () => {
    const acks = new AckRegistry(report);
    const plain = vi.fn();
    const errorFirst = vi.fn();
    const buffered = vi.fn();
    acks.add(0, plain);
    acks.add(1, errorFirst, { withError: true });
    acks.add(2, buffered, { timeout: 5000 });
    const error = new SocketDisconnectedError();
    acks.failAll(error, (id) => id === 2);
    expect(plain).not.toHaveBeenCalled();
    expect(errorFirst).toHaveBeenCalledWith(error);
    expect(acks.size).toBe(1);
    acks.resolve(2, ["later"]);
    expect(buffered).toHaveBeenCalledWith(null, "later");
  });
});
