import { describe, expect, it } from "vitest";
import { Outbox } from "../src/outbox.js";

describe("Outbox", () => {
  it("drains buffered items in order and empties", () => {
    const outbox = new Outbox<number>();
    outbox.push(1);
    outbox.push(2);
    outbox.push(3);
    expect(outbox.size).toBe(3);
    expect(outbox.drain()).toEqual([1, 2, 3]);
    expect(outbox.size).toBe(0);
    expect(outbox.drain()).toEqual([]);
  });

  it("removes one matching item (an emit whose ack timed out)", () => {
    const outbox = new Outbox<{ id: number }>();
    outbox.push({ id: 1 });
    outbox.push({ id: 2 });
    expect(outbox.some((p) => p.id === 2)).toBe(true);
    expect(outbox.remove((p) => p.id === 2)).toBe(true);
    expect(outbox.remove((p) => p.id === 2)).toBe(false);
    expect(outbox.drain()).toEqual([{ id: 1 }]);
  });

  it("clears", () => {
    const outbox = new Outbox<string>();
    outbox.push("a");
    outbox.clear();
    expect(outbox.drain()).toEqual([]);
  });
});
