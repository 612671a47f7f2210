/** Type-level checks of the public API (compile-time; the runtime assertions are trivial). */
import { describe, expectTypeOf, it } from "vitest";
import {
  type Attachment,
  type BinaryData,
  type Decoder,
  decodeEnginePacket,
  decodePayload,
  type EncodedPacket,
  EngineErrorCode,
  type EnginePacket,
  encodeEnginePacket,
  encodePacket,
  encodePollingPacket,
  engineErrorMessage,
  type HandshakeData,
  hasBinary,
  type Packet,
  PacketType,
  ProtocolError,
  ProtocolErrorCode,
} from "../src/index.js";

describe("public types", () => {
  it("Engine.IO", () => {
    expectTypeOf(encodeEnginePacket).returns.toEqualTypeOf<string | BinaryData>();
    expectTypeOf(encodePollingPacket).returns.toEqualTypeOf<string>();
    expectTypeOf(decodeEnginePacket).returns.toEqualTypeOf<EnginePacket>();
    expectTypeOf(decodePayload).returns.toEqualTypeOf<EnginePacket[]>();
    expectTypeOf<EnginePacket["type"]>().toEqualTypeOf<
      "open" | "close" | "ping" | "pong" | "message" | "upgrade" | "noop"
    >();
    expectTypeOf<HandshakeData>().toEqualTypeOf<{
      sid: string;
      upgrades: string[];
      pingInterval: number;
      pingTimeout: number;
      maxPayload: number;
    }>();
    expectTypeOf(
      engineErrorMessage(EngineErrorCode.UNKNOWN_SID),
    ).toEqualTypeOf<"Session ID unknown">();
    expectTypeOf<EngineErrorCode>().toEqualTypeOf<0 | 1 | 2 | 3 | 4 | 5>();
  });

  it("Socket.IO", () => {
    expectTypeOf<PacketType>().toEqualTypeOf<0 | 1 | 2 | 3 | 4 | 5 | 6>();
    expectTypeOf(PacketType.BINARY_ACK).toEqualTypeOf<6>();
    expectTypeOf(encodePacket).returns.toEqualTypeOf<EncodedPacket>();
    expectTypeOf<EncodedPacket>().toEqualTypeOf<[string, ...Attachment[]]>();
    expectTypeOf<Decoder["add"]>().returns.toEqualTypeOf<Packet | undefined>();
    expectTypeOf<Decoder["add"]>().parameter(0).toEqualTypeOf<string | BinaryData>();
    expectTypeOf(hasBinary).returns.toEqualTypeOf<boolean>();
    expectTypeOf<Packet["data"]>().toEqualTypeOf<unknown>();
  });

  it("errors", () => {
    expectTypeOf<ProtocolError["code"]>().toEqualTypeOf<ProtocolErrorCode>();
    expectTypeOf(ProtocolErrorCode.INVALID_JSON).toEqualTypeOf<"INVALID_JSON">();
    expectTypeOf(new ProtocolError("INVALID_JSON", "x")).toExtend<Error>();
  });
});
