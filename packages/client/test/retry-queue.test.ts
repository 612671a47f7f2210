import { describe, expect, it, vi } from "vitest";
import { RetryQueue } from "../src/retry-queue.js";

type Ack = (error: unknown, ...reply: unknown[]) => void;

function setup(retries: number) {
  const sent: { event: unknown; ack: Ack }[] = [];
  let connected = true;
  const queue = new RetryQueue<{ tag?: string }>(
    retries,
    (args) => sent.push({ event: args[0], ack: args[args.length - 1] as Ack }),
    () => connected,
  );
  return { queue, sent, setConnected: (value: boolean) => (connected = value) };
}

describe("RetryQueue", () => {
  it("an ack callback that throws does not stall the queue (the error still propagates)", () => {
    const { queue, sent } = setup(1);
    queue.push(
      [
        "a",
        () => {
          throw new Error("app bug");
        },
      ],
      {},
    );
    queue.push(["b", () => {}], {});
    expect(() => sent[0]!.ack(null, "ra")).toThrow("app bug");
    expect(sent.map((s) => s.event)).toEqual(["a", "b"]);
    expect(queue.size).toBe(1);
  });

  it("sends one at a time, in order, moving on at each ack", () => {
    const { queue, sent } = setup(2);
    const a = vi.fn();
    const b = vi.fn();
    queue.push(["a", a], {});
    queue.push(["b", b], {});
    expect(sent.map((s) => s.event)).toEqual(["a"]);
    sent[0]!.ack(null, "ra");
    expect(a).toHaveBeenCalledWith(null, "ra");
    expect(sent.map((s) => s.event)).toEqual(["a", "b"]);
    sent[1]!.ack(null, "rb");
    expect(b).toHaveBeenCalledWith(null, "rb");
    expect(queue.size).toBe(0);
  });

  it("retries on error up to `retries` times, then fails the emit and moves on", () => {
    const { queue, sent } = setup(2);
    const a = vi.fn();
    queue.push(["a", a], {});
    queue.push(["b"], {});
    const timeout = new Error("operation has timed out");
    sent[0]!.ack(timeout);
    sent[1]!.ack(timeout);
    expect(a).not.toHaveBeenCalled();
    sent[2]!.ack(timeout);
    expect(a).toHaveBeenCalledWith(timeout);
    expect(sent.map((s) => s.event)).toEqual(["a", "a", "a", "b"]);
  });

  it("ignores a late ack of an already settled emit", () => {
    const { queue, sent } = setup(1);
    const a = vi.fn();
    queue.push(["a", a], {});
    sent[0]!.ack(new Error("timeout"));
    sent[1]!.ack(null, "second");
    sent[0]!.ack(null, "late first");
    expect(a).toHaveBeenCalledTimes(1);
    expect(a).toHaveBeenCalledWith(null, "second");
  });

  it("waits while offline and resends the pending head on reconnection", () => {
    const { queue, sent, setConnected } = setup(3);
    setConnected(false);
    queue.push(["a"], {});
    expect(sent).toHaveLength(0);
    setConnected(true);
    queue.drain();
    expect(sent).toHaveLength(1);
    queue.drain(); // already in flight
    expect(sent).toHaveLength(1);
    queue.drain(true); // reconnected: resend
    expect(sent).toHaveLength(2);
  });
});
