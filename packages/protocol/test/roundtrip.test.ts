/** Property tests: everything we encode, we decode back to the same value. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Decoder,
  decodeEnginePacket,
  decodePayload,
  type EnginePacket,
  encodeEnginePacket,
  encodePacket,
  encodePayload,
  encodePollingPacket,
  type Packet,
  PacketType,
} from "../src/index.js";
import { maybeBinaryArb, packetArb } from "./arbitraries.js";
import { argsOf } from "./helpers.js";

function roundTrip(packet: Packet): Packet | undefined {
  const decoder = new Decoder({ maxAttachments: 1000 });
  let out: Packet | undefined;
  const parts = encodePacket(packet);
  for (let i = 0; i < parts.length; i++) {
    out = decoder.add(parts[i] as string | Uint8Array);
    if (i < parts.length - 1) expect(out).toBeUndefined();
  }
  return out;
}

describe("round trips", () => {
  it("Socket.IO packets, with and without binary", () => {
    fc.assert(
      fc.property(packetArb(maybeBinaryArb), (packet) => {
        const expected: Packet = { type: packet.type, nsp: packet.nsp };
        if (packet.id !== undefined) expected.id = packet.id;
        if (packet.data !== undefined) expected.data = packet.data;
        expect(roundTrip(packet)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("own __proto__ keys, with binary values under them, without touching prototypes", () => {
    const data = JSON.parse(
      '["ev",{"__proto__":{"deep":{"__proto__":1}}},[{"__proto__":0}]]',
    ) as unknown[];
    const bin = new Uint8Array([1, 2]);
    Object.defineProperty(data[2] as unknown[], 0, {
      value: JSON.parse('{"__proto__":null}'),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    Object.defineProperty((data[2] as unknown[])[0] as object, "__proto__", {
      value: bin,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const out = roundTrip({ type: PacketType.EVENT, nsp: "/", data });
    expect(out?.data).toEqual(data);
    const holder = (argsOf(out)[2] as unknown[])[0] as object;
    expect(Object.getPrototypeOf(holder)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(holder, "__proto__")?.value).toBe(bin);
    expect(({} as Record<string, unknown>).deep).toBeUndefined();
  });

  it("every safe integer ack id, exactly", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (id) => {
        expect(roundTrip({ type: PacketType.EVENT, nsp: "/", id, data: ["a"] })?.id).toBe(id);
        expect(roundTrip({ type: PacketType.ACK, nsp: "/x", id, data: [] })?.id).toBe(id);
      }),
      { numRuns: 500 },
    );
    for (const id of [0, 1, 9, 10, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER]) {
      expect(roundTrip({ type: PacketType.EVENT, nsp: "/", id, data: [1] })?.id).toBe(id);
    }
  });

  it("Engine.IO packets over WebSocket and polling", () => {
    const packetArb: fc.Arbitrary<EnginePacket> = fc.oneof(
      fc.record({
        type: fc.constantFrom("open", "close", "ping", "pong", "message", "upgrade", "noop"),
        data: fc.string({ unit: "grapheme", minLength: 1 }),
      }),
      fc.uint8Array().map((data) => ({ type: "message" as const, data })),
    );
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 5 }), (packets) => {
        const clean = packets.filter((p) => typeof p.data !== "string" || !p.data.includes("\x1e"));
        if (clean.length === 0) return;
        for (const packet of clean) {
          expect(decodeEnginePacket(encodeEnginePacket(packet))).toEqual(packet);
          expect(decodeEnginePacket(encodePollingPacket(packet))).toEqual(packet);
        }
        expect(decodePayload(encodePayload(clean))).toEqual(clean);
      }),
      { numRuns: 500 },
    );
  });
});
