/**
 * Which nodes a broadcast concerns, and whether it is logged: small decisions the adapter makes
 * on every operation, kept here as plain functions.
 */
import { type Packet, PacketType } from "@volley/protocol";
import {
  type BroadcastOptions,
  deserializeBroadcastOptions,
  type SerializedBroadcastOptions,
  type SocketId,
} from "@volley/server";

/** Options as received from another node, restricted to this node's sockets. */
export function localOptions(serialized: SerializedBroadcastOptions): BroadcastOptions {
  const local = deserializeBroadcastOptions(serialized);
  local.flags.local = true;
  return local;
}

/**
 * Whether the targets are sockets of this node only (a socket's own room, e.g. socket.emit):
 * then no other node needs to hear of it.
 */
export function onlyLocalSockets(
  opts: BroadcastOptions,
  sockets: ReadonlyMap<SocketId, unknown>,
): boolean {
  if (opts.rooms.size === 0) return false;
  for (const room of opts.rooms) if (!sockets.has(room)) return false;
  return true;
}

/** Whether a broadcast goes to the recovery log (as the in-memory adapter decides). */
export function isRecoverable(packet: Packet, opts: BroadcastOptions): boolean {
  return (
    packet.type === PacketType.EVENT &&
    packet.id === undefined &&
    !opts.flags.volatile &&
    Array.isArray(packet.data)
  );
}
