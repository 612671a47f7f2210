// Publishes batched per event-loop turn (publish-queue.ts) and the codec's batches and fast
// paths (cluster-messages.ts), without Redis.
import { describe, expect, it } from "vitest";
import {
  decodeMessages,
  decodeValue,
  encodeMessage,
  encodeValue,
  MessageType,
} from "../src/cluster-messages.js";
import { resolveOptions } from "../src/options.js";
import { PublishQueue } from "../src/publish-queue.js";

const turnEnd = () => new Promise<void>((resolve) => setImmediate(resolve));

function recorder() {
  const sent: [string, string][] = [];
  const queue = new PublishQueue((channel, payload) => sent.push([channel, payload]));
  return { sent, queue };
}

describe("publish queue", () => {
  it("sends one PUBLISH per run of one channel at the end of the turn, in order", async () => {
    const { sent, queue } = recorder();
    queue.add("a", '{"i":1}');
    queue.add("a", '{"i":2}');
    queue.add("b", '{"i":3}');
    queue.add("a", '{"i":4}');
    expect(sent).toEqual([]);
    await turnEnd();
    expect(sent).toEqual([
      ["a", '[{"i":1},{"i":2}]'],
      ["b", '{"i":3}'],
      ["a", '{"i":4}'],
    ]);
    expect(queue.size).toBe(0);
  });

  it("flushes at once when asked, and the end of the turn then sends nothing more", async () => {
    const { sent, queue } = recorder();
    queue.add("a", '{"i":1}');
    queue.flush();
    expect(sent).toEqual([["a", '{"i":1}']]);
    await turnEnd();
    expect(sent).toHaveLength(1);
  });

  it("bounds a batch, so a huge burst makes several PUBLISHes that decode to the same messages", async () => {
    const { sent, queue } = recorder();
    const texts = Array.from({ length: 1000 }, (_, i) =>
      encodeMessage({ type: MessageType.HEARTBEAT, uid: `u${i}`, initial: false }),
    );
    for (const text of texts) queue.add("a", text);
    await turnEnd();
    expect(sent.length).toBeGreaterThan(1);
    const uids = sent.flatMap(([, payload]) => decodeMessages(payload).map((m) => m.uid));
    expect(uids).toEqual(texts.map((_, i) => `u${i}`));
  });
});

describe("publish queue options", () => {
  it("sends every message on its own with maxBatchMessages 1", async () => {
    const sent: string[] = [];
    const queue = new PublishQueue((_channel, payload) => sent.push(payload), 1);
    queue.add("a", '{"i":1}');
    queue.add("a", '{"i":2}');
    await turnEnd();
    expect(sent).toEqual(['{"i":1}', '{"i":2}']);
  });

  it("has defaults and refuses limits that are not positive integers", () => {
    expect(resolveOptions()).toMatchObject({ maxBatchMessages: 256, maxBatchChars: 524_288 });
    expect(() => resolveOptions({ maxBatchMessages: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ maxBatchChars: 1.5 })).toThrow(/maxBatchChars/);
  });
});

describe("cluster message batches", () => {
  it("decodes a bare message and a batch alike", () => {
    const one = encodeMessage({ type: MessageType.CLOSE, uid: "u1" });
    const two = encodeMessage({ type: MessageType.HEARTBEAT, uid: "u2", initial: true });
    expect(decodeMessages(one)).toEqual([{ type: "close", uid: "u1" }]);
    expect(decodeMessages(`[${one},${two}]`)).toEqual([
      { type: "close", uid: "u1" },
      { type: "heartbeat", uid: "u2", initial: true },
    ]);
  });

  it("refuses a batch with anything that is not a message in it", () => {
    const one = encodeMessage({ type: MessageType.CLOSE, uid: "u1" });
    expect(() => decodeMessages(`[${one},{"type":"nope","uid":"x"}]`)).toThrow(TypeError);
    expect(() => decodeMessages(`[${one},3]`)).toThrow(TypeError);
  });

  it("revives binary values inside a batch", () => {
    const one = encodeMessage({
      type: MessageType.SERVER_SIDE_EMIT,
      uid: "u1",
      data: ["ev", Buffer.from("hi")],
    });
    const [message] = decodeMessages(`[${one}]`);
    expect(message).toEqual({
      type: "server-side-emit",
      uid: "u1",
      data: ["ev", Buffer.from("hi")],
    });
  });
});

describe("codec fast paths", () => {
  it("encodes values without binary exactly as JSON.stringify does", () => {
    const value = { a: [1, "two", { three: null }], b: "$volleyBinary", c: { toJSON: () => "x" } };
    expect(encodeValue(value)).toBe(JSON.stringify(value));
    expect(decodeValue(encodeValue(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it("still round-trips binary found anywhere, typed arrays and ArrayBuffers too", () => {
    const value = { deep: [{ bytes: new Uint8Array([7]) }], raw: new Uint16Array([1]).buffer };
    expect(decodeValue(encodeValue(value))).toEqual({
      deep: [{ bytes: Buffer.from([7]) }],
      raw: Buffer.from([1, 0]),
    });
  });
});
