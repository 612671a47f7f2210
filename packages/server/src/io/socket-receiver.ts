/**
 * The incoming half of a Socket: per-packet middlewares, dispatch of events to listeners (and to
 * the incoming catch-all listeners), the callbacks that answer the client's acknowledgement
 * requests, and errors shown on the socket. Socket supplies what it owns (its acks, its writes,
 * its close) through the protected hooks below.
 *
 * With an event contract, each event is checked before anything else sees it. Order of
 * delivery per socket is arrival order: while an async schema runs, later events of the same
 * socket wait behind it (sync schemas never wait, never allocate a promise).
 */
import {
  type EventsMap,
  type InvalidArgumentsAnswer,
  type Packet,
  PacketType,
  toError,
} from "@volley/protocol";
import type { ContractGuard, GuardedSocket } from "./contract-guard.js";
import type { DisconnectReason } from "./errors.js";
import { callSafely, type Handler, type ReportError, runMiddlewares } from "./handlers.js";
import { onClose, onPacket } from "./links.js";
import type { PacketMiddleware } from "./socket-events.js";
import { SocketModifiers } from "./socket-modifiers.js";

/** What a Socket does with the packets its client sends. */
export abstract class SocketReceiver<
  ListenEvents extends EventsMap,
  EmitEvents extends EventsMap,
  ServerSideEvents extends EventsMap,
  SocketData,
> extends SocketModifiers<ListenEvents, EmitEvents, ServerSideEvents, SocketData> {
  abstract connected: boolean;
  /** Packet middlewares (created on first use). */
  private fns: PacketMiddleware[] | undefined;
  /** Events waiting behind an async contract check (set only while one runs). */
  private backlog: Packet[] | undefined;
  /** What the contract guard sees of this socket (created on the first refused event). */
  private guarded: GuardedSocket | undefined;

  /** Where errors thrown by user handlers go. */
  protected abstract errorReport(): ReportError;
  /** The client acknowledged the emit `id`. */
  protected abstract resolveAck(id: number, args: unknown[]): void;
  /** Answers the client's acknowledgement request `id`. */
  protected abstract writeAck(id: number, args: unknown[]): void;
  /** The server's contract checks, undefined without a contract. */
  protected abstract contractGuard(): ContractGuard | undefined;
  /** An event was refused by the contract (tells `io.on("invalid_event")`). */
  protected abstract reportRefused(event: string, answer: InvalidArgumentsAnswer): void;
  /** @internal the socket is gone */
  abstract [onClose](reason: DisconnectReason, description?: unknown): void;

  /** Calls a user handler with this socket as `this`; errors go to `io.on("error")`. */
  protected call(fn: Handler, args: readonly unknown[]): void {
    callSafely(fn, this, args, this.errorReport(), this);
  }

  /** Registers a per-packet middleware, run before the event's listeners. */
  use(fn: PacketMiddleware): this {
    this.fns ??= [];
    this.fns.push(fn);
    return this;
  }

  /** @internal a packet for this namespace arrived */
  [onPacket](packet: Packet): void {
    if (!this.connected) return;
    switch (packet.type) {
      case PacketType.EVENT:
      case PacketType.BINARY_EVENT:
        this.onevent(packet);
        break;
      case PacketType.ACK:
      case PacketType.BINARY_ACK:
        if (packet.id !== undefined) this.resolveAck(packet.id, packet.data as unknown[]);
        break;
      case PacketType.DISCONNECT:
        this[onClose]("client namespace disconnect");
        break;
    }
  }

  private onevent(packet: Packet): void {
    const guard = this.contractGuard();
    if (guard !== undefined) {
      if (this.backlog !== undefined) this.backlog.push(packet);
      else this.checkThenDeliver(guard, packet);
      return;
    }
    this.deliver(packet);
  }

  /** Delivers `packet` if the contract accepts it; an async check holds later events back. */
  private checkThenDeliver(guard: ContractGuard, packet: Packet): void {
    const verdict = guard.check(packet, this.guardedSocket());
    if (verdict === true) this.deliver(packet);
    else if (verdict !== false) {
      this.backlog = [];
      verdict.then(
        (ok) => this.afterAsyncCheck(guard, packet, ok),
        (err: unknown) => {
          this.errorReport()(err, this);
          this.afterAsyncCheck(guard, packet, false);
        },
      );
    }
  }

  private afterAsyncCheck(guard: ContractGuard, packet: Packet, ok: boolean): void {
    if (ok && this.connected) this.deliver(packet);
    const waiting = this.backlog ?? [];
    this.backlog = undefined;
    // in order; a later async check holds the rest again (the remainder goes back in front)
    for (let i = 0; i < waiting.length; i++) {
      if (!this.connected) return;
      this.checkThenDeliver(guard, waiting[i]!);
      const held = this.backlog as Packet[] | undefined; // set again by an async check
      if (held !== undefined) {
        held.push(...waiting.slice(i + 1));
        return;
      }
    }
  }

  /** What the contract guard sees of this socket (one object per socket, made on first use). */
  protected guardedSocket(): GuardedSocket {
    this.guarded ??= {
      answer: (id, args) => {
        if (this.connected) this.writeAck(id, args);
      },
      refused: (event, answer) => this.reportRefused(event, answer),
    };
    return this.guarded;
  }

  private deliver(packet: Packet): void {
    const args = packet.data as [string, ...unknown[]];
    if (packet.id !== undefined) args.push(this.ackFor(packet.id, args[0]));
    const any = this.anyIncoming?.snapshot();
    if (any) for (const listener of any) this.call(listener, args);
    if (this.fns === undefined) {
      this.dispatch(args);
      return;
    }
    runMiddlewares(
      this.fns,
      args,
      (err) => {
        if (err) this.onerror(toError(err));
        else if (this.connected) this.dispatch(args);
      },
      this.errorReport(),
      this,
    );
  }

  private dispatch(args: [string, ...unknown[]]): void {
    const listeners = this.rawListeners(String(args[0]));
    if (listeners.length === 0) return;
    const rest = args.slice(1);
    for (const listener of listeners) this.call(listener, rest);
  }

  private ackFor(id: number, event: unknown): (...args: unknown[]) => void {
    let sent = false;
    return (...args: unknown[]) => {
      if (sent || !this.connected) return;
      // development check of our answer (throws into the handler that answered)
      this.contractGuard()?.checkAnswer(event, args, this.errorReport());
      sent = true;
      this.writeAck(id, args);
    };
  }

  /** An error to show on this socket ("error" event, else console.error). */
  private onerror(err: Error): void {
    if (this.listenerCount("error") > 0) {
      for (const listener of this.rawListeners("error")) this.call(listener, [err]);
    } else {
      console.error("Missing error handler on `socket`.", err);
    }
  }
}
