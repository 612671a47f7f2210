/**
 * The adapter seam: who is in which room, and how a broadcast reaches every recipient on every
 * node. The in-memory adapter serves one process; a cluster adapter (Redis, …) implements the
 * same interface, so everything that may cross a network is async and serialisable.
 *
 * An adapter depends on two narrow interfaces only: its AdapterHost (`adapter.nsp`: name,
 * sockets, ack ids, error reporting, recovery settings, server-side emits) and the Recipients
 * the host lists. Writing a cluster adapter: extend InMemoryAdapter (it keeps the local room
 * index and does the local delivery, encoding once), publish each operation to the other nodes
 * unless `flags.local` is set (BroadcastOptions travel as SerializedBroadcastOptions), and on
 * receipt call the same InMemoryAdapter method with `flags.local = true`. Server-side emits
 * received from other nodes go to `nsp.onServerSideEmit(args)`. `serverCount()` must count
 * every node, since broadcasts with acknowledgements wait for one `onClientCount` per node.
 */
import type { EventEmitter } from "node:events";
import type { Packet } from "@volley/protocol";
import type { AdapterHost } from "./adapter-host.js";
import type {
  AdapterEvents,
  BroadcastOptions,
  PrivateSessionId,
  RestoredSession,
  Room,
  Session,
  SocketDetails,
  SocketId,
} from "./adapter-types.js";

/**
 * A namespace's view of the cluster. Methods return a Promise where a remote adapter needs one;
 * callers always `await` (or chain on) the result.
 */
export interface Adapter extends EventEmitter<AdapterEvents> {
  /** The namespace this adapter serves, as a narrow host. */
  readonly nsp: AdapterHost;
  /** Local index: room -> sockets on this node. */
  readonly rooms: Map<Room, Set<SocketId>>;
  /** Local index: socket -> its rooms. */
  readonly sids: Map<SocketId, Set<Room>>;

  /** Called once when the namespace is created. */
  init(): Promise<void> | void;
  /** Called when the server closes (or the adapter is replaced before any client connected). */
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

/** Creates the adapter of a namespace. A class with a `(nsp)` constructor fits too. */
export type AdapterFactory = ((nsp: AdapterHost) => Adapter) | (new (nsp: AdapterHost) => Adapter);

/** Builds an adapter from a factory or a class. */
export function createAdapter(factory: AdapterFactory, host: AdapterHost): Adapter {
  if (typeof factory.prototype === "object") {
    return new (factory as new (nsp: AdapterHost) => Adapter)(host);
  }
  return (factory as (nsp: AdapterHost) => Adapter)(host);
}
