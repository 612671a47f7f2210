/**
 * What the adapter's cross-node requests do with the answers they get: one small handler per
 * kind of request, kept apart from the adapter so it reads as "send, then collect with this".
 */
import type { SocketDetails } from "@volley/server";
import { MessageType } from "./cluster-messages.js";
import type { RequestHandler } from "./requests.js";

/**
 * A broadcast with acks: each node reports its recipient count once, then forwards each ack; a
 * node is done once it sent as many acks as it counted. A node that died before counting its
 * recipients counts none, so nobody waits for it.
 */
export function broadcastAckHandler(
  onClientCount: (clientCount: number) => void,
  onAck: (response: unknown) => void,
): RequestHandler {
  const counts = new Map<string, number>();
  const acks = new Map<string, number>();
  return {
    onResponse: (uid, response) => {
      if (response.type === MessageType.BROADCAST_CLIENT_COUNT && !counts.has(uid)) {
        counts.set(uid, response.clientCount);
        onClientCount(response.clientCount);
      } else if (response.type === MessageType.BROADCAST_ACK) {
        acks.set(uid, (acks.get(uid) ?? 0) + 1);
        onAck(response.data);
      } else {
        return false;
      }
      const expected = counts.get(uid);
      return expected !== undefined && (acks.get(uid) ?? 0) >= expected;
    },
    onNodeGone: (uid) => {
      if (!counts.has(uid)) onClientCount(0);
    },
    onDone: () => undefined,
  };
}

/** fetchSockets: each node answers once with its sockets, added to `found`. */
export function fetchSocketsHandler(
  found: SocketDetails[],
  done: (err: Error | null) => void,
): RequestHandler {
  return {
    onResponse: (_uid, response) => {
      if (response.type !== MessageType.FETCH_SOCKETS_RESPONSE) return false;
      for (const socket of response.sockets)
        found.push({ ...socket, rooms: new Set(socket.rooms) });
      return true;
    },
    onDone: done,
  };
}

/** serverSideEmit with an ack: one answer per node, collected into `responses`. */
export function serverSideEmitHandler(
  responses: unknown[],
  done: (err: Error | null) => void,
): RequestHandler {
  return {
    onResponse: (_uid, response) => {
      if (response.type !== MessageType.SERVER_SIDE_EMIT_RESPONSE) return false;
      responses.push(response.data);
      return true;
    },
    onDone: done,
  };
}
