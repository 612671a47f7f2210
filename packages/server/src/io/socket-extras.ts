/** The io Socket's rarely used state (socket.ts). */
import type { AckRegistry } from "@volley/protocol";
import type { PrivateSessionId, Room } from "./adapter-types.js";
import type { Handshake } from "./handshake.js";

/**
 * What most sockets never use, in one object created on first use: an idle socket carries one
 * empty field instead of nine (about 64 B). Recovery sets `pid` on every socket.
 */
export interface SocketExtras<SocketData> {
  /** Private session id for recovery. */
  pid?: PrivateSessionId;
  recovered?: boolean;
  acks?: AckRegistry;
  handshake?: Handshake;
  /** The CONNECT auth; absent for none or `{}` (most clients: no empty object kept). */
  auth?: Record<string, unknown>;
  /** `data`, once read or set (most sockets never use it). */
  data?: SocketData;
  hasData?: boolean;
  missedPackets?: unknown[][] | undefined;
  /** Offsets of the replayed packets, until live delivery moves past them (alreadyReplayed). */
  replayed?: Set<string> | undefined;
  pendingRooms?: Room[] | undefined;
}
