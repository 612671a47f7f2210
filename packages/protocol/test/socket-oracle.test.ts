/** Byte-for-byte agreement with the official socket.io-parser, in both directions. */
import fc from "fast-check";
import * as official from "socket.io-parser";
import { describe, expect, it } from "vitest";
import { Decoder, encodePacket, type Packet, PacketType } from "../src/index.js";
import { jsonArb, maybeBinaryArb, packetArb } from "./arbitraries.js";

type Part = string | Uint8Array;

function officialEncode(packet: Packet): Part[] {
  return new official.Encoder().encode({ ...packet } as official.Packet) as Part[];
}

function officialDecode(parts: readonly unknown[]): unknown {
  const decoder = new official.Decoder({ maxAttachments: 1000 });
  let result: unknown;
  decoder.on("decoded", (packet: unknown) => {
    result = packet;
  });
  for (const part of parts) decoder.add(part);
  return result;
}

function ourDecode(parts: readonly unknown[]): Packet | undefined {
  const decoder = new Decoder({ maxAttachments: 1000 });
  let result: Packet | undefined;
  for (const part of parts) result = decoder.add(part as Part);
  return result;
}

/** The official decoder reports binary packets as EVENT / ACK, like ours. */
function expectedDecoded(packet: Packet): Packet {
  const out: Packet = { type: packet.type, nsp: packet.nsp };
  if (packet.id !== undefined) out.id = packet.id;
  if (packet.data !== undefined) out.data = packet.data;
  return out;
}

describe("Socket.IO oracle: socket.io-parser", () => {
  it("encodes text packets to exactly the official string", () => {
    fc.assert(
      fc.property(packetArb(jsonArb), (packet) => {
        expect(encodePacket(packet)).toEqual(officialEncode(packet));
      }),
      { numRuns: 1000 },
    );
  });

  it("encodes binary packets to exactly the official string and attachments", () => {
    fc.assert(
      fc.property(packetArb(maybeBinaryArb), (packet) => {
        const ours = encodePacket(packet);
        const theirs = officialEncode(packet);
        expect(ours[0]).toBe(theirs[0]);
        expect(ours.length).toBe(theirs.length);
        for (let i = 1; i < ours.length; i++) expect(ours[i]).toBe(theirs[i]);
      }),
      { numRuns: 1000 },
    );
  });

  it("the official decoder reads our output as the original packet", () => {
    fc.assert(
      fc.property(packetArb(maybeBinaryArb), (packet) => {
        expect(officialDecode(encodePacket(packet))).toEqual(expectedDecoded(packet));
      }),
      { numRuns: 1000 },
    );
  });

  it("we read the official output as the original packet", () => {
    fc.assert(
      fc.property(packetArb(maybeBinaryArb), (packet) => {
        expect(ourDecode(officialEncode(packet))).toEqual(expectedDecoded(packet));
      }),
      { numRuns: 1000 },
    );
  });

  it("decodes every string we accept exactly as the official decoder does", () => {
    const unit = fc.constantFrom(...'0123456-/,[]{}":a1 .e'.split(""));
    const textArb = fc.oneof(
      fc.string({ unit, maxLength: 14 }),
      fc
        .tuple(
          fc.constantFrom("0", "1", "2", "3", "4", "2/a,", "31", "21/b,"),
          fc.string({ unit, maxLength: 10 }),
        )
        .map(([head, tail]) => head + tail),
    );
    let accepted = 0;
    fc.assert(
      fc.property(textArb, (text) => {
        let ours: Packet | undefined;
        try {
          ours = ourDecode([text]);
        } catch {
          return;
        }
        if (ours === undefined) return; // a binary header: covered by the tests above
        accepted++;
        expect(officialDecode([text])).toEqual(ours);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it("agrees on fixed examples from the protocol documentation", () => {
    const examples: Packet[] = [
      { type: PacketType.CONNECT, nsp: "/" },
      { type: PacketType.CONNECT, nsp: "/admin", data: { token: "123" } },
      { type: PacketType.CONNECT, nsp: "/", data: { sid: "oSO0OpakMV_3jnilAAAA" } },
      { type: PacketType.CONNECT_ERROR, nsp: "/", data: { message: "Not authorized" } },
      { type: PacketType.DISCONNECT, nsp: "/admin" },
      { type: PacketType.EVENT, nsp: "/", data: ["foo"] },
      { type: PacketType.EVENT, nsp: "/admin", data: ["bar"] },
      { type: PacketType.EVENT, nsp: "/", id: 12, data: ["foo"] },
      { type: PacketType.ACK, nsp: "/admin", id: 13, data: ["bar"] },
      { type: PacketType.EVENT, nsp: "/", data: ["baz", Buffer.from([1, 2, 3])] },
      { type: PacketType.ACK, nsp: "/admin", id: 15, data: ["bar", Buffer.from([1, 2, 3])] },
    ];
    for (const packet of examples) {
      expect(encodePacket(packet)).toEqual(officialEncode(packet));
      expect(ourDecode(officialEncode(packet))).toEqual(expectedDecoded(packet));
    }
    expect(encodePacket(examples[9]!)[0]).toBe('51-["baz",{"_placeholder":true,"num":0}]');
    expect(encodePacket(examples[10]!)[0]).toBe(
      '61-/admin,15["bar",{"_placeholder":true,"num":0}]',
    );
  });
});
