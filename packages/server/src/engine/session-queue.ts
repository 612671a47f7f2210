/**
 * What the sessions' send queues share: the control packets every session queues (one object
 * each for all sessions) and one spare queue array.
 */
import type { OutboundPacket } from "./transports/transport.js";

export const PING: OutboundPacket = { type: "ping" };
export const CLOSE: OutboundPacket = { type: "close" };
export const NOOP: OutboundPacket = { type: "noop" };

/**
 * The emptied queue of the last flush, handed to the next session that flushes: sessions swap
 * queues through it instead of each keeping a spare array (32 B of every idle connection),
 * and a flush still allocates nothing. Transports consume the packets during `write`.
 */
let spareQueue: OutboundPacket[] | undefined;

/** An empty queue: the spare one when there is one. */
export function takeQueue(): OutboundPacket[] {
  const queue = spareQueue ?? [];
  spareQueue = undefined;
  return queue;
}

/** Empties a written queue and keeps it as the spare. */
export function recycleQueue(packets: OutboundPacket[]): void {
  packets.length = 0;
  spareQueue = packets;
}
