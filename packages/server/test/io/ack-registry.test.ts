// the server uses the shared registry of @volley/protocol; these tests pin what the server needs
import { AckRegistry, AckTimeoutError } from "@volley/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";

describe("AckRegistry", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("delivers an ack once and forgets it", () => {
    const registry = new AckRegistry(() => {});
    const fn = vi.fn();
    registry.add(1, fn);
    expect(registry.size).toBe(1);
    expect(registry.resolve(1, ["a", 2])).toBe(true);
    expect(fn).toHaveBeenCalledWith("a", 2);
    expect(registry.resolve(1, ["again"])).toBe(false);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(registry.size).toBe(0);
  });

  it("calls (null, ...args) for acks with error style", () => {
    const registry = new AckRegistry(() => {});
    const fn = vi.fn();
    registry.add(3, fn, { withError: true, timeout: 1000 });
    registry.resolve(3, ["x"]);
    expect(fn).toHaveBeenCalledWith(null, "x");
  });

  it("times out, then ignores the late ack", () => {
    vi.useFakeTimers();
    const registry = new AckRegistry(() => {});
    const fn = vi.fn();
    registry.add(7, fn, { withError: true, timeout: 50 });
    vi.advanceTimersByTime(60);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn.mock.calls[0]?.[0]).toBeInstanceOf(AckTimeoutError);
    expect(registry.size).toBe(0);
    expect(registry.resolve(7, ["late"])).toBe(false);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("fails error-style acks on disconnect and drops the others", () => {
    const registry = new AckRegistry(() => {});
    const plain = vi.fn();
    const withError = vi.fn();
    registry.add(1, plain);
    registry.add(2, withError, { withError: true, timeout: 10_000 });
    registry.failAll(new Error("socket has been disconnected"));
    expect(plain).not.toHaveBeenCalled();
    expect(withError).toHaveBeenCalledWith(
      expect.objectContaining({ message: "socket has been disconnected" }),
    );
    expect(registry.size).toBe(0);
  });

  it("reports what an ack callback throws or rejects with", async () => {
    const reported: unknown[] = [];
    const registry = new AckRegistry((err) => reported.push(err));
    registry.add(1, () => {
      throw new Error("sync");
    });
    registry.add(2, async () => {
      throw new Error("async");
    });
    registry.resolve(1, []);
    registry.resolve(2, []);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported.map((e) => (e as Error).message)).toEqual(["sync", "async"]);
  });
});
