/**
 * New sessions per client address: a token bucket per address, kept in one Map and swept of
 * idle (full) buckets at most once per sweep interval on use, so there is no timer and memory
 * stays bounded by the addresses active in the last few seconds. The address is the socket's
 * peer, or — behind a reverse proxy that the operator names with `trustProxy` — the last
 * address the proxy appended to that header (the one it saw; earlier entries are the client's
 * own claims and could be forged).
 */
import type { IncomingMessage } from "node:http";
import { type BucketRate, isFull, type TokenBucket, take } from "../limits/token-bucket.js";

/** How the engine asks whether a handshake may open a session. */
export interface ConnectionGate {
  /**
   * Counts a handshake from `req`'s address: 0 when it may open a session, else the ms until
   * its address may try again.
   */
  admit(req: IncomingMessage): number;
}

/** Per-address connection rate settings. */
export interface AddressLimiterOptions extends BucketRate {
  /** Header holding the client address set by a trusted reverse proxy; `false`: the peer. */
  trustProxy: string | false;
  /**
   * Leave loopback addresses (127.0.0.0/8, ::1) uncounted: they are this machine (a local
   * proxy, whose clients `trustProxy` reveals; a sidecar; tests; benchmarks). Default false.
   */
  exemptLoopback?: boolean | undefined;
  /** Called for every refused handshake (to log and count it). */
  onLimited?: ((address: string, retryAfterMs: number, req: IncomingMessage) => void) | undefined;
  /** The monotonic clock (ms); tests pass a fake one. */
  now?: (() => number) | undefined;
}

const SWEEP_INTERVAL_MS = 10_000;

/** The client address of `req`: the peer, or the trusted proxy header's last entry. */
export function clientAddress(req: IncomingMessage, trustProxy: string | false): string {
  if (trustProxy !== false) {
    const raw = req.headers[trustProxy];
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value) {
      const comma = value.lastIndexOf(",");
      const last = (comma === -1 ? value : value.slice(comma + 1)).trim();
      if (last !== "") return last;
    }
  }
  return req.socket?.remoteAddress ?? "";
}

/** Whether `address` is a loopback address (IPv4, IPv6, or IPv4-mapped IPv6). */
export function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** A token bucket per client address for new sessions. */
export class AddressLimiter implements ConnectionGate {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: AddressLimiterOptions) {
    this.now = options.now ?? performance.now.bind(performance);
    this.lastSweep = this.now();
  }

  /** Addresses currently tracked (for tests and leak checks). */
  get size(): number {
    return this.buckets.size;
  }

  admit(req: IncomingMessage): number {
    const address = clientAddress(req, this.options.trustProxy);
    if (this.options.exemptLoopback && isLoopback(address)) return 0;
    const now = this.now();
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
    let bucket = this.buckets.get(address);
    if (bucket === undefined) {
      bucket = { tokens: this.options.burst, stamp: now };
      this.buckets.set(address, bucket);
    }
    const wait = take(bucket, this.options, 1, now);
    if (wait > 0) this.options.onLimited?.(address, wait, req);
    return wait;
  }

  /** Forgets every address whose bucket has refilled: it would start full anyway. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [address, bucket] of this.buckets) {
      if (isFull(bucket, this.options, now)) this.buckets.delete(address);
    }
  }
}
