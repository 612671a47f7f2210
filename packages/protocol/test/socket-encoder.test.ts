import { describe, expect, it } from "vitest";
import { encodePacket, type Packet, PacketType, RESERVED_EVENTS } from "../src/index.js";
import { codeOf } from "./helpers.js";

describe("encodePacket: text packets", () => {
  it.each<[Packet, string]>([
    [{ type: PacketType.CONNECT, nsp: "/" }, "0"],
    [{ type: PacketType.CONNECT, nsp: "/admin" }, "0/admin,"],
    [{ type: PacketType.CONNECT, nsp: "/", data: { token: "abc" } }, '0{"token":"abc"}'],
    [
      { type: PacketType.CONNECT, nsp: "/a", data: { sid: "x", pid: "y" } },
      '0/a,{"sid":"x","pid":"y"}',
    ],
    [{ type: PacketType.DISCONNECT, nsp: "/" }, "1"],
    [{ type: PacketType.DISCONNECT, nsp: "/chat" }, "1/chat,"],
    [{ type: PacketType.EVENT, nsp: "/", data: ["hello", 1] }, '2["hello",1]'],
    [{ type: PacketType.EVENT, nsp: "/", data: [42] }, "2[42]"],
    [{ type: PacketType.EVENT, nsp: "/", id: 0, data: ["a"] }, '20["a"]'],
    [{ type: PacketType.EVENT, nsp: "/chat", id: 12, data: ["a", null] }, '2/chat,12["a",null]'],
    [{ type: PacketType.ACK, nsp: "/", id: 3, data: [] }, "33[]"],
    [{ type: PacketType.ACK, nsp: "/x", id: 3, data: [{ ok: true }] }, '3/x,3[{"ok":true}]'],
    [
      { type: PacketType.CONNECT_ERROR, nsp: "/", data: { message: "nope" } },
      '4{"message":"nope"}',
    ],
    [
      { type: PacketType.CONNECT_ERROR, nsp: "/a", data: "Invalid namespace" },
      '4/a,"Invalid namespace"',
    ],
    [
      { type: PacketType.EVENT, nsp: "/", id: Number.MAX_SAFE_INTEGER, data: ["a"] },
      `2${Number.MAX_SAFE_INTEGER}["a"]`,
    ],
  ])("%j -> %s", (packet, wire) => {
    expect(encodePacket(packet)).toEqual([wire]);
  });

  it("treats null data as absent (like the official encoder)", () => {
    expect(encodePacket({ type: PacketType.CONNECT, nsp: "/", data: null })).toEqual(["0"]);
  });

  it("serializes toJSON values and Dates as JSON.stringify does", () => {
    const date = new Date(0);
    expect(encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["d", date] })).toEqual([
      `2["d",${JSON.stringify(date)}]`,
    ]);
  });

  it("does not mutate the packet", () => {
    const packet: Packet = { type: PacketType.EVENT, nsp: "/", data: ["a", new Uint8Array(1)] };
    const copy = { ...packet };
    encodePacket(packet);
    expect(packet).toEqual(copy);
  });
});

describe("encodePacket: validation", () => {
  it.each([[-1], [7], [1.5], [Number.NaN], ["2"], [undefined], [2n], [Symbol("x")]])(
    "rejects type %s",
    (type) => {
      const packet = { type, nsp: "/", data: ["a"] } as unknown as Packet;
      expect(codeOf(() => encodePacket(packet))).toBe("INVALID_PACKET_TYPE");
    },
  );

  it.each([["chat"], ["/a,b"], ["/a\nb"], [""], [undefined], [5], [10n], [Symbol("x")], [{}]])(
    "rejects namespace %s",
    (nsp) => {
      const packet = { type: PacketType.EVENT, nsp, data: ["a"] } as unknown as Packet;
      expect(codeOf(() => encodePacket(packet))).toBe("INVALID_NAMESPACE");
    },
  );

  it.each([
    [-1],
    [1.5],
    [Number.MAX_SAFE_INTEGER + 1],
    [Number.POSITIVE_INFINITY],
    [Number.NaN],
    ["1"],
  ])("rejects ack id %j", (id) => {
    const packet = { type: PacketType.EVENT, nsp: "/", id, data: ["a"] } as unknown as Packet;
    expect(codeOf(() => encodePacket(packet))).toBe("INVALID_ACK_ID");
  });

  it("rejects an ack id on CONNECT, DISCONNECT and CONNECT_ERROR, and an ACK without one", () => {
    expect(codeOf(() => encodePacket({ type: PacketType.CONNECT, nsp: "/", id: 1 }))).toBe(
      "INVALID_ACK_ID",
    );
    expect(codeOf(() => encodePacket({ type: PacketType.DISCONNECT, nsp: "/", id: 1 }))).toBe(
      "INVALID_ACK_ID",
    );
    expect(
      codeOf(() => encodePacket({ type: PacketType.CONNECT_ERROR, nsp: "/", id: 1, data: "x" })),
    ).toBe("INVALID_ACK_ID");
    expect(codeOf(() => encodePacket({ type: PacketType.ACK, nsp: "/", data: [] }))).toBe(
      "INVALID_ACK_ID",
    );
  });

  it.each<[Packet, string]>([
    [{ type: PacketType.EVENT, nsp: "/" }, "INVALID_PAYLOAD"],
    [{ type: PacketType.EVENT, nsp: "/", data: [] }, "INVALID_PAYLOAD"],
    [{ type: PacketType.EVENT, nsp: "/", data: "a" }, "INVALID_PAYLOAD"],
    [{ type: PacketType.EVENT, nsp: "/", data: [null] }, "INVALID_PAYLOAD"],
    [{ type: PacketType.EVENT, nsp: "/", data: [{}] }, "INVALID_PAYLOAD"],
    [{ type: PacketType.EVENT, nsp: "/", data: ["disconnect"] }, "RESERVED_EVENT"],
    [{ type: PacketType.ACK, nsp: "/", id: 1, data: {} }, "INVALID_PAYLOAD"],
    [{ type: PacketType.ACK, nsp: "/", id: 1 }, "INVALID_PAYLOAD"],
    [{ type: PacketType.CONNECT, nsp: "/", data: [] }, "INVALID_PAYLOAD"],
    [{ type: PacketType.CONNECT, nsp: "/", data: "x" }, "INVALID_PAYLOAD"],
    [{ type: PacketType.DISCONNECT, nsp: "/", data: {} }, "INVALID_PAYLOAD"],
    [{ type: PacketType.CONNECT_ERROR, nsp: "/" }, "INVALID_PAYLOAD"],
    [{ type: PacketType.CONNECT_ERROR, nsp: "/", data: 1 }, "INVALID_PAYLOAD"],
  ])("rejects %j with %s", (packet, code) => {
    expect(codeOf(() => encodePacket(packet))).toBe(code);
  });

  it("rejects every reserved event name", () => {
    expect([...RESERVED_EVENTS].sort()).toEqual(
      [
        "connect",
        "connect_error",
        "disconnect",
        "disconnecting",
        "newListener",
        "removeListener",
      ].sort(),
    );
    for (const name of RESERVED_EVENTS) {
      expect(codeOf(() => encodePacket({ type: PacketType.EVENT, nsp: "/", data: [name] }))).toBe(
        "RESERVED_EVENT",
      );
    }
  });

  it("turns unserializable data into INVALID_JSON", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(
      codeOf(() =>
        encodePacket(
          { type: PacketType.EVENT, nsp: "/", data: ["a", cyclic] },
          { knownText: true },
        ),
      ),
    ).toBe("INVALID_JSON");
    expect(codeOf(() => encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["a", 1n] }))).toBe(
      "INVALID_JSON",
    );
    const throwing = {
      toJSON() {
        throw new Error("boom");
      },
    };
    expect(
      codeOf(() => encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["a", { throwing }] })),
    ).toBe("INVALID_JSON");
  });

  it("turns errors thrown by getters and proxies into ProtocolError", () => {
    const getter = {
      get boom(): unknown {
        throw new Error("getter");
      },
    };
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
      },
    );
    for (const arg of [getter, proxy, [getter]]) {
      expect(
        codeOf(() => encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["a", arg] })),
      ).toBe("INVALID_JSON");
      expect(
        codeOf(() =>
          encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["a", arg, new Uint8Array(1)] }),
        ),
      ).toBe("INVALID_JSON");
    }
  });

  it("refuses circular data in the binary scan with MAX_DEPTH_EXCEEDED", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.a = cyclic;
    cyclic.b = cyclic;
    expect(
      codeOf(() => encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["a", cyclic] })),
    ).toBe("MAX_DEPTH_EXCEEDED");
  });
});

describe("encodePacket: binary packets", () => {
  it("replaces binary values with placeholders and returns them in order", () => {
    const a = new Uint8Array([1]);
    const b = Buffer.from([2]);
    const c = new ArrayBuffer(3);
    const d = new Float32Array(2);
    const e = new DataView(new ArrayBuffer(1));
    const encoded = encodePacket({
      type: PacketType.EVENT,
      nsp: "/files",
      id: 9,
      data: ["upload", a, { b, nested: [c, { d }] }, e],
    });
    expect(encoded[0]).toBe(
      '55-/files,9["upload",{"_placeholder":true,"num":0},{"b":{"_placeholder":true,"num":1},"nested":[{"_placeholder":true,"num":2},{"d":{"_placeholder":true,"num":3}}]},{"_placeholder":true,"num":4}]',
    );
    expect(encoded.slice(1)).toHaveLength(5);
    expect(encoded[1]).toBe(a);
    expect(encoded[2]).toBe(b);
    expect(encoded[3]).toBe(c);
    expect(encoded[4]).toBe(d);
    expect(encoded[5]).toBe(e);
  });

  it("turns ACK with binary into BINARY_ACK", () => {
    const buf = new Uint8Array(2);
    expect(encodePacket({ type: PacketType.ACK, nsp: "/", id: 4, data: [buf] })).toEqual([
      '61-4[{"_placeholder":true,"num":0}]',
      buf,
    ]);
  });

  it("encodes Blob values as attachments", () => {
    const blob = new Blob(["x"]);
    const encoded = encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["f", blob] });
    expect(encoded[0]).toBe('51-["f",{"_placeholder":true,"num":0}]');
    expect(encoded[1]).toBe(blob);
  });

  it("keeps the same object when it appears twice (two attachments)", () => {
    const buf = new Uint8Array(1);
    const encoded = encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["x", buf, buf] });
    expect(encoded[0]).toBe('52-["x",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
    expect(encoded.slice(1)).toEqual([buf, buf]);
  });

  it("downgrades BINARY_EVENT / BINARY_ACK without binary to EVENT / ACK", () => {
    expect(encodePacket({ type: PacketType.BINARY_EVENT, nsp: "/", data: ["a"] })).toEqual([
      '2["a"]',
    ]);
    expect(encodePacket({ type: PacketType.BINARY_ACK, nsp: "/", id: 1, data: [] })).toEqual([
      "31[]",
    ]);
    const buf = new Uint8Array(1);
    expect(encodePacket({ type: PacketType.BINARY_EVENT, nsp: "/", data: ["a", buf] })).toEqual([
      '51-["a",{"_placeholder":true,"num":0}]',
      buf,
    ]);
  });

  it("skips the binary scan with knownText", () => {
    expect(
      encodePacket(
        { type: PacketType.EVENT, nsp: "/", data: ["a", new Uint8Array([7])] },
        { knownText: true },
      ),
    ).toEqual(['2["a",{"0":7}]']);
  });

  it("finds binary returned by toJSON", () => {
    const buf = new Uint8Array(1);
    const wrapper = { toJSON: () => buf };
    expect(encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["a", wrapper] })).toEqual([
      '51-["a",{"_placeholder":true,"num":0}]',
      buf,
    ]);
  });

  it("does not treat a key named __proto__ specially", () => {
    const data = JSON.parse('["a",{"__proto__":{"x":1}}]') as unknown[];
    (data[1] as Record<string, unknown>).bin = new Uint8Array(1);
    const [wire] = encodePacket({ type: PacketType.EVENT, nsp: "/", data });
    expect(wire).toBe('51-["a",{"__proto__":{"x":1},"bin":{"_placeholder":true,"num":0}}]');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
