import { describe, expect, it } from "vitest";
import { DEFAULTS, Decoder, encodePacket, type Packet, PacketType } from "../src/index.js";
import { argsOf, codeOf } from "./helpers.js";

function decode(text: string): Packet | undefined {
  return new Decoder().add(text);
}

describe("Decoder: text packets", () => {
  it.each<[string, Packet]>([
    ["0", { type: PacketType.CONNECT, nsp: "/" }],
    ["0/custom", { type: PacketType.CONNECT, nsp: "/custom" }],
    ["0/custom,", { type: PacketType.CONNECT, nsp: "/custom" }],
    ['0/custom,{"token":"t"}', { type: PacketType.CONNECT, nsp: "/custom", data: { token: "t" } }],
    ['0{"sid":"s"}', { type: PacketType.CONNECT, nsp: "/", data: { sid: "s" } }],
    ["0/,", { type: PacketType.CONNECT, nsp: "/" }],
    ["1", { type: PacketType.DISCONNECT, nsp: "/" }],
    ["1/chat,", { type: PacketType.DISCONNECT, nsp: "/chat" }],
    ['2["a"]', { type: PacketType.EVENT, nsp: "/", data: ["a"] }],
    ["2[1,2]", { type: PacketType.EVENT, nsp: "/", data: [1, 2] }],
    ['20["a"]', { type: PacketType.EVENT, nsp: "/", id: 0, data: ["a"] }],
    [
      '2/a,123["b",{"c":null}]',
      { type: PacketType.EVENT, nsp: "/a", id: 123, data: ["b", { c: null }] },
    ],
    ['2/a/b.c-d_é,["x"]', { type: PacketType.EVENT, nsp: "/a/b.c-d_é", data: ["x"] }],
    ["37[]", { type: PacketType.ACK, nsp: "/", id: 7, data: [] }],
    ['3/x,007["y"]', { type: PacketType.ACK, nsp: "/x", id: 7, data: ["y"] }],
    ['4{"message":"m"}', { type: PacketType.CONNECT_ERROR, nsp: "/", data: { message: "m" } }],
    [
      '4/a,"Invalid namespace"',
      { type: PacketType.CONNECT_ERROR, nsp: "/a", data: "Invalid namespace" },
    ],
    [
      `2${Number.MAX_SAFE_INTEGER}["a"]`,
      { type: PacketType.EVENT, nsp: "/", id: Number.MAX_SAFE_INTEGER, data: ["a"] },
    ],
  ])("%s", (text, packet) => {
    expect(decode(text)).toEqual(packet);
  });

  it("does not set absent fields", () => {
    expect(Object.keys(decode("0") as object)).toEqual(["type", "nsp"]);
  });
});

describe("Decoder: validation", () => {
  it.each<[string, string]>([
    ["", "INVALID_PACKET_TYPE"],
    ["7", "INVALID_PACKET_TYPE"],
    ["a", "INVALID_PACKET_TYPE"],
    ["/", "INVALID_PACKET_TYPE"],
    [" 2", "INVALID_PACKET_TYPE"],
    ['2/a\u0000,["x"]', "INVALID_NAMESPACE"],
    ['2/a\n,["x"]', "INVALID_NAMESPACE"],
    ['2-1["a"]', "INVALID_ACK_ID"],
    ['21.5["a"]', "INVALID_ACK_ID"],
    ['21e3["a"]', "INVALID_ACK_ID"],
    ['2E3["a"]', "INVALID_JSON"],
    [`2${Number.MAX_SAFE_INTEGER + 1}["a"]`, "INVALID_ACK_ID"],
    ['29999999999999999999999["a"]', "INVALID_ACK_ID"],
    ["3[]", "INVALID_ACK_ID"],
    ['01{"a":1}', "INVALID_ACK_ID"],
    ["11", "INVALID_ACK_ID"],
    ['41"x"', "INVALID_ACK_ID"],
    ['2 1["a"]', "INVALID_JSON"],
    ['2["a"', "INVALID_JSON"],
    ["0 {}", "INVALID_JSON"],
    ['2 ["a"]', "INVALID_JSON"],
    ['2\n["a"]', "INVALID_JSON"],
    ['21 ["a"]', "INVALID_JSON"],
    ['2/a, ["a"]', "INVALID_JSON"],
    ["2{", "INVALID_JSON"],
    ["2x", "INVALID_JSON"],
    ["0/a,x", "INVALID_JSON"],
    ["2", "INVALID_PAYLOAD"],
    ["2[]", "INVALID_PAYLOAD"],
    ['2"a"', "INVALID_PAYLOAD"],
    ['2{"a":1}', "INVALID_PAYLOAD"],
    ["2[null]", "INVALID_PAYLOAD"],
    ["2[true]", "INVALID_PAYLOAD"],
    ['2[["a"]]', "INVALID_PAYLOAD"],
    ["2/chat", "INVALID_PAYLOAD"],
    ['2/chat["a"]', "INVALID_PAYLOAD"],
    ['2["connect"]', "RESERVED_EVENT"],
    ['2["connect_error"]', "RESERVED_EVENT"],
    ['2["disconnect"]', "RESERVED_EVENT"],
    ['2["disconnecting"]', "RESERVED_EVENT"],
    ['2["newListener"]', "RESERVED_EVENT"],
    ['2/a,1["removeListener"]', "RESERVED_EVENT"],
    ["31", "INVALID_PAYLOAD"],
    ["31{}", "INVALID_PAYLOAD"],
    ['31"a"', "INVALID_PAYLOAD"],
    ["0[]", "INVALID_PAYLOAD"],
    ['0"a"', "INVALID_PAYLOAD"],
    ["0null", "INVALID_PAYLOAD"],
    ["0/a,5", "INVALID_ACK_ID"],
    ["1{}", "INVALID_PAYLOAD"],
    ["1/a,[]", "INVALID_PAYLOAD"],
    ["4", "INVALID_PAYLOAD"],
    ["4[]", "INVALID_PAYLOAD"],
    ["4null", "INVALID_PAYLOAD"],
    ["5", "INVALID_ATTACHMENTS"],
    ["5-", "INVALID_ATTACHMENTS"],
    ['5-["a"]', "INVALID_ATTACHMENTS"],
    ['50-["a"]', "INVALID_ATTACHMENTS"],
    ['5a-["a"]', "INVALID_ATTACHMENTS"],
    ['51["a"]', "INVALID_ATTACHMENTS"],
    ['511-["a"]', "TOO_MANY_ATTACHMENTS"],
    ['599999999999999999999999-["a"]', "TOO_MANY_ATTACHMENTS"],
    ["51-[]", "INVALID_PAYLOAD"],
    ['51-["a",{"_placeholder":true,"num":1}]', "INVALID_PLACEHOLDER"],
    ['51-["a",{"_placeholder":true,"num":-1}]', "INVALID_PLACEHOLDER"],
    ['51-["a",{"_placeholder":true,"num":0.5}]', "INVALID_PLACEHOLDER"],
    ['51-["a",{"_placeholder":true,"num":"0"}]', "INVALID_PLACEHOLDER"],
    ['51-["a",{"_placeholder":true}]', "INVALID_PLACEHOLDER"],
    ['51-["a",{"x":[{"_placeholder":true,"num":1e400}]}]', "INVALID_PLACEHOLDER"],
    ['61-["a"]', "INVALID_ACK_ID"],
    ['61-1{"a":1}', "INVALID_PAYLOAD"],
  ])("%j -> %s", (text, code) => {
    expect(codeOf(() => decode(text))).toBe(code);
  });

  it("limits attachments with maxAttachments", () => {
    expect(DEFAULTS.maxAttachments).toBe(10);
    expect(new Decoder().add('510-["a"]')).toBeUndefined();
    expect(new Decoder({ maxAttachments: 2 }).add('52-["a"]')).toBeUndefined();
    expect(codeOf(() => new Decoder({ maxAttachments: 2 }).add('53-["a"]'))).toBe(
      "TOO_MANY_ATTACHMENTS",
    );
  });

  it("never sets an own prototype from a __proto__ key", () => {
    const packet = decode('2["a",{"__proto__":{"polluted":true}}]');
    const arg = argsOf(packet)[1] as Record<string, unknown>;
    expect(Object.getPrototypeOf(arg)).toBe(Object.prototype);
    expect(Object.hasOwn(arg, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("Decoder: binary packets", () => {
  it("reassembles a binary event from its attachments", () => {
    const decoder = new Decoder();
    expect(
      decoder.add(
        '52-/files,4["up",{"_placeholder":true,"num":1},[{"_placeholder":true,"num":0}]]',
      ),
    ).toBe(undefined);
    expect(decoder.pending).toBe(true);
    const first = Buffer.from([1]);
    const second = new Uint8Array([2]);
    expect(decoder.add(first)).toBeUndefined();
    const packet = decoder.add(second);
    expect(decoder.pending).toBe(false);
    expect(packet).toEqual({
      type: PacketType.EVENT,
      nsp: "/files",
      id: 4,
      data: ["up", second, [first]],
    });
    const data = packet?.data as unknown[];
    expect(data[1]).toBe(second);
    expect((data[2] as unknown[])[0]).toBe(first);
  });

  it("returns BINARY_ACK as ACK", () => {
    const decoder = new Decoder();
    decoder.add('61-3[{"_placeholder":true,"num":0}]');
    const buf = new Uint8Array([9]);
    expect(decoder.add(buf)).toEqual({ type: PacketType.ACK, nsp: "/", id: 3, data: [buf] });
  });

  it("gives Uint8Array views over ArrayBuffer and other views without copying", () => {
    const decoder = new Decoder();
    decoder.add('52-["a",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
    const ab = new Uint8Array([1, 2]).buffer;
    const view = new Uint16Array([1, 2, 3]).subarray(1);
    decoder.add(ab);
    const data = decoder.add(view)?.data as Uint8Array[];
    expect(data[1]).toBeInstanceOf(Uint8Array);
    expect(data[1]?.buffer).toBe(ab);
    expect(data[2]?.buffer).toBe(view.buffer);
    expect(data[2]?.byteOffset).toBe(2);
    expect(data[2]?.byteLength).toBe(4);
  });

  it("puts an attachment under an own __proto__ key without touching prototypes", () => {
    const decoder = new Decoder();
    decoder.add('51-["a",{"__proto__":{"_placeholder":true,"num":0}}]');
    const buf = new Uint8Array([1]);
    const arg = argsOf(decoder.add(buf))[1] as Record<string, unknown>;
    expect(Object.getPrototypeOf(arg)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(arg, "__proto__")?.value).toBe(buf);
    expect(({} as Record<string, unknown>)[0]).toBeUndefined();
  });

  it("allows unused attachments and repeated placeholders", () => {
    const decoder = new Decoder();
    decoder.add('52-["a",{"_placeholder":true,"num":1},{"_placeholder":true,"num":1}]');
    const a = new Uint8Array([1]);
    const b = new Uint8Array([2]);
    decoder.add(a);
    expect(decoder.add(b)?.data).toEqual(["a", b, b]);
  });

  it("rejects text while attachments are pending, and resets", () => {
    const decoder = new Decoder();
    decoder.add('51-["a",{"_placeholder":true,"num":0}]');
    expect(codeOf(() => decoder.add('2["b"]'))).toBe("UNEXPECTED_TEXT");
    expect(decoder.pending).toBe(false);
    expect(decoder.add('2["b"]')).toEqual({ type: PacketType.EVENT, nsp: "/", data: ["b"] });
  });

  it("rejects binary when none is expected", () => {
    const decoder = new Decoder();
    expect(codeOf(() => decoder.add(new Uint8Array(1)))).toBe("UNEXPECTED_BINARY");
    decoder.add('2["a"]');
    expect(codeOf(() => decoder.add(new ArrayBuffer(1)))).toBe("UNEXPECTED_BINARY");
    expect(codeOf(() => decoder.add(42 as unknown as string))).toBe("UNEXPECTED_BINARY");
  });

  it("reset() drops a pending packet", () => {
    const decoder = new Decoder();
    decoder.add('51-["a",{"_placeholder":true,"num":0}]');
    decoder.reset();
    expect(decoder.pending).toBe(false);
    expect(codeOf(() => decoder.add(new Uint8Array(1)))).toBe("UNEXPECTED_BINARY");
  });

  it("round-trips what encodePacket produces", () => {
    const data = ["ev", { a: new Uint8Array([1, 2]), b: [new Uint8Array([3])] }, "tail"];
    const parts = encodePacket({ type: PacketType.EVENT, nsp: "/n", id: 5, data });
    const decoder = new Decoder();
    let packet: Packet | undefined;
    for (const part of parts) packet = decoder.add(part as string | Uint8Array);
    expect(packet).toEqual({ type: PacketType.EVENT, nsp: "/n", id: 5, data });
  });
});
