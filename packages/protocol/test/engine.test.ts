import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  decodeEnginePacket,
  decodePayload,
  ENGINE_ERROR_MESSAGES,
  EngineErrorCode,
  type EnginePacket,
  type EnginePacketType,
  encodeEnginePacket,
  encodeHandshake,
  encodePayload,
  encodePollingPacket,
  engineErrorBody,
  engineErrorMessage,
  parseHandshake,
} from "../src/index.js";
import { codeOf } from "./helpers.js";

const TYPES: [EnginePacketType, string][] = [
  ["open", "0"],
  ["close", "1"],
  ["ping", "2"],
  ["pong", "3"],
  ["message", "4"],
  ["upgrade", "5"],
  ["noop", "6"],
];

describe("encodeEnginePacket / decodeEnginePacket", () => {
  it.each(TYPES)("%s is %s", (type, digit) => {
    expect(encodeEnginePacket({ type })).toBe(digit);
    expect(encodeEnginePacket({ type, data: "probe" })).toBe(`${digit}probe`);
    expect(encodePollingPacket({ type, data: "probe" })).toBe(`${digit}probe`);
    expect(decodeEnginePacket(digit)).toEqual({ type });
    expect(decodeEnginePacket(`${digit}probe`)).toEqual({ type, data: "probe" });
  });

  it("keeps an empty string as no data (like the official parser)", () => {
    expect(encodeEnginePacket({ type: "message", data: "" })).toBe("4");
  });

  it("passes binary messages through untouched on WebSocket", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(encodeEnginePacket({ type: "message", data: bytes })).toBe(bytes);
    const ab = new ArrayBuffer(2);
    expect(encodeEnginePacket({ type: "message", data: ab })).toBe(ab);
  });

  it("base64-encodes binary messages for polling", () => {
    expect(encodePollingPacket({ type: "message", data: new Uint8Array([1, 2, 3]) })).toBe("bAQID");
    expect(
      encodePollingPacket({ type: "message", data: new Uint8Array([1, 2, 3, 4]).buffer }),
    ).toBe("bAQIDBA==");
    const view = new DataView(new Uint8Array([9, 1, 2, 3, 9]).buffer, 1, 3);
    expect(encodePollingPacket({ type: "message", data: view })).toBe("bAQID");
    expect(encodePollingPacket({ type: "message", data: Buffer.from([255]) })).toBe("b/w==");
  });

  it("decodes b-packets to a Uint8Array", () => {
    const packet = decodeEnginePacket("bAQID");
    expect(packet.type).toBe("message");
    expect(packet.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(packet.data as Uint8Array)).toEqual([1, 2, 3]);
    expect(Array.from(decodeEnginePacket("b").data as Uint8Array)).toEqual([]);
  });

  it("decodes binary frames without copying", () => {
    const buf = Buffer.from([1, 2]);
    expect(decodeEnginePacket(buf).data).toBe(buf);
    const u8 = new Uint8Array([1, 2]);
    expect(decodeEnginePacket(u8)).toEqual({ type: "message", data: u8 });
    const ab = new Uint8Array([5, 6]).buffer;
    const fromAb = decodeEnginePacket(ab).data as Uint8Array;
    expect(fromAb.buffer).toBe(ab);
    const i16 = new Int16Array([1, 2, 3]).subarray(1);
    const fromView = decodeEnginePacket(i16).data as Uint8Array;
    expect(fromView.buffer).toBe(i16.buffer);
    expect(fromView.byteOffset).toBe(2);
    expect(fromView.byteLength).toBe(4);
  });

  it.each([[""], ["7"], ["x"], ["/"], ["\u0000"], ["b="], ["b!"], ["bA"]])("rejects %j", (text) => {
    const code = codeOf(() => decodeEnginePacket(text));
    expect(code === "INVALID_ENGINE_PACKET" || code === "INVALID_BASE64").toBe(true);
  });

  it("rejects unknown types and binary on non-message packets when encoding", () => {
    const bad = { type: "bogus" } as unknown as EnginePacket;
    expect(codeOf(() => encodeEnginePacket(bad))).toBe("INVALID_ENGINE_PACKET");
    expect(codeOf(() => encodePollingPacket(bad))).toBe("INVALID_ENGINE_PACKET");
    const ping = { type: "ping", data: new Uint8Array(1) } as const;
    expect(codeOf(() => encodeEnginePacket(ping))).toBe("INVALID_ENGINE_PACKET");
    expect(codeOf(() => encodePollingPacket(ping))).toBe("INVALID_ENGINE_PACKET");
    const weird = { type: "message", data: 42 } as unknown as EnginePacket;
    expect(codeOf(() => encodeEnginePacket(weird))).toBe("INVALID_ENGINE_PACKET");
    expect(codeOf(() => decodeEnginePacket(42 as unknown as string))).toBe("INVALID_ENGINE_PACKET");
  });

  it("does not treat inherited keys as packet types", () => {
    const bad = { type: "toString" } as unknown as EnginePacket;
    expect(codeOf(() => encodeEnginePacket(bad))).toBe("INVALID_ENGINE_PACKET");
  });
});

describe("encodePayload / decodePayload", () => {
  it("joins packets with \\x1e", () => {
    const packets: EnginePacket[] = [
      { type: "message", data: "hello" },
      { type: "message", data: new Uint8Array([1, 2, 3, 4]) },
      { type: "noop" },
    ];
    expect(encodePayload(packets)).toBe("4hello\x1ebAQIDBA==\x1e6");
    expect(encodePayload([])).toBe("");
  });

  it("splits on \\x1e", () => {
    const packets = decodePayload("4hello\x1ebAQIDBA==\x1e6\x1e2probe");
    expect(packets).toHaveLength(4);
    expect(packets[0]).toEqual({ type: "message", data: "hello" });
    expect(Array.from(packets[1]?.data as Uint8Array)).toEqual([1, 2, 3, 4]);
    expect(packets[2]).toEqual({ type: "noop" });
    expect(packets[3]).toEqual({ type: "ping", data: "probe" });
    expect(decodePayload("1")).toEqual([{ type: "close" }]);
  });

  it.each([[""], ["\x1e"], ["4a\x1e"], ["\x1e4a"], ["4a\x1e\x1e4b"], ["4a\x1e9"], ["4a\x1eb@@"]])(
    "rejects %j",
    (payload) => {
      const code = codeOf(() => decodePayload(payload));
      expect(code === "INVALID_ENGINE_PACKET" || code === "INVALID_BASE64").toBe(true);
    },
  );

  it("carries large binary packets among text packets", () => {
    const big = new Uint8Array(100_000).map((_, i) => i * 7);
    const payload = encodePayload([
      { type: "message", data: "a" },
      { type: "message", data: big },
      { type: "noop" },
    ]);
    const packets = decodePayload(payload);
    expect(packets).toHaveLength(3);
    expect(Buffer.from(packets[1]?.data as Uint8Array).equals(Buffer.from(big))).toBe(true);
  });

  it("refuses text data holding the separator, which would split the packet", () => {
    const packet: EnginePacket = { type: "message", data: "a\x1e1" };
    expect(codeOf(() => encodePollingPacket(packet))).toBe("INVALID_ENGINE_PACKET");
    expect(codeOf(() => encodePayload([packet]))).toBe("INVALID_ENGINE_PACKET");
    expect(encodeEnginePacket(packet)).toBe("4a\x1e1");
  });

  it("enforces maxPackets", () => {
    expect(DEFAULTS.maxPackets).toBe(Number.POSITIVE_INFINITY);
    expect(decodePayload("6\x1e6", { maxPackets: 2 })).toHaveLength(2);
    expect(codeOf(() => decodePayload("6\x1e6\x1e6", { maxPackets: 2 }))).toBe("TOO_MANY_PACKETS");
  });
});

describe("handshake", () => {
  const data = {
    sid: "abc",
    upgrades: ["websocket"],
    pingInterval: 25000,
    pingTimeout: 20000,
    maxPayload: 1000000,
  };

  it("encodes exactly the five keys in order", () => {
    const extra = { ...data, extra: true } as typeof data;
    expect(encodeHandshake(extra)).toBe(
      '{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
    );
  });

  it("parses what it encodes", () => {
    expect(parseHandshake(encodeHandshake(data))).toEqual(data);
    expect(parseHandshake(encodeHandshake({ ...data, upgrades: [] })).upgrades).toEqual([]);
  });

  it.each([
    ["not json"],
    ["[]"],
    ["null"],
    ['{"sid":1,"upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":1}'],
    ['{"sid":"","upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":1}'],
    ['{"sid":"a","upgrades":"websocket","pingInterval":1,"pingTimeout":1,"maxPayload":1}'],
    ['{"sid":"a","upgrades":[1],"pingInterval":1,"pingTimeout":1,"maxPayload":1}'],
    ['{"sid":"a","upgrades":[],"pingInterval":"1","pingTimeout":1,"maxPayload":1}'],
    ['{"sid":"a","upgrades":[],"pingInterval":1,"pingTimeout":-1,"maxPayload":1}'],
    ['{"sid":"a","upgrades":[],"pingInterval":1,"pingTimeout":1}'],
  ])("rejects %s", (text) => {
    expect(codeOf(() => parseHandshake(text))).toBe("INVALID_HANDSHAKE");
  });
});

describe("Engine.IO HTTP errors", () => {
  it("has the six codes and messages of the official server", () => {
    expect(EngineErrorCode).toEqual({
      UNKNOWN_TRANSPORT: 0,
      UNKNOWN_SID: 1,
      BAD_HANDSHAKE_METHOD: 2,
      BAD_REQUEST: 3,
      FORBIDDEN: 4,
      UNSUPPORTED_PROTOCOL_VERSION: 5,
    });
    expect(Object.values(ENGINE_ERROR_MESSAGES)).toEqual([
      "Transport unknown",
      "Session ID unknown",
      "Bad handshake method",
      "Bad request",
      "Forbidden",
      "Unsupported protocol version",
    ]);
    expect(engineErrorMessage(EngineErrorCode.UNKNOWN_SID)).toBe("Session ID unknown");
    expect(engineErrorMessage(EngineErrorCode.UNSUPPORTED_PROTOCOL_VERSION)).toBe(
      "Unsupported protocol version",
    );
    expect(engineErrorBody(EngineErrorCode.BAD_REQUEST)).toBe('{"code":3,"message":"Bad request"}');
  });
});
