/**
 * The per-connection state of the built-in limits: two token buckets (events, bytes), the
 * count of client requests whose handler has not answered yet, and the namespaces tried.
 * Created on a connection's first message when limits are on; plain number fields (one object
 * per connection: it lives as long as the connection), no timers, no closures, one clock read
 * per admitted packet. A refusal leaves its reason in `refused`.
 */
import { type Packet, PacketType } from "@volley/protocol";
import { tokensAt, waitFor } from "../../limits/token-bucket.js";
import type { LimitAction, LimitName, ResolvedLimits } from "./options.js";

/** Why the last packet was refused. */
export interface Refusal {
  limit: LimitName;
  retryAfterMs: number;
  action: LimitAction;
}

const now = performance.now.bind(performance);

/** Limits state of one connection (engine session). */
export class ClientLimiter {
  private eventTokens: number;
  private eventStamp: number;
  private byteTokens: number;
  private byteStamp: number;
  /** Bytes received since the last complete packet (a binary packet's parts add up). */
  private partBytes = 0;
  /** Client requests (events with an ack id) the handlers still owe an answer. */
  private owedAcks = 0;
  /** Namespaces this connection sent CONNECT for (created on its second one). */
  private tried: Set<string> | undefined;
  private firstTried: string | undefined;
  private lastRefusal: Refusal | undefined;

  /**
   * @param firstNamespace the namespace the connection joined before it needed a limiter (its
   * first CONNECT is not counted: see Client), counted among those tried
   */
  constructor(
    readonly limits: ResolvedLimits,
    firstNamespace?: string,
    private readonly clock: () => number = now,
  ) {
    this.firstTried = firstNamespace;
    const t = clock();
    this.eventTokens = limits.events?.burst ?? 0;
    this.byteTokens = limits.bytes?.burst ?? 0;
    this.eventStamp = t;
    this.byteStamp = t;
  }

  /** Why the last refused packet was refused (one object, reused). */
  get refused(): Refusal {
    this.lastRefusal ??= { limit: "events", retryAfterMs: 0, action: "drop" };
    return this.lastRefusal;
  }

  /** Counts the size of one engine message (a packet, or one part of a binary packet). */
  received(data: string | Buffer): void {
    this.partBytes += typeof data === "string" ? data.length : data.byteLength;
  }

  /** Whether a complete packet may go on; when not, `refused` says why. */
  admit(packet: Packet): boolean {
    const bytes = this.partBytes;
    this.partBytes = 0;
    const type = packet.type;
    if (type !== PacketType.EVENT && type !== PacketType.BINARY_EVENT) {
      if (type !== PacketType.CONNECT) return true;
      if (!this.mayTry(packet.nsp)) return false;
    }
    const { events, bytes: byteRate } = this.limits;
    const limits = this.limits;
    if (events !== undefined || byteRate !== undefined) {
      const t = this.clock();
      if (events !== undefined) {
        const tokens = tokensAt(this.eventTokens, this.eventStamp, events, t);
        this.eventStamp = t;
        const wait = waitFor(tokens, 1, events);
        this.eventTokens = wait === 0 ? tokens - 1 : tokens;
        if (wait > 0) return this.refuse("events", wait, events.action);
      }
      if (byteRate !== undefined) {
        const tokens = tokensAt(this.byteTokens, this.byteStamp, byteRate, t);
        this.byteStamp = t;
        const wait = waitFor(tokens, bytes, byteRate);
        this.byteTokens = wait === 0 ? tokens - Math.min(bytes, byteRate.burst) : tokens;
        if (wait > 0) return this.refuse("bytes", wait, byteRate.action);
      }
    }
    if (
      packet.id !== undefined &&
      type !== PacketType.CONNECT &&
      limits.pendingAcks !== undefined
    ) {
      if (this.owedAcks >= limits.pendingAcks) return this.refuse("pendingAcks", 0, "drop");
      this.owedAcks++;
    }
    return true;
  }

  /** A handler answered a client request. */
  answered(): void {
    if (this.owedAcks > 0) this.owedAcks--;
  }

  /** Client requests still owed an answer (for tests). */
  get pendingRequests(): number {
    return this.owedAcks;
  }

  /** Counts a CONNECT for `name` against the distinct namespaces this connection may try. */
  private mayTry(name: string): boolean {
    const max = this.limits.namespaces;
    if (max === undefined || name === this.firstTried || this.tried?.has(name)) return true;
    if (this.firstTried === undefined) {
      this.firstTried = name;
      return true;
    }
    this.tried ??= new Set();
    if (this.tried.size + 1 >= max) return this.refuse("namespaces", 0, "drop");
    this.tried.add(name);
    return true;
  }

  private refuse(limit: LimitName, retryAfterMs: number, action: LimitAction): false {
    const refused = this.refused;
    refused.limit = limit;
    refused.retryAfterMs = retryAfterMs;
    refused.action = action;
    return false;
  }
}
