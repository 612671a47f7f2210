/**
 * The one broadcast path: encode a packet once, frame each part once, write the same frames to
 * every recipient. Adapters (in-memory, parent namespaces, cluster adapters through
 * InMemoryAdapter) all deliver through here, so changing how a broadcast reaches sockets means
 * reading this file.
 */
import { type BinaryData, encodePacket, type Packet, type PacketEncode } from "@volley/protocol";
import { PreparedMessage, type SendOptions } from "../engine/index.js";
import type { BroadcastFlags } from "./adapter-types.js";
import { deliverPrepared, type PreparedBroadcast, type Recipient } from "./recipient.js";

const SEND_DEFAULT: SendOptions = Object.freeze({ compress: true });
const SEND_VOLATILE: SendOptions = Object.freeze({ volatile: true, compress: true });
const SEND_UNCOMPRESSED: SendOptions = Object.freeze({ compress: false });
const SEND_VOLATILE_UNCOMPRESSED: SendOptions = Object.freeze({ volatile: true, compress: false });

/** The engine send options of a broadcast's flags (shared frozen objects, no allocation). */
export function sendOptions(flags: BroadcastFlags): SendOptions {
  if (flags.volatile) return flags.compress === false ? SEND_VOLATILE_UNCOMPRESSED : SEND_VOLATILE;
  return flags.compress === false ? SEND_UNCOMPRESSED : SEND_DEFAULT;
}

/**
 * Encodes and frames a packet once for all the recipients of a broadcast, with the server's
 * encoder (`adapterHost.encode`: its `parser` option) or the built-in codec.
 */
export function prepareBroadcast(
  packet: Packet,
  flags: BroadcastFlags,
  encode: PacketEncode = encodePacket,
): PreparedBroadcast {
  const compress = flags.compress !== false;
  const parts: PreparedMessage[] = [];
  for (const part of encode(packet)) {
    parts.push(new PreparedMessage(part as string | BinaryData, compress));
  }
  return { packet, parts, flags, sendOptions: sendOptions(flags) };
}

/** Writes a prepared broadcast to each recipient. */
export function deliverToAll(broadcast: PreparedBroadcast, recipients: Iterable<Recipient>): void {
  for (const recipient of recipients) recipient[deliverPrepared](broadcast);
}
