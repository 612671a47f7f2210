/**
 * engine.io's packet-level events on a session — `packet` (every packet read from the client),
 * `packetCreate` (every packet queued for it) and `flush` (a batch handed to the transport) —
 * which monitoring tools such as `@socket.io/admin-ui` and metrics exporters listen to.
 *
 * They must cost nothing when nobody listens: the session checks one boolean field per packet,
 * and builds the engine.io-shaped objects only when it is set. The field is set by the
 * session's `on`/`addListener`/`prependListener` (patched here on the prototype, so no
 * per-session listener or memory is spent on watching) the first time a listener for one of
 * these events is added, and stays set: once listened to, the cost is an `emit` per packet.
 */

import { EventEmitter } from "node:events";
import type { BinaryData, EnginePacket, EnginePacketType } from "@volley/protocol";
import { toBuffer } from "./to-buffer.js";
import type { OutboundPacket } from "./transports/transport.js";

/**
 * A packet as engine.io's events carry it (engine.io-parser's `Packet`): `options` is present
 * on outgoing packets (`packetCreate`, `flush`), `data` only when the packet has some.
 */
export interface EnginePacketEvent {
  type: EnginePacketType;
  data?: string | BinaryData;
  options?: { compress: boolean };
}

/** The session field that says a packet-level listener was ever added. */
export const packetsWatched: unique symbol = Symbol("packetsWatched");

/** Something whose packet-level events can be watched. */
export interface PacketWatchable {
  [packetsWatched]: boolean;
}

function isPacketEvent(event: string | symbol): boolean {
  return event === "packet" || event === "packetCreate" || event === "flush";
}

type AddListener = (event: string | symbol, listener: (...args: unknown[]) => void) => unknown;

function watching(add: AddListener): AddListener {
  return function (this: PacketWatchable, event, listener) {
    if (isPacketEvent(event)) this[packetsWatched] = true;
    return add.call(this, event, listener);
  };
}

/**
 * Patch `cls`'s prototype so that adding a `packet`, `packetCreate` or `flush` listener sets
 * `[packetsWatched]`. `once` and `prependOnceListener` go through `on`/`prependListener`.
 */
export function watchPacketListeners(cls: { prototype: EventEmitter & PacketWatchable }): void {
  const proto = cls.prototype as unknown as Record<string, AddListener>;
  const add = watching(EventEmitter.prototype.addListener as unknown as AddListener);
  proto.on = add;
  proto.addListener = add;
  proto.prependListener = watching(
    EventEmitter.prototype.prependListener as unknown as AddListener,
  );
}

/** An outgoing packet in engine.io's shape (`{ type, options: { compress }, data? }`). */
export function createdPacket(packet: OutboundPacket): EnginePacketEvent {
  const event: EnginePacketEvent = {
    type: packet.type,
    options: { compress: packet.compress !== false },
  };
  // engine.io leaves `data` out when it is empty (`if (data) packet.data = data`)
  if (packet.data) event.data = packet.data;
  return event;
}

/** Outgoing packets in engine.io's shape (a broadcast's shared message included). */
export function createdPackets(packets: readonly OutboundPacket[]): EnginePacketEvent[] {
  const out: EnginePacketEvent[] = new Array(packets.length);
  for (let i = 0; i < packets.length; i++) out[i] = createdPacket(packets[i]!);
  return out;
}

/** An incoming packet as engine.io emits it: binary data as a Buffer. */
export function receivedPacket(packet: EnginePacket): EnginePacketEvent {
  const data = packet.data;
  if (data === undefined || typeof data === "string" || Buffer.isBuffer(data)) return packet;
  return { type: packet.type, data: toBuffer(data) };
}
