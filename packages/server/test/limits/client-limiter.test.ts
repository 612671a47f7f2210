import { type Packet, PacketType } from "@volley/protocol";
import { describe, expect, it } from "vitest";
import { ClientLimiter } from "../../src/io/limits/client-limiter.js";
import { resolveLimits } from "../../src/io/limits/options.js";

const event = (id?: number): Packet => ({
  type: PacketType.EVENT,
  nsp: "/",
  data: ["e"],
  ...(id === undefined ? {} : { id }),
});
const connect = (nsp: string): Packet => ({ type: PacketType.CONNECT, nsp, data: {} });

function limiter(input: Parameters<typeof resolveLimits>[0], clock = () => 0) {
  return new ClientLimiter(resolveLimits(input, "test")!, undefined, clock);
}

describe("ClientLimiter (fake clock)", () => {
  it("refuses events past the bucket, with the wait, then admits after the refill", () => {
    let now = 0;
    const l = limiter({ events: { perSecond: 2, burst: 2 }, bytes: false }, () => now);
    expect([l.admit(event()), l.admit(event()), l.admit(event())]).toEqual([true, true, false]);
    expect(l.refused).toMatchObject({ limit: "events", retryAfterMs: 500, action: "drop" });
    now = 500;
    expect(l.admit(event())).toBe(true);
  });

  it("counts the bytes of every part of a packet", () => {
    const l = limiter({ events: false, bytes: { perSecond: 1, burst: 100, action: "disconnect" } });
    l.received("x".repeat(60));
    expect(l.admit(event())).toBe(true);
    l.received("x".repeat(20));
    l.received(Buffer.alloc(30)); // a binary attachment of the same packet
    expect(l.admit(event())).toBe(false);
    expect(l.refused).toMatchObject({ limit: "bytes", action: "disconnect" });
  });

  it("bounds client requests the handlers have not answered", () => {
    const l = limiter({ pendingAcks: 2 });
    expect([l.admit(event(1)), l.admit(event(2)), l.admit(event(3))]).toEqual([true, true, false]);
    expect(l.refused).toMatchObject({ limit: "pendingAcks", retryAfterMs: 0 });
    expect(l.admit(event())).toBe(true); // no ack asked: not counted
    l.answered();
    expect(l.admit(event(4))).toBe(true);
    expect(l.pendingRequests).toBe(2);
  });

  it("counts the namespace joined before the limiter existed", () => {
    const l = new ClientLimiter(resolveLimits({ namespaces: 2 }, "test")!, "/");
    expect([l.admit(connect("/a")), l.admit(connect("/b"))]).toEqual([true, false]);
  });

  it("bounds the distinct namespaces a connection tries; a repeat is free", () => {
    const l = limiter({ namespaces: 2 });
    expect([l.admit(connect("/")), l.admit(connect("/a")), l.admit(connect("/a"))]).toEqual([
      true,
      true,
      true,
    ]);
    expect(l.admit(connect("/b"))).toBe(false);
    expect(l.refused.limit).toBe("namespaces");
    expect(l.admit(connect("/"))).toBe(true);
  });

  it("lets acks and disconnects through without counting them", () => {
    const l = limiter({ events: { perSecond: 0, burst: 1 } });
    expect(l.admit(event())).toBe(true);
    expect(l.admit({ type: PacketType.ACK, nsp: "/", id: 1, data: [] })).toBe(true);
    expect(l.admit({ type: PacketType.DISCONNECT, nsp: "/" })).toBe(true);
    expect(l.admit(event())).toBe(false);
  });
});

describe("resolveLimits", () => {
  it("applies the defaults, and false turns limits off", () => {
    const all = resolveLimits(undefined, "test")!;
    expect(all.events).toEqual({ perSecond: 1000, burst: 2000, action: "drop" });
    expect(all.connections).toEqual({ perSecond: 20, burst: 50, exemptLoopback: true });
    expect(resolveLimits(false, "test")).toBeUndefined();
    const some = resolveLimits(
      { events: false, pendingAcks: false, bytes: { burst: 10 } },
      "test",
    )!;
    expect(some.events).toBeUndefined();
    expect(some.pendingAcks).toBeUndefined();
    expect(some.bytes).toEqual({ perSecond: 1_000_000, burst: 10, action: "drop" });
  });

  it("names a bad option, its value and what was expected", () => {
    expect(() => resolveLimits({ events: { perSecnd: 3 } as never }, "new Server()")).toThrow(
      /limits.events: option "perSecnd".*did you mean "perSecond"/,
    );
    expect(() => resolveLimits({ events: { action: "ban" as never } }, "new Server()")).toThrow(
      /"action" is the string "ban", expected "drop" or "disconnect"/,
    );
    expect(() => resolveLimits({ pendingAcks: 0 }, "new Server()")).toThrow(/pendingAcks/);
    expect(() => resolveLimits({ rules: [{ limiter: {} as never }] }, "x")).toThrow(/consume/);
  });
});
