/**
 * The part of a Socket that only prepares what the next emit or broadcast looks like: the
 * one-shot flags (`volatile`, `compress`, `timeout`) and the broadcast shortcuts
 * (`socket.broadcast`, `socket.to(room)`, …) that start a BroadcastOperator excluding this
 * socket. Kept apart from socket.ts so each file reads as one concern.
 */
import type { EventsMap } from "@volley/protocol";
import type { Adapter } from "./adapter.js";
import type { BroadcastFlags, Room, SocketId } from "./adapter-types.js";
import { BroadcastOperator } from "./broadcast-operator.js";
import { CatchAllEmitter } from "./catch-all-emitter.js";
import type { SocketReservedEvents } from "./socket-events.js";

const NO_FLAGS: BroadcastFlags = Object.freeze({});

/** Flags and broadcast shortcuts of a Socket. */
export abstract class SocketModifiers<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  _ServerSideEvents extends EventsMap,
  SocketData,
> extends CatchAllEmitter<ListenEvents, SocketReservedEvents> {
  abstract readonly id: SocketId;
  abstract readonly adapter: Adapter;
  /** Flags of the next emit (a shared frozen empty object while none are set). */
  private flags: BroadcastFlags = NO_FLAGS;

  /** Sends a `message` event. */
  abstract send(...args: unknown[]): this;

  /** Alias of send. */
  write(...args: unknown[]): this {
    return this.send(...args);
  }

  /** The flags of the next emit, cleared. */
  protected takeFlags(): BroadcastFlags {
    const flags = this.flags;
    this.flags = NO_FLAGS;
    return flags;
  }

  /** The flags of the next emit, kept. */
  protected peekFlags(): BroadcastFlags {
    return this.flags;
  }

  /** Adds flags to the next emit. */
  protected addFlags(flags: BroadcastFlags): void {
    this.flags = { ...this.flags, ...flags };
  }

  /** The next emit may be dropped if the client cannot take it now. */
  get volatile(): this {
    this.addFlags({ volatile: true });
    return this;
  }

  /** Whether the next emit is compressed. */
  compress(compress: boolean): this {
    this.addFlags({ compress });
    return this;
  }

  /** Broadcast to every other socket of the namespace. */
  get broadcast(): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator();
  }

  /** Broadcast to this node's other sockets only. */
  get local(): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator().local;
  }

  /** Broadcast to the sockets of `room` except this one. */
  to(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator().to(room);
  }

  /** Alias of to. */
  in(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.to(room);
  }

  /** Broadcast to every other socket not in `room`. */
  except(room: Room | Room[]): BroadcastOperator<EmitEvents, SocketData> {
    return this.newBroadcastOperator().except(room);
  }

  private newBroadcastOperator(): BroadcastOperator<EmitEvents, SocketData> {
    const flags = this.takeFlags();
    return new BroadcastOperator(this.adapter, new Set(), new Set([this.id]), { ...flags });
  }
}
