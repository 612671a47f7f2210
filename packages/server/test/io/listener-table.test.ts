/**
 * The listener store of Server, Namespace and Socket (listener-table.ts behind TypedEmitter):
 * EventEmitter's semantics without an EventEmitter.
 */
import type { DefaultEventsMap } from "@volley/protocol";
import { describe, expect, it } from "vitest";
import { TypedEmitter } from "../../src/io/typed-events.js";

class Emitter extends TypedEmitter<DefaultEventsMap, { error: (err: Error) => void }> {
  /** Dispatches as the io layer does: a snapshot of the stored listeners, `this` = emitter. */
  fire(ev: string, ...args: unknown[]): void {
    for (const listener of this.rawListeners(ev)) listener.apply(this, args);
  }
  fireReserved(err: Error): boolean {
    return this.emitReserved("error", err);
  }
}

describe("TypedEmitter listeners", () => {
  it("calls listeners in order; once runs one time with the emitter as this", () => {
    const e = new Emitter();
    const calls: unknown[] = [];
    e.on("a", (x) => calls.push(["on1", x]));
    e.once("a", function (this: unknown, x) {
      calls.push(["once", x, this === e]);
    });
    e.on("a", (x) => calls.push(["on2", x]));
    e.fire("a", 1);
    e.fire("a", 2);
    expect(calls).toEqual([
      ["on1", 1],
      ["once", 1, true],
      ["on2", 1],
      ["on1", 2],
      ["on2", 2],
    ]);
    expect(e.listenerCount("a")).toBe(2);
  });

  it("off removes the most recent registration, once-wrapped or not; listeners() unwraps", () => {
    const e = new Emitter();
    const f = () => {};
    const g = () => {};
    e.on("a", f);
    e.on("a", g);
    e.once("a", f);
    expect(e.listeners("a")).toEqual([f, g, f]);
    e.off("a", f);
    expect(e.listeners("a")).toEqual([f, g]);
    e.off("a", f);
    e.off("a", g);
    expect(e.listenerCount("a")).toBe(0);
    expect(e.eventNames()).toEqual([]);
    e.off("a", g); // nothing left: no-op
  });

  it("a dispatch sees the listeners as they were when it started", () => {
    const e = new Emitter();
    const calls: string[] = [];
    const second = () => calls.push("second");
    e.on("a", () => {
      calls.push("first");
      e.off("a", second);
      e.on("a", () => calls.push("added"));
    });
    e.on("a", second);
    e.fire("a");
    expect(calls).toEqual(["first", "second"]);
    calls.length = 0;
    e.fire("a");
    expect(calls).toEqual(["first", "added"]);
  });

  it("keeps every event apart past the flat table's size, and back", () => {
    const e = new Emitter();
    const seen: string[] = [];
    const names = Array.from({ length: 20 }, (_, i) => `ev${i}`);
    const handlers = names.map((name) => () => seen.push(name));
    for (const [i, name] of names.entries()) e.on(name, handlers[i]!);
    for (const name of names) e.fire(name);
    expect(seen).toEqual(names);
    expect(e.eventNames()).toEqual(names);
    for (const [i, name] of names.entries()) e.off(name, handlers[i]!);
    expect(e.eventNames()).toEqual([]);
    e.on("again", handlers[0]!);
    expect(e.listenerCount("again")).toBe(1);
  });

  it("removeAllListeners clears one event or all; an unheard reserved error throws", () => {
    const e = new Emitter();
    e.on("a", () => {});
    e.on("b", () => {});
    e.removeAllListeners("a");
    expect(e.eventNames()).toEqual(["b"]);
    e.removeAllListeners();
    expect(e.eventNames()).toEqual([]);
    const err = new Error("boom");
    expect(() => e.fireReserved(err)).toThrow(err);
    const got: Error[] = [];
    e.on("error", (x: Error) => got.push(x));
    expect(e.fireReserved(err)).toBe(true);
    expect(got).toEqual([err]);
  });
});
