// Pure pieces without Redis: the message codec, the pending-request registry, node liveness.
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage, MessageType } from "../src/cluster-messages.js";
import { Heartbeat } from "../src/heartbeat.js";
import { LocalOrder } from "../src/local-order.js";
import { PendingRequests, RequestTimeoutError } from "../src/requests.js";

describe("cluster messages", () => {
  it("round-trips binary values as Buffers", () => {
    const text = encodeMessage({
      type: MessageType.SERVER_SIDE_EMIT,
      uid: "u1",
      data: ["ev", Buffer.from("hi"), { nested: new Uint8Array([1, 2]) }],
    });
    const message = decodeMessage(text);
    expect(message).toEqual({
      type: "server-side-emit",
      uid: "u1",
      data: ["ev", Buffer.from("hi"), { nested: Buffer.from([1, 2]) }],
    });
  });

  it("refuses what is not a cluster message", () => {
    expect(() => decodeMessage("{}")).toThrow(TypeError);
    expect(() => decodeMessage('{"type":"nope","uid":"x"}')).toThrow(TypeError);
    expect(() => decodeMessage("not json")).toThrow();
  });
});

describe("pending requests", () => {
  const response = (uid: string, requestId: string) =>
    ({ type: MessageType.SERVER_SIDE_EMIT_RESPONSE, uid, requestId, data: uid }) as const;

  it("finishes when every node answered or went away", () => {
    const requests = new PendingRequests("me");
    const done: (Error | null)[] = [];
    const id = requests.nextId();
    requests.add(id, "test", ["n1", "n2"], undefined, {
      onResponse: () => true,
      onDone: (err) => done.push(err),
    });
    requests.respond(response("n1", id));
    expect(done).toEqual([]);
    requests.nodeGone("n2");
    expect(done).toEqual([null]);
    expect(requests.size).toBe(0);
  });

  it("times out with the number of missing nodes", async () => {
    const requests = new PendingRequests("me");
    const err = await new Promise<Error | null>((resolve) =>
      requests.add(requests.nextId(), "test", ["n1"], 10, {
        onResponse: () => true,
        onDone: resolve,
      }),
    );
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect((err as RequestTimeoutError).missing).toBe(1);
  });
});

describe("heartbeat", () => {
  it("forgets nodes silent for longer than the timeout", () => {
    let now = 0;
    const gone: string[] = [];
    const heartbeat = new Heartbeat(
      100,
      1000,
      { beat: () => {}, gone: (uid) => gone.push(uid) },
      () => now,
    );
    expect(heartbeat.seen("n1")).toBe(true);
    expect(heartbeat.seen("n1")).toBe(false);
    now = 1500;
    heartbeat.seen("n2");
    heartbeat.sweep();
    expect(gone).toEqual(["n1"]);
    expect(heartbeat.liveNodes()).toEqual(["n2"]);
  });
});

describe("local order", () => {
  it("delivers in emit order, each once; an outage releases what waits on Redis", () => {
    const order = new LocalOrder();
    const out: string[] = [];
    order.now(() => out.push("a")); // nothing waits: at once
    const b = order.later(() => out.push("b")); // waits for its append
    order.now(() => out.push("c")); // behind b
    const d = order.later(() => out.push("d"));
    expect(out).toEqual(["a"]);
    b.settle();
    expect(out).toEqual(["a", "b", "c"]);
    order.releaseAll(); // Redis went down with d's append in flight
    expect(out).toEqual(["a", "b", "c", "d"]);
    expect(d.delivered).toBe(true);
    d.settle(); // its answer after Redis came back: not delivered twice
    expect(out).toEqual(["a", "b", "c", "d"]);
    expect(order.size).toBe(0);
  });
});
