/**
 * The adapter seam: who is in which room, and how a broadcast reaches every recipient on every
 * node. The in-memory adapter serves one process; a cluster adapter (Redis, …) implements the
 * same interface, so everything that may cross a network is async and serialisable.
 *
 * Writing a cluster adapter: extend InMemoryAdapter (it keeps the local room index and does
 * the local delivery, encoding once), publish each operation to the other nodes unless
 * `flags.local` is set (BroadcastOptions travel as SerializedBroadcastOptions), and on receipt
 * call the same InMemoryAdapter method with `flags.local = true`. Server-side emits received
 * from other nodes go to `nsp._onServerSideEmit(args)`. `serverCount()` must count every node,
 * since broadcasts with acknowledgements wait for one `onClientCount` call per node.
 */
import type { EventEmitter } from "node:events";
import type { Packet } from "@volley/protocol";
import type { Handshake } from "./handshake.js";
import type { Namespace } from "./namespace.js";

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

/** Room lifecycle events every adapter emits. */
export interface AdapterEvents {
  "create-room": [room: Room];
  "delete-room": [room: Room];
  "join-room": [room: Room, id: SocketId];
  "leave-room": [room: Room, id: SocketId];
}

/**
 * A namespace's view of the cluster. Methods return a Promise where a remote adapter needs one;
 * callers always `await` (or chain on) the result.
 */
export interface Adapter extends EventEmitter<AdapterEvents> {
  /** The namespace this adapter serves. */
  readonly nsp: Namespace;
  /** Local index: room -> sockets on this node. */
  readonly rooms: Map<Room, Set<SocketId>>;
  /** Local index: socket -> its rooms. */
  readonly sids: Map<SocketId, Set<Room>>;

  /** Called once when the namespace is created. */
  init(): Promise<void> | void;
  /** Called when the server closes. */
  close(): Promise<void> | void;
  /** Number of nodes (1 for the in-memory adapter). */
  serverCount(): Promise<number>;

  /** Adds a socket to rooms. */
  addAll(id: SocketId, rooms: Set<Room>): Promise<void> | void;
  /** Removes a socket from one room. */
  del(id: SocketId, room: Room): Promise<void> | void;
  /** Removes a socket from every room. */
  delAll(id: SocketId): void;
  /** The rooms of a local socket. */
  socketRooms(id: SocketId): Set<Room> | undefined;
  /** The ids of the sockets in any of `rooms` (all sockets when empty). */
  sockets(rooms: Set<Room>): Promise<Set<SocketId>>;

  /** Sends a packet to every recipient; encodes it once. */
  broadcast(packet: Packet, opts: BroadcastOptions): void;
  /**
   * Sends a packet that asks for an acknowledgement. `onClientCount` is called once per node with
   * the number of recipients there; `onAck` once per acknowledgement (with its first argument).
   */
  broadcastWithAck(
    packet: Packet,
    opts: BroadcastOptions,
    onClientCount: (clientCount: number) => void,
    onAck: (response: unknown) => void,
  ): void;

  /** Details of the matching sockets on every node. */
  fetchSockets(opts: BroadcastOptions): Promise<SocketDetails[]>;
  /** Makes the matching sockets join rooms. */
  addSockets(opts: BroadcastOptions, rooms: Room[]): void;
  /** Makes the matching sockets leave rooms. */
  delSockets(opts: BroadcastOptions, rooms: Room[]): void;
  /** Disconnects the matching sockets (closing their sessions when `close`). */
  disconnectSockets(opts: BroadcastOptions, close: boolean): void;
  /**
   * Emits to the other nodes. When the last element is a function it is an acknowledgement,
   * called with `(err, responses)` once every other node answered.
   */
  serverSideEmit(packet: unknown[]): void;

  /** Keeps a disconnected session for recovery. */
  persistSession(session: Session): Promise<void> | void;
  /** Finds a session and the packets it missed after `offset`; null when it cannot recover. */
  restoreSession(pid: PrivateSessionId, offset: string): Promise<RestoredSession | null>;
}
