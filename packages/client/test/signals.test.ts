import { effect } from "@preact/signals-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Emitter } from "../src/emitter.js";
import { eventSignal } from "../src/event-signal.js";
import { createConnectionState } from "../src/signals.js";

interface Events {
  score: (points: number, player: string) => void;
  message: (text: string) => void;
}

class FakeSocket extends Emitter<Events> {
  fire<E extends keyof Events & string>(event: E, ...args: Parameters<Events[E]>): void {
    (this.emitLocal as (event: string, ...rest: unknown[]) => void)(event, ...args);
  }
}

describe("eventSignal", () => {
  it("holds the latest value of an event", () => {
    const socket = new FakeSocket();
    const last = eventSignal(socket, "message", "none");
    const seen: string[] = [];
    const stop = effect(() => {
      seen.push(last.value);
    });
    socket.fire("message", "a");
    socket.fire("message", "b");
    expect(seen).toEqual(["none", "a", "b"]);
    stop();
    last.dispose();
  });

  it("folds events with a reducer and stops on dispose", () => {
    const socket = new FakeSocket();
    const total = eventSignal(socket, "score", 0, (sum, points) => sum + points);
    socket.fire("score", 3, "ann");
    socket.fire("score", 4, "bob");
    expect(total.value).toBe(7);
    total.dispose();
    expect(socket.listeners("score")).toHaveLength(0);
    socket.fire("score", 100, "ann");
    expect(total.value).toBe(7);
  });

  it("batches nothing surprising with timers (fake timers)", () => {
    vi.useFakeTimers();
    try {
      const socket = new FakeSocket();
      const list = eventSignal(socket, "message", [] as string[], (all, text) => [...all, text]);
      setTimeout(() => socket.fire("message", "later"), 1000);
      expect(list.value).toEqual([]);
      vi.advanceTimersByTime(1000);
      expect(list.value).toEqual(["later"]);
      list.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("connection state", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("starts disconnected, with no transport, error or attempt", () => {
    const state = createConnectionState();
    expect(state.status.value).toBe("disconnected");
    expect(state.transport.value).toBeUndefined();
    expect(state.lastError.value).toBeUndefined();
    expect(state.reconnectAttempt.value).toBe(0);
  });
});

describe("Emitter", () => {
  it("supports once, off by reference (also for once), and removal during dispatch", () => {
    const emitter = new FakeSocket();
    const calls: string[] = [];
    const a = (text: string) => calls.push(`a:${text}`);
    const b = (text: string) => {
      calls.push(`b:${text}`);
      emitter.off("message", b);
    };
    emitter.on("message", a).on("message", b);
    const c = (text: string) => calls.push(`c:${text}`);
    emitter.once("message", c);
    emitter.fire("message", "1");
    emitter.fire("message", "2");
    expect(calls).toEqual(["a:1", "b:1", "c:1", "a:2"]);
    const d = (text: string) => calls.push(`d:${text}`);
    emitter.once("message", d);
    emitter.off("message", d);
    emitter.fire("message", "3");
    expect(calls.at(-1)).toBe("a:3");
    expect(emitter.hasListeners("message")).toBe(true);
    emitter.off();
    expect(emitter.hasListeners("message")).toBe(false);
  });
});
