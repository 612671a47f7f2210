/** Hostile nesting: 100,000 levels are refused with ProtocolError or handled, never a stack overflow. */
import { describe, expect, it } from "vitest";
import { Decoder, encodePacket, hasBinary, type Packet, PacketType } from "../src/index.js";
import { argsOf, codeOf } from "./helpers.js";

const DEPTH = 100_000;

function nestedArrays(depth: number, leaf: unknown): unknown[] {
  let value: unknown[] = [leaf];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

function nestedObjects(depth: number, leaf: unknown): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe(`${DEPTH} levels deep`, () => {
  const deepArrays = nestedArrays(DEPTH, new Uint8Array(1));
  const deepObjects = nestedObjects(DEPTH, new Uint8Array(1));

  it("hasBinary walks it without recursion when allowed", () => {
    expect(hasBinary(deepArrays, Number.POSITIVE_INFINITY)).toBe(true);
    expect(hasBinary(deepObjects, Number.POSITIVE_INFINITY)).toBe(true);
    expect(hasBinary(nestedArrays(DEPTH, "x"), Number.POSITIVE_INFINITY)).toBe(false);
  });

  it("encodePacket refuses it with ProtocolError", () => {
    for (const arg of [deepArrays, deepObjects, nestedArrays(DEPTH, "x")]) {
      const packet: Packet = { type: PacketType.EVENT, nsp: "/", data: ["deep", arg] };
      expect(codeOf(() => encodePacket(packet))).toBe("MAX_DEPTH_EXCEEDED");
      expect(codeOf(() => encodePacket(packet, { maxDepth: Number.POSITIVE_INFINITY }))).toBe(
        "MAX_DEPTH_EXCEEDED",
      );
    }
    const text: Packet = {
      type: PacketType.EVENT,
      nsp: "/",
      data: ["deep", nestedArrays(DEPTH, 1)],
    };
    expect(codeOf(() => encodePacket(text, { knownText: true }))).toBe("MAX_DEPTH_EXCEEDED");
  });

  it("the decoder refuses it with MAX_DEPTH_EXCEEDED", () => {
    const arrays = `2["deep",${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}]`;
    const objects = `2["deep",${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}]`;
    const binary = `51-["deep",${"[".repeat(DEPTH)}{"_placeholder":true,"num":0}${"]".repeat(DEPTH)}]`;
    for (const text of [arrays, objects, binary]) {
      expect(codeOf(() => new Decoder().add(text))).toBe("MAX_DEPTH_EXCEEDED");
    }
  });

  it("the decoder handles it or refuses it with ProtocolError when maxDepth is lifted", () => {
    const decoder = new Decoder({ maxDepth: Number.POSITIVE_INFINITY });
    const binary = `51-["deep",${"[".repeat(DEPTH)}{"_placeholder":true,"num":0}${"]".repeat(DEPTH)}]`;
    let packet: Packet | undefined;
    try {
      decoder.add(binary);
      packet = decoder.add(new Uint8Array([7]));
    } catch (err) {
      expect(
        codeOf(() => {
          throw err;
        }),
      ).not.toBe("other error");
      return;
    }
    let node: unknown = argsOf(packet)[1];
    let levels = 0;
    while (Array.isArray(node)) {
      node = node[0];
      levels++;
    }
    expect(levels).toBe(DEPTH);
    expect(node).toEqual(new Uint8Array([7]));
  });

  it("accepts exactly maxDepth levels and refuses one more", () => {
    const at = (d: number) => `2${JSON.stringify(["x", nestedArrays(d - 1, 1)])}`;
    // data array itself is level 1
    expect(new Decoder({ maxDepth: 1000 }).add(at(1000))).toBeDefined();
    expect(codeOf(() => new Decoder({ maxDepth: 1000 }).add(at(1001)))).toBe("MAX_DEPTH_EXCEEDED");
    // brackets inside strings do not count
    const inString = `2["x","${"[".repeat(5000)}"]`;
    expect(new Decoder().add(inString)).toBeDefined();
    const escaped = `2["x","\\"${"[".repeat(5000)}"]`;
    expect(new Decoder().add(escaped)).toBeDefined();
  });
});
