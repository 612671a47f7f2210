// Pure pieces without Redis: the message codec, the pending-request registry, node liveness,
// the merge of live broadcasts into a restore.
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage, MessageType } from "../src/cluster-messages.js";
import { Heartbeat } from "../src/heartbeat.js";
import { LocalOrder } from "../src/local-order.js";
import { PendingRequests, RequestTimeoutError } from "../src/requests.js";
import { compareOffsets, RestoreMerge } from "../src/restore-merge.js";

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

  it("tells its observer how each request ended (the adapter's `request` event)", () => {
    const ended: [string, number, Error | null][] = [];
    const requests = new PendingRequests("me", (op, ms, err) => ended.push([op, ms, err]));
    const ok = requests.nextId();
    requests.add(ok, "fetchSockets", ["n1"], undefined, {
      onResponse: () => true,
      onDone: () => {},
    });
    requests.respond(response("n1", ok));
    requests.add(requests.nextId(), "serverSideEmit", ["n2"], undefined, {
      onResponse: () => true,
      onDone: () => {},
    });
    requests.failAll(new Error("closed"));
    expect(ended.map(([op, , err]) => [op, err?.message ?? null])).toEqual([
      ["fetchSockets", null],
      ["serverSideEmit", "closed"],
    ]);
    expect(ended.every(([, ms]) => ms >= 0)).toBe(true);
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

describe("RestoreMerge", () => {
  const to = (rooms: string[], except: string[] = []) => ({ rooms, except, flags: {} });

  it("merges live broadcasts into the replay by offset: none twice, none before the offset", () => {
    const merge = new RestoreMerge();
    merge.hear(to(["r"]), ["early", "5-0"], "5-0"); // heard before the log read, also in it
    merge.hear(to(["r"]), ["old", "1-0"], "1-0"); // before the client's offset
    merge.hear(to(["r"]), ["later", "7-0"], "7-0"); // appended after the read
    const missed: unknown[][] = [
      ["a", "3-0"],
      ["early", "5-0"],
    ];
    merge.restored(["r"], "2-0", missed);
    merge.hear(to(["other"]), ["not-for-you", "8-0"], "8-0");
    merge.hear(to([], ["r"]), ["excluded", "9-0"], "9-0");
    merge.hear(to(["r"]), ["between", "6-1"], "6-1"); // heard late (another connection)
    merge.hear(to(["r"]), ["later", "7-0"], "7-0");
    merge.hear(to([]), ["all", "10-0"], "10-0");
    expect(missed.map((args) => args[0])).toEqual(["a", "early", "between", "later", "all"]);
  });

  it("after the join, tells replayed live copies apart until one is past the replay", () => {
    const merge = new RestoreMerge();
    merge.restored(["r"], "1-0", [
      ["a", "2-0"],
      ["b", "4-0"],
    ]);
    expect(merge.isReplayed("2-0")).toBe(true);
    expect(merge.isReplayed("3-0")).toBe(false); // not for this socket's rooms, say
    expect(merge.done).toBe(false);
    expect(merge.isReplayed("4-0")).toBe(true);
    expect(merge.isReplayed("5-0")).toBe(false);
    expect(merge.done).toBe(true);
  });

  it("compares offsets as numbers", () => {
    expect(compareOffsets("10-0", "9-5")).toBeGreaterThan(0);
    expect(compareOffsets("9-10", "9-9")).toBeGreaterThan(0);
    expect(compareOffsets("9-9", "9-9")).toBe(0);
  });
});
