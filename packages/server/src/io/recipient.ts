/**
 * What an adapter delivers to: a socket on this node, seen through the few things delivery
 * needs. The adapter never holds a Socket (or its client, or its engine session); it holds
 * Recipients, so it can be tested with plain objects and cannot reach past this interface.
 *
 * The three delivery hooks are keyed by the exported symbols below rather than by names, so
 * they do not crowd a Socket's public API (`socket.deliver…` would invite misuse) while staying
 * a documented contract that any adapter, in this package or another, may call.
 */
import type { Packet } from "@volley/protocol";
import type { PreparedMessage, SendOptions } from "../engine/index.js";
import type { BroadcastFlags, Room, SocketId } from "./adapter-types.js";
import type { Handshake } from "./handshake.js";

/** Writes a PreparedBroadcast to one recipient: `recipient[deliverPrepared](broadcast)`. */
export const deliverPrepared: unique symbol = Symbol("volley.deliverPrepared");
/** Waits for a broadcast's acknowledgement: `recipient[expectAck](id, fn)`. */
export const expectAck: unique symbol = Symbol("volley.expectAck");
/** Forgets an acknowledgement that will not come: `recipient[forgetAck](id)`. */
export const forgetAck: unique symbol = Symbol("volley.forgetAck");

/**
 * A packet encoded once and framed once for every recipient of a broadcast (see
 * `prepareBroadcast` in broadcast-delivery.ts). One per broadcast, never one per recipient.
 */
export interface PreparedBroadcast {
  /** The decoded packet, for outgoing catch-all listeners (`onAnyOutgoing`). */
  readonly packet: Packet;
  /** Its wire parts (one per Socket.IO part), each framed once and shared by all recipients. */
  readonly parts: readonly PreparedMessage[];
  /** The flags it was sent with. */
  readonly flags: BroadcastFlags;
  /** The engine send options those flags mean (computed once). */
  readonly sendOptions: SendOptions;
}

/** A socket an adapter can deliver to. `Socket` implements it. */
export interface Recipient {
  readonly id: SocketId;
  /** What the client sent when it connected (for fetchSockets). */
  readonly handshake: Handshake;
  /** The socket's rooms (for fetchSockets). */
  readonly rooms: Set<Room>;
  /** The socket's free-form data (for fetchSockets). */
  readonly data: unknown;
  /** Joins rooms (socketsJoin). */
  join(rooms: Room | Room[]): Promise<void> | void;
  /** Leaves a room (socketsLeave). */
  leave(room: Room): Promise<void> | void;
  /** Disconnects (disconnectSockets); with `close`, the whole engine session. */
  disconnect(close?: boolean): unknown;
  /** Writes a prepared broadcast (tells the outgoing catch-all listeners first). */
  [deliverPrepared](broadcast: PreparedBroadcast): void;
  /** Waits for the acknowledgement `id`; `fn` gets its arguments. Reported, never thrown. */
  [expectAck](id: number, fn: (...args: unknown[]) => void): void;
  /** Forgets the acknowledgement `id` without calling it. */
  [forgetAck](id: number): void;
}
