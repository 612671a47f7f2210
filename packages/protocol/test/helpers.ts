import { type Packet, ProtocolError, type ProtocolErrorCode } from "../src/index.js";

/** The ProtocolError code `fn` throws, "no error", or "other error" for anything else. */
export function codeOf(fn: () => unknown): ProtocolErrorCode | "no error" | "other error" {
  try {
    fn();
    return "no error";
  } catch (err) {
    return err instanceof ProtocolError ? err.code : "other error";
  }
}

/** The data array of a decoded packet; fails the test when the packet is missing. */
export function argsOf(packet: Packet | undefined): unknown[] {
  if (packet === undefined || !Array.isArray(packet.data)) {
    throw new Error(`expected a packet with array data, got ${JSON.stringify(packet)}`);
  }
  return packet.data;
}
