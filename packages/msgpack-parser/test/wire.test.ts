/**
 * Wire compatibility with the official `socket.io-msgpack-parser`, by property: for any valid
 * packet our Encoder writes the same bytes as the official one, and each side's Decoder reads
 * what the other wrote back to the same packet. Plus strictness: bad input throws a typed
 * error, never anything else.
 */
import { ProtocolError } from "@volley/protocol";
import fc from "fast-check";
import official from "socket.io-msgpack-parser";
import { describe, expect, it } from "vitest";
import { Decoder, Encoder, MsgpackParserError } from "../src/index.js";

type WirePacket = { type: number; data?: unknown; nsp: string; id?: number };

// msgpack-safe values: no undefined inside containers (msgpack has none), plain objects
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string(),
    fc.integer(),
    // notepack (official parser too) writes integral doubles ≥ 2^64 as uint64 and reads 0: a known limit
    // and -0 as the integer 0 (both parsers): it comes back as 0, so round trips start from 0
    fc
      .double({ noNaN: true, min: -(2 ** 53), max: 2 ** 53 })
      .map((x) => (Object.is(x, -0) ? 0 : x)),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a)),
  ),
  node: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(
      fc.string().filter((k) => k !== "__proto__"),
      tie("node"),
      { maxKeys: 4 },
    ),
  ),
})).node;

const nsp = fc.oneof(fc.constant("/"), fc.stringMatching(/^\/[a-z0-9_-]{1,12}$/));
const eventName = fc
  .string({ minLength: 1 })
  .filter(
    (s) =>
      ![
        "connect",
        "connect_error",
        "disconnect",
        "disconnecting",
        "newListener",
        "removeListener",
      ].includes(s),
  );
const ackId = fc.nat({ max: 2 ** 31 });

const packet: fc.Arbitrary<WirePacket> = fc.oneof(
  fc.record({
    type: fc.constant(0),
    nsp,
    data: fc.dictionary(
      fc.string().filter((k) => k !== "__proto__"),
      value,
      { maxKeys: 3 },
    ),
  }),
  fc.record({ type: fc.constant(1), nsp }),
  fc.record(
    {
      type: fc.constant(2),
      data: fc.tuple(eventName, fc.array(value, { maxLength: 4 })).map(([e, a]) => [e, ...a]),
      nsp,
      id: ackId,
    },
    { requiredKeys: ["type", "data", "nsp"] },
  ),
  fc.record({ type: fc.constant(3), data: fc.array(value, { maxLength: 4 }), nsp, id: ackId }),
  fc.record({ type: fc.constant(4), nsp, data: fc.record({ message: fc.string() }) }),
);

/** The official encoder (its typings say ArrayBuffer; it returns `[Buffer]`). */
function officialEncode(packet: unknown): Buffer[] {
  return new official.Encoder().encode(packet) as unknown as Buffer[];
}

function canonical(p: WirePacket): WirePacket {
  const out: WirePacket =
    p.data === undefined
      ? { type: p.type, nsp: p.nsp }
      : { type: p.type, data: p.data, nsp: p.nsp };
  if (p.id !== undefined) out.id = p.id;
  return out;
}

function decodeWith(
  decoder: { add(c: unknown): void; on(e: "decoded", l: (p: unknown) => void): unknown },
  frame: unknown,
): unknown {
  let out: unknown;
  decoder.on("decoded", (p) => {
    out = p;
  });
  decoder.add(frame);
  return out;
}

describe("wire compatibility with socket.io-msgpack-parser", () => {
  it("encodes byte for byte as the official encoder", () => {
    fc.assert(
      fc.property(packet, (p) => {
        const [ours] = new Encoder().encode(p as never);
        // socket.io builds its packets as { type, data, nsp, id } (insertion order is map order)
        const [theirs] = officialEncode(canonical(p) as never);
        expect(Buffer.from(ours as Uint8Array).equals(Buffer.from(theirs as Uint8Array))).toBe(
          true,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("decodes what the official encoder wrote, and the official decoder reads ours", () => {
    fc.assert(
      fc.property(packet, (p) => {
        const [theirs] = officialEncode(p as never);
        expect(decodeWith(new Decoder(), theirs)).toEqual(p);
        const [ours] = new Encoder().encode(p as never);
        expect(decodeWith(new official.Decoder(), ours)).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it("writes only the protocol fields, in socket.io's order", () => {
    const extra = { type: 2, nsp: "/", data: ["a"], attachments: 0, options: { compress: true } };
    const [ours] = new Encoder().encode(extra as never);
    const [theirs] = officialEncode({ type: 2, data: ["a"], nsp: "/" } as never);
    expect(Buffer.from(ours as Uint8Array).equals(Buffer.from(theirs as Uint8Array))).toBe(true);
  });

  it("reads ArrayBuffer and Uint8Array views as well as Buffers", () => {
    const [frame] = new Encoder().encode({ type: 2, nsp: "/x", data: ["e", 1], id: 4 });
    const buf = frame as Buffer;
    const copy = new Uint8Array(buf.byteLength + 3);
    copy.set(buf, 3);
    const view = copy.subarray(3);
    const arrayBuffer = copy.slice(3).buffer;
    for (const chunk of [buf, view, arrayBuffer]) {
      expect(decodeWith(new Decoder(), chunk)).toEqual({
        type: 2,
        nsp: "/x",
        data: ["e", 1],
        id: 4,
      });
    }
  });
});

describe("strict decoding", () => {
  const encode = (v: unknown) => officialEncode(v)[0];
  const cases: [string, unknown, new (...a: never[]) => Error][] = [
    ["a text message", '2["hi"]', MsgpackParserError],
    ["truncated bytes", Buffer.from([0x83, 0xa4]), MsgpackParserError],
    [
      "trailing bytes",
      Buffer.concat([encode({ type: 1, nsp: "/" }) as Buffer, Buffer.from([0])]),
      MsgpackParserError,
    ],
    ["not a map", encode([2, "/", ["x"]]), ProtocolError],
    ["an unknown type", encode({ type: 9, nsp: "/", data: ["x"] }), ProtocolError],
    ["a BINARY_EVENT type", encode({ type: 5, nsp: "/", data: ["x"] }), ProtocolError],
    ["a namespace without /", encode({ type: 2, nsp: "chat", data: ["x"] }), ProtocolError],
    ["a namespace that is not a string", encode({ type: 2, nsp: 7, data: ["x"] }), ProtocolError],
    ["EVENT data not an array", encode({ type: 2, nsp: "/", data: "x" }), ProtocolError],
    ["EVENT with an empty array", encode({ type: 2, nsp: "/", data: [] }), ProtocolError],
    ["EVENT named with an object", encode({ type: 2, nsp: "/", data: [{}] }), ProtocolError],
    ["a reserved event", encode({ type: 2, nsp: "/", data: ["connect"] }), ProtocolError],
    ["a negative ack id", encode({ type: 2, nsp: "/", data: ["x"], id: -1 }), ProtocolError],
    ["a fractional ack id", encode({ type: 2, nsp: "/", data: ["x"], id: 1.5 }), ProtocolError],
    ["an ACK without id", encode({ type: 3, nsp: "/", data: [] }), ProtocolError],
    ["CONNECT data an array", encode({ type: 0, nsp: "/", data: [1] }), ProtocolError],
    ["DISCONNECT with data", encode({ type: 1, nsp: "/", data: 1 }), ProtocolError],
  ];
  it.each(cases)("refuses %s with a typed error", (_name, chunk, ErrorType) => {
    const decoder = new Decoder();
    let decoded = false;
    decoder.on("decoded", () => {
      decoded = true;
    });
    expect(() => decoder.add(chunk)).toThrow(ErrorType);
    expect(decoded).toBe(false);
  });

  it("throws only typed errors on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          new Decoder().add(Buffer.from(bytes));
        } catch (err) {
          expect(err instanceof MsgpackParserError || err instanceof ProtocolError).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("typed arrays in browsers (notepack's browser build writes only ArrayBuffer as bin)", () => {
  it("swaps views for ArrayBuffers of exactly their bytes, copying only what leads to one", async () => {
    const { viewsToArrayBuffers } = await import("../src/browser-binary.js");
    const backing = new Uint8Array([9, 1, 2, 3, 9]);
    const untouched = { a: [1, "x", { b: true }] };
    const data = ["e", { bytes: backing.subarray(1, 4), keep: untouched }, new ArrayBuffer(2)];
    const out = viewsToArrayBuffers(data) as [
      string,
      { bytes: ArrayBuffer; keep: unknown },
      unknown,
    ];
    expect(out).not.toBe(data);
    expect(out[1].bytes).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(out[1].bytes)]).toEqual([1, 2, 3]);
    expect(out[1].keep).toBe(untouched);
    expect(out[2]).toBe(data[2]);
    expect((data[1] as { bytes: unknown }).bytes).toBeInstanceOf(Uint8Array); // the app's data is intact
    expect(viewsToArrayBuffers(untouched)).toBe(untouched);
  });
});
