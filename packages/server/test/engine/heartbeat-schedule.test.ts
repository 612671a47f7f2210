/**
 * The shared heartbeat deadlines (fake timers): the tick choice, many sessions on one timer,
 * removal from the middle, the tolerance of a deadline set between ticks, and a throwing
 * callback that must not stop the other sessions.
 */

import { afterEach, describe, expect, it, vi } from "vitest";
import { HeartbeatSchedule, HeartbeatTimer, heartbeatTick } from "../../src/engine/index.js";

afterEach(() => {
  vi.useRealTimers();
});

function recorder(events: string[], name: string) {
  return {
    onPingDue: () => void events.push(`${name} ping`),
    onPingTimeout: () => void events.push(`${name} timeout`),
  };
}

describe("heartbeatTick", () => {
  it("divides both durations, within 1/20 of the shorter and 1 s", () => {
    expect(heartbeatTick(25_000, 20_000)).toBe(1000);
    expect(heartbeatTick(100, 50)).toBe(2);
    expect(heartbeatTick(300, 200)).toBe(10);
    expect(heartbeatTick(10, 10)).toBe(1);
    // no useful common divisor: the bound itself (deadlines may be early by up to a tick)
    expect(heartbeatTick(25_001, 20_000)).toBe(1000);
    expect(heartbeatTick(1.5, 2.5)).toBe(1);
  });
});

describe("HeartbeatSchedule", () => {
  it("runs many sessions on one timer, exact when set on a tick", () => {
    vi.useFakeTimers();
    const schedule = new HeartbeatSchedule(100, 50);
    const events: string[] = [];
    const a = new HeartbeatTimer(recorder(events, "a"), 100, 50, schedule);
    const b = new HeartbeatTimer(recorder(events, "b"), 100, 50, schedule);
    const c = new HeartbeatTimer(recorder(events, "c"), 100, 50, schedule);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(["a ping", "b ping", "c ping"]);
    expect([a.waitingForPong, b.waitingForPong, c.waitingForPong]).toEqual([true, true, true]);
    b.stop(); // from the middle of the list
    a.onPong();
    vi.advanceTimersByTime(50);
    expect(events).toEqual(["a ping", "b ping", "c ping", "c timeout"]);
    vi.advanceTimersByTime(50);
    expect(events.slice(4)).toEqual(["a ping"]);
    a.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(events).toHaveLength(5);
  });

  it("sends a ping set between two ticks at most one tick early, never a timeout early", () => {
    vi.useFakeTimers();
    const schedule = new HeartbeatSchedule(25_000, 20_000);
    expect(schedule.tickMs).toBe(1000);
    const events: string[] = [];
    const first = new HeartbeatTimer(recorder(events, "first"), 25_000, 20_000, schedule);
    vi.advanceTimersByTime(400); // between ticks
    const late = new HeartbeatTimer(recorder(events, "late"), 25_000, 20_000, schedule);
    vi.advanceTimersByTime(25_000 - 400 - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1); // 25,000 ms after the first, 24,600 after the second
    expect(events).toEqual(["first ping", "late ping"]);
    first.onPong();
    // a pong deadline is set by the tick that sent the ping: never early
    vi.advanceTimersByTime(20_000 - 1);
    expect(events).toEqual(["first ping", "late ping"]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(["first ping", "late ping", "late timeout"]);
    first.stop();
    late.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps ticking for the others when a callback throws", () => {
    vi.useFakeTimers();
    const schedule = new HeartbeatSchedule(10, 10);
    const events: string[] = [];
    new HeartbeatTimer(
      {
        onPingDue: () => {
          throw new Error("boom");
        },
        onPingTimeout: () => {},
      },
      10,
      10,
      schedule,
    );
    const ok = new HeartbeatTimer(recorder(events, "ok"), 10, 10, schedule);
    expect(() => vi.advanceTimersByTime(10)).toThrow("boom");
    vi.advanceTimersByTime(1);
    expect(events).toEqual(["ok ping"]);
    ok.onPong();
    vi.advanceTimersByTime(10);
    expect(events).toEqual(["ok ping", "ok ping"]);
  });
});
