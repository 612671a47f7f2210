/**
 * The app's rules (`limits.rules`): events matched by a rule wait for its limiter (e.g.
 * rate-limiter-flexible's `RateLimiterRedis`, so a per-user limit holds across nodes) before
 * they reach the socket. A limiter answers asynchronously, so packets queue behind the one
 * being decided: a connection's packets keep their order, and a connection sending nothing a
 * rule matches never waits (one Set lookup per event). A limiter whose store fails lets the
 * event through (logged): an outage of the store must not silence every user.
 */
import { type Packet, PacketType } from "@volley/protocol";
import type { ScopedLog } from "../../logger.js";
import type { Refusal } from "./client-limiter.js";
import type { ResolvedRule, RuleSocket } from "./options.js";

/** What a rule gate needs from its connection. */
export interface RuleGateHost {
  /** The socket a packet is for (undefined: not connected, nothing to key on). */
  socketOf(nsp: string): RuleSocket | undefined;
  /** Hands a packet on, in order. */
  deliver(packet: Packet): void;
  /** Answers a packet a rule refused. */
  refuse(packet: Packet, refusal: Refusal): void;
  /** Whether the connection is gone (queued packets are then dropped). */
  readonly gone: boolean;
  /** Reports an error thrown by a rule's `key` function. */
  reportError(err: unknown): void;
  readonly log: ScopedLog | undefined;
}

/** The ordered queue of one connection's packets waiting for rule limiters. */
export class RuleGate {
  private readonly queue: Packet[] = [];
  private draining = false;

  constructor(
    private readonly rules: readonly ResolvedRule[],
    private readonly host: RuleGateHost,
  ) {}

  /** Takes `packet` if it must wait (a rule matches it, or earlier packets wait); else false. */
  submit(packet: Packet): boolean {
    if (this.queue.length === 0 && !this.matches(packet)) return false;
    this.queue.push(packet);
    if (!this.draining) void this.drain();
    return true;
  }

  private matches(packet: Packet): boolean {
    if (packet.type !== PacketType.EVENT && packet.type !== PacketType.BINARY_EVENT) return false;
    const event = String((packet.data as unknown[])[0]);
    for (const rule of this.rules)
      if (rule.events === undefined || rule.events.has(event)) return true;
    return false;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const packet = this.queue[0]!;
        const refusal = this.matches(packet) ? await this.decide(packet) : undefined;
        this.queue.shift();
        if (this.host.gone) {
          this.queue.length = 0;
          break;
        }
        if (refusal) this.host.refuse(packet, refusal);
        else this.host.deliver(packet);
      }
    } finally {
      this.draining = false;
    }
  }

  /** Asks each matching rule's limiter in turn; the first refusal wins. */
  private async decide(packet: Packet): Promise<Refusal | undefined> {
    const socket = this.host.socketOf(packet.nsp);
    if (socket === undefined) return undefined;
    const event = String((packet.data as unknown[])[0]);
    for (const rule of this.rules) {
      if (rule.events !== undefined && !rule.events.has(event)) continue;
      let key: string | number | undefined;
      try {
        key = rule.key ? rule.key(socket, event) : socket.id;
      } catch (err) {
        this.host.reportError(err);
        continue;
      }
      if (key === undefined) continue;
      try {
        await rule.limiter.consume(key, 1);
      } catch (outcome) {
        if (outcome instanceof Error || typeof outcome !== "object" || outcome === null) {
          this.host.log?.(
            "limits rule for %s: limiter failed, event let through: %o",
            event,
            outcome,
          );
          continue;
        }
        const wait = Number((outcome as { msBeforeNext?: unknown }).msBeforeNext);
        return {
          limit: "rule",
          retryAfterMs: Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : 0,
          action: rule.action,
        };
      }
    }
    return undefined;
  }
}
