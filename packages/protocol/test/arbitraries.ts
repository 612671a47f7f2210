/** fast-check arbitraries for Socket.IO packets, shared by the property and oracle tests. */
import fc from "fast-check";
import { type Packet, PacketType, RESERVED_EVENTS } from "../src/index.js";

/** Namespaces both parsers agree on: "/" or "/" + printable chars without ",". */
export const nspArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant("/"),
  fc
    .array(
      fc.constantFrom("a", "b", "Z", "0", "9", "-", "_", "/", ".", "é", "😀", " ", "[", "{", '"'),
      {
        maxLength: 8,
      },
    )
    .map((chars) => `/${chars.join("")}`),
);

const primitiveArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);

const keyArb = fc.string({ maxLength: 6 }).filter((k) => k !== "__proto__");

const binaryArb: fc.Arbitrary<Uint8Array> = fc
  .uint8Array({ maxLength: 16 })
  .chain((bytes) => fc.constantFrom(bytes, Buffer.from(bytes)));

function treeArb(leaf: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown; arr: unknown[]; obj: Record<string, unknown> }>(
    (tie) => ({
      value: fc.oneof({ depthSize: "small", maxDepth: 4 }, leaf, tie("arr"), tie("obj")),
      arr: fc.array(tie("value"), { maxLength: 4 }),
      obj: fc.dictionary(keyArb, tie("value"), { maxKeys: 4, noNullPrototype: true }),
    }),
  );
  return value;
}

/** JSON-only values (what survives a JSON round trip unchanged). */
export const jsonArb = treeArb(primitiveArb);
/** Values that may hold Uint8Array / Buffer leaves anywhere. */
export const maybeBinaryArb = treeArb(
  fc.oneof({ weight: 4, arbitrary: primitiveArb }, { weight: 1, arbitrary: binaryArb }),
);

const eventNameArb: fc.Arbitrary<string | number> = fc.oneof(
  fc.string({ maxLength: 10 }).filter((s) => !RESERVED_EVENTS.has(s)),
  fc.constantFrom("chat:message", "move", "__proto__", "toString"),
  fc.nat(),
);
const idArb = fc.oneof(fc.nat(1000), fc.maxSafeNat(), fc.constant(Number.MAX_SAFE_INTEGER));
const objectArb = fc.dictionary(keyArb, jsonArb, { maxKeys: 4, noNullPrototype: true });

/** Valid packets of every type; `args` decides whether data may hold binary values. */
export function packetArb(args: fc.Arbitrary<unknown>): fc.Arbitrary<Packet> {
  const eventData = fc
    .tuple(eventNameArb, fc.array(args, { maxLength: 4 }))
    .map(([name, rest]) => [name, ...rest]);
  return fc.oneof(
    fc.record({ type: fc.constant(PacketType.CONNECT), nsp: nspArb }),
    fc.record({ type: fc.constant(PacketType.CONNECT), nsp: nspArb, data: objectArb }),
    fc.record({ type: fc.constant(PacketType.DISCONNECT), nsp: nspArb }),
    fc.record({ type: fc.constant(PacketType.EVENT), nsp: nspArb, data: eventData }),
    fc.record({ type: fc.constant(PacketType.EVENT), nsp: nspArb, id: idArb, data: eventData }),
    fc.record({
      type: fc.constant(PacketType.ACK),
      nsp: nspArb,
      id: idArb,
      data: fc.array(args, { maxLength: 4 }),
    }),
    fc.record({
      type: fc.constant(PacketType.CONNECT_ERROR),
      nsp: nspArb,
      data: fc.oneof(fc.string(), fc.record({ message: fc.string(), data: jsonArb })),
    }),
  );
}
