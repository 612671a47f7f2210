/**
 * What a Client (one engine session) needs from the layers around it, as interfaces: its host
 * (the Server: connect timeout, namespace lookup and the CONNECT handshake, error reporting,
 * the log) and its sockets (route a packet, tell them the session closed). client.ts depends on
 * this file only, never on Server, Namespace or Socket.
 */
import type { Packet, PacketEncode, Parser } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import type { DisconnectReason } from "./errors.js";
import type { LimitExceeded } from "./limits/limit-exceeded.js";
import type { ResolvedLimits } from "./limits/options.js";
import type { onClose, onPacket } from "./links.js";

/** A socket as its client sees it. */
export interface ClientSocket {
  readonly nsp: { readonly name: string };
  /** Server-side disconnect (sends DISCONNECT). */
  disconnect(): unknown;
  /** A packet for the socket's namespace. */
  [onPacket](packet: Packet): void;
  /** The session closed under the socket. */
  [onClose](reason: DisconnectReason, description?: unknown): void;
  /** The socket's `error` listeners (told of an undecodable packet, as in socket.io). */
  rawListeners(event: "error"): ((...args: never) => unknown)[];
}

/** How a CONNECT ends: exactly one of these is called (none if the session closed meanwhile). */
export interface ConnectOutcome {
  /** The socket is registered and its CONNECT answered. */
  accepted(socket: ClientSocket): void;
  /** Refused: by a middleware (the socket already answered CONNECT_ERROR), or `message` to send. */
  refused(message?: string): void;
}

/** The server as its clients see it. `C` is the Client class (kept generic: no import). */
export interface ClientHost<C> {
  /** Ms a session may stay without joining a namespace. */
  readonly connectTimeout: number;
  /** The `volley:io` debug log, undefined when off. */
  readonly log: ScopedLog | undefined;
  /** Bytes one client's not-yet-complete binary packets may hold. */
  readonly maxPendingBinaryBytes: number;
  /** A custom parser (each client builds its Decoder); undefined: the built-in codec. */
  readonly parser: Parser | undefined;
  /** Encodes a packet (the server's one Encoder, or the built-in codec). */
  readonly encode: PacketEncode;
  /** Finds (or creates) the namespace `name` and runs its CONNECT handshake for `client`. */
  connect(client: C, name: string, auth: Record<string, unknown>, outcome: ConnectOutcome): void;
  /** Reports an error that escaped a packet's handling (or a user listener of `socket`). */
  reportError(err: unknown, socket?: object): void;
  /** The built-in limits; `undefined` when off. */
  readonly limits: ResolvedLimits | undefined;
  /** Logs and announces (`limit_exceeded`) an action taken past a limit. */
  limitExceeded(info: LimitExceeded<ClientSocket>): void;
}
