/** Byte-for-byte agreement with the official engine.io-parser, in both directions. */
import * as official from "engine.io-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeEnginePacket,
  decodePayload,
  type EnginePacket,
  type EnginePacketType,
  encodeEnginePacket,
  encodePayload,
  encodePollingPacket,
} from "../src/index.js";

type OfficialPacket = Parameters<typeof official.encodePacket>[0];

const typeArb = fc.constantFrom<EnginePacketType>(
  "open",
  "close",
  "ping",
  "pong",
  "message",
  "upgrade",
  "noop",
);
// Payload data may not contain the record separator (neither parser escapes it).
const textArb = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\x1e"));
const textPacketArb: fc.Arbitrary<EnginePacket> = fc.oneof(
  typeArb.map((type) => ({ type })),
  fc.record({ type: typeArb, data: textArb.filter((s) => s.length > 0) }),
);
const binaryPacketArb: fc.Arbitrary<EnginePacket> = fc
  .uint8Array({ maxLength: 64 })
  .map((data) => ({ type: "message", data }));
const packetArb = fc.oneof(textPacketArb, binaryPacketArb);

function officialEncode(packet: EnginePacket, supportsBinary: boolean): unknown {
  let out: unknown;
  official.encodePacket(packet as OfficialPacket, supportsBinary, (encoded) => {
    out = encoded;
  });
  return out;
}

function officialEncodePayload(packets: EnginePacket[]): string {
  let out = "";
  official.encodePayload(packets as OfficialPacket[], (encoded) => {
    out = encoded;
  });
  return out;
}

/** Packets with binary data as plain byte arrays, for comparison. */
function normalize(packet: { type: string; data?: unknown }): unknown {
  const data = packet.data;
  if (data instanceof Uint8Array) return { type: packet.type, data: Array.from(data) };
  return data === undefined ? { type: packet.type } : { type: packet.type, data };
}

describe("Engine.IO oracle: engine.io-parser", () => {
  it("encodes every packet exactly as the official parser (WebSocket and polling)", () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        expect(encodeEnginePacket(packet)).toBe(officialEncode(packet, true));
        expect(encodePollingPacket(packet)).toBe(officialEncode(packet, false));
      }),
      { numRuns: 500 },
    );
  });

  it("decodes what the official parser encodes", () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        for (const supportsBinary of [true, false]) {
          const wire = officialEncode(packet, supportsBinary) as string | Uint8Array;
          expect(normalize(decodeEnginePacket(wire))).toEqual(normalize(packet));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("produces text the official parser decodes to the same packet", () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        const ours = encodePollingPacket(packet);
        expect(normalize(official.decodePacket(ours))).toEqual(normalize(packet));
        expect(normalize(official.decodePacket(ours))).toEqual(normalize(decodeEnginePacket(ours)));
      }),
      { numRuns: 500 },
    );
  });

  it("encodes and decodes polling payloads exactly as the official parser", () => {
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 8 }), (packets) => {
        const ours = encodePayload(packets);
        expect(ours).toBe(officialEncodePayload(packets));
        expect(official.decodePayload(ours).map(normalize)).toEqual(packets.map(normalize));
        expect(decodePayload(ours).map(normalize)).toEqual(packets.map(normalize));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees on fixed examples", () => {
    const packets: EnginePacket[] = [
      { type: "open", data: '{"sid":"x"}' },
      { type: "message", data: "héllo 🌍" },
      { type: "message", data: Buffer.from("binary") },
      { type: "ping", data: "probe" },
      { type: "noop" },
    ];
    expect(encodePayload(packets)).toBe(officialEncodePayload(packets));
  });

  it("rejects what the official parser reports as an error", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (text) => {
        const theirs = official.decodePacket(text);
        if ((theirs.type as string) === "error") {
          expect(() => decodeEnginePacket(text)).toThrow();
        }
      }),
      { numRuns: 1000 },
    );
  });
});
