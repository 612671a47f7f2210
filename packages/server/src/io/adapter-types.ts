/**
 * The plain data the adapter seam passes around: room and socket ids, who a broadcast targets,
 * what a node knows about a socket, and the sessions kept for recovery. Everything here is
 * serialisable (or has a serialised form), because a cluster adapter sends it to other nodes.
 * A leaf: it imports nothing of the io layer but the handshake's shape.
 */
import type { Handshake } from "./handshake.js";

/** A room name. Every socket is also in the room named by its id. */
export type Room = string;
/** A Socket.IO socket id. */
export type SocketId = string;
/** The private session id used by connection state recovery (never shown to other clients). */
export type PrivateSessionId = string;

/** Flags of a broadcast. Plain data so it can travel to other nodes. */
export interface BroadcastFlags {
  /** Drop the packet for a recipient that cannot take it right now. */
  volatile?: boolean;
  /** Ask the transport to compress (WebSocket permessage-deflate). */
  compress?: boolean;
  /** Only this node's sockets. */
  local?: boolean;
  /** Ms to wait for acknowledgements. */
  timeout?: number;
}

/** Who receives a broadcast: sockets in any of `rooms` (all when empty) and in none of `except`. */
export interface BroadcastOptions {
  rooms: Set<Room>;
  except: Set<Room>;
  flags: BroadcastFlags;
}

/** BroadcastOptions as plain JSON (Sets become arrays), to cross the network. */
export interface SerializedBroadcastOptions {
  rooms: Room[];
  except: Room[];
  flags: BroadcastFlags;
}

/** BroadcastOptions -> JSON-friendly form. */
export function serializeBroadcastOptions(opts: BroadcastOptions): SerializedBroadcastOptions {
  return { rooms: [...opts.rooms], except: [...opts.except], flags: { ...opts.flags } };
}

/** JSON-friendly form -> BroadcastOptions. */
export function deserializeBroadcastOptions(opts: SerializedBroadcastOptions): BroadcastOptions {
  return { rooms: new Set(opts.rooms), except: new Set(opts.except), flags: { ...opts.flags } };
}

/** What a node knows about a socket, serialisable (the source of a RemoteSocket). */
export interface SocketDetails<SocketData = unknown> {
  id: SocketId;
  handshake: Handshake;
  rooms: Set<Room>;
  data: SocketData;
}

/** A disconnected session kept for recovery. */
export interface Session {
  sid: SocketId;
  pid: PrivateSessionId;
  rooms: Room[];
  data: unknown;
}

/** A session found again, with the event arguments it missed (in order). */
export interface RestoredSession extends Session {
  missedPackets: unknown[][];
}

/** Options of connection state recovery (Socket.IO 4.6+). */
export interface ConnectionStateRecoveryOptions {
  /** How long a disconnected session (and the packets it misses) is kept, in ms. */
  maxDisconnectionDuration: number;
  /** Whether a recovered socket skips the middlewares. */
  skipMiddlewares: boolean;
  /** Most packets kept for recovery per namespace (oldest dropped first). Volley addition. */
  maxPackets: number;
}

/** Room lifecycle events every adapter emits. */
export interface AdapterEvents {
  "create-room": [room: Room];
  "delete-room": [room: Room];
  "join-room": [room: Room, id: SocketId];
  "leave-room": [room: Room, id: SocketId];
}
