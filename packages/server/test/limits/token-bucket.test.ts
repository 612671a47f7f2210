import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { AddressLimiter, clientAddress } from "../../src/engine/index.js";
import { fullBucket, isFull, take } from "../../src/limits/token-bucket.js";

describe("token bucket (fake clock)", () => {
  const rate = { perSecond: 10, burst: 3 };

  it("takes up to the burst at once, then refills at the rate", () => {
    const bucket = fullBucket(rate, 0);
    expect([take(bucket, rate, 1, 0), take(bucket, rate, 1, 0), take(bucket, rate, 1, 0)]).toEqual([
      0, 0, 0,
    ]);
    expect(take(bucket, rate, 1, 0)).toBe(100); // one token every 100 ms
    expect(take(bucket, rate, 1, 50)).toBe(50);
    expect(take(bucket, rate, 1, 100)).toBe(0);
    expect(take(bucket, rate, 1, 100)).toBe(100);
  });

  it("never refills past the burst, and refuses without taking", () => {
    const bucket = fullBucket(rate, 0);
    expect(take(bucket, rate, 3, 10_000)).toBe(0);
    expect(take(bucket, rate, 2, 10_000)).toBe(200);
    expect(bucket.tokens).toBe(0);
  });

  it("caps a cost larger than the bucket at the burst", () => {
    const bucket = fullBucket(rate, 0);
    expect(take(bucket, rate, 50, 0)).toBe(0);
    expect(take(bucket, rate, 50, 0)).toBe(300);
  });

  it("knows when an idle bucket is full again", () => {
    const bucket = fullBucket(rate, 0);
    take(bucket, rate, 3, 0);
    expect(isFull(bucket, rate, 200)).toBe(false);
    expect(isFull(bucket, rate, 300)).toBe(true);
  });
});

function request(peer: string, headers: Record<string, string | string[]> = {}): IncomingMessage {
  return { headers, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
}

describe("AddressLimiter (fake clock)", () => {
  it("counts handshakes per address and reports refusals", () => {
    let now = 0;
    const refused: [string, number][] = [];
    const limiter = new AddressLimiter({
      perSecond: 1,
      burst: 2,
      trustProxy: false,
      now: () => now,
      onLimited: (address, ms) => refused.push([address, ms]),
    });
    const a = request("10.0.0.1");
    expect([limiter.admit(a), limiter.admit(a), limiter.admit(a)]).toEqual([0, 0, 1000]);
    expect(limiter.admit(request("10.0.0.2"))).toBe(0);
    expect(refused).toEqual([["10.0.0.1", 1000]]);
    now = 1000;
    expect(limiter.admit(a)).toBe(0);
  });

  it("forgets idle addresses on a later use (no timer)", () => {
    let now = 0;
    const limiter = new AddressLimiter({
      perSecond: 10,
      burst: 1,
      trustProxy: false,
      now: () => now,
    });
    for (let i = 0; i < 100; i++) limiter.admit(request(`10.0.1.${i}`));
    expect(limiter.size).toBe(100);
    now = 60_000;
    limiter.admit(request("10.0.2.1"));
    expect(limiter.size).toBe(1);
  });

  it("exempts loopback peers when asked", () => {
    const limiter = new AddressLimiter({
      perSecond: 0,
      burst: 1,
      trustProxy: false,
      exemptLoopback: true,
    });
    for (const peer of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect([limiter.admit(request(peer)), limiter.admit(request(peer))]).toEqual([0, 0]);
    }
    expect(limiter.admit(request("10.0.0.9"))).toBe(0);
    expect(limiter.admit(request("10.0.0.9"))).toBeGreaterThan(0);
  });

  it("reads the trusted proxy header's last entry, else the peer", () => {
    const header = "x-forwarded-for";
    expect(clientAddress(request("127.0.0.1", { [header]: "1.1.1.1, 203.0.113.7" }), header)).toBe(
      "203.0.113.7",
    );
    expect(clientAddress(request("127.0.0.1", { [header]: "1.1.1.1" }), false)).toBe("127.0.0.1");
    expect(clientAddress(request("127.0.0.1"), header)).toBe("127.0.0.1");
  });
});
