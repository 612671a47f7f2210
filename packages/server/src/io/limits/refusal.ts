/**
 * Answering a packet the limits refused: the action is logged and announced
 * (`limit_exceeded`), then a CONNECT gets CONNECT_ERROR `rate_limited`, an event's ack request
 * gets the `rate_limited` answer (shaped by `limits.answer`), and a limit whose action is
 * "disconnect" sends every socket of the connection a `rate_limited` event and a DISCONNECT,
 * then closes the session.
 */
import type { IncomingMessage } from "node:http";
import { type Packet, PacketType } from "@volley/protocol";
import { clientAddress } from "../../engine/index.js";
import type { ClientSocket } from "../client-links.js";
import type { Refusal } from "./client-limiter.js";
import type { LimitExceeded } from "./limit-exceeded.js";
import type { RateLimitedAnswer, ResolvedLimits } from "./options.js";

/** What answering needs from the connection (a Client). */
export interface RefusingConnection {
  readonly request: IncomingMessage;
  socketOf(nsp: string): ClientSocket | undefined;
  sockets(): ClientSocket[];
  /** Writes a packet (not counted as a handler's answer). */
  write(packet: Packet): void;
  /** Disconnects every namespace, then closes the session. */
  closeAll(): void;
}

/** What answering needs from the server. */
export interface RefusalHost {
  readonly limits: ResolvedLimits | undefined;
  limitExceeded(info: LimitExceeded<ClientSocket>): void;
  reportError(err: unknown): void;
}

/** Announces and answers one refused packet. */
export function answerRefusal(
  connection: RefusingConnection,
  host: RefusalHost,
  packet: Packet,
  refusal: Refusal,
): void {
  const limits = host.limits;
  if (limits === undefined) return;
  const isConnect = packet.type === PacketType.CONNECT;
  const disconnect = refusal.action === "disconnect" && !isConnect;
  const { limit, retryAfterMs } = refusal;
  host.limitExceeded({
    limit,
    action: disconnect ? "disconnect" : isConnect ? "refuse" : "drop",
    retryAfterMs,
    address: clientAddress(connection.request, limits.trustProxy),
    socket: connection.socketOf(packet.nsp),
    event: isConnect ? undefined : String((packet.data as unknown[])[0]),
    namespace: packet.nsp,
  });
  const answer = answerFor(host, limits, { error: "rate_limited", limit, retryAfterMs });
  if (isConnect) {
    const data = { message: "rate_limited", data: answer };
    connection.write({ type: PacketType.CONNECT_ERROR, nsp: packet.nsp, data });
  } else if (disconnect) {
    for (const socket of connection.sockets()) {
      const data = ["rate_limited", answer];
      connection.write({ type: PacketType.EVENT, nsp: socket.nsp.name, data });
    }
    connection.closeAll();
  } else if (packet.id !== undefined) {
    connection.write({ type: PacketType.ACK, nsp: packet.nsp, id: packet.id, data: [answer] });
  }
}

/** `limits.answer` is user code: if it throws, the error is reported and the default sent. */
function answerFor(host: RefusalHost, limits: ResolvedLimits, refusal: RateLimitedAnswer): unknown {
  try {
    return limits.answer(refusal);
  } catch (err) {
    host.reportError(err);
    return refusal;
  }
}
