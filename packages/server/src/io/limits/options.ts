/**
 * The `limits` option: flood control built into the server. Each limit has a default chosen
 * to stay out of the way of real apps, the benches and the test suites while bounding what one
 * hostile connection or address can cost; `limits: false` turns them all off (then every hot
 * path pays one `undefined` check). Validated through the options pipeline like every option.
 */
import {
  check,
  InvalidOptionError,
  type OptionCheck,
  type OptionChecks,
  resolveOptions,
} from "@volley/protocol";
import type { Handshake } from "../handshake.js";

/** What the server does past a limit: answer and drop the packet, or disconnect the client. */
export type LimitAction = "drop" | "disconnect";

/** The limits, as named in `limit_exceeded` events and `rate_limited` answers. */
export type LimitName =
  | "events"
  | "bytes"
  | "pendingAcks"
  | "roomsPerSocket"
  | "namespaces"
  | "connections"
  | "rule";

/** A token bucket: `perSecond` refill, `burst` size, and what happens past it. */
export interface RateLimitOptions {
  /** Sustained rate per second. */
  perSecond?: number;
  /** Bucket size: how much may arrive at once after a quiet period. */
  burst?: number;
  /** Past the limit. Default `"drop"`. */
  action?: LimitAction;
}

/** New sessions per client address. */
export interface ConnectionRateOptions {
  /** Sustained handshakes per second per address. Default 20. */
  perSecond?: number;
  /** Handshakes at once per address. Default 50. */
  burst?: number;
  /**
   * Leave loopback peers (127.0.0.0/8, ::1) uncounted. They are this machine: a local proxy
   * (set `trustProxy` to count the real clients behind it), a sidecar, tests, benchmarks.
   * Default `true`.
   */
  exemptLoopback?: boolean;
}

/**
 * Anything with `rate-limiter-flexible`'s `consume(key, points)`: resolves when the points
 * were taken, rejects with `{ msBeforeNext }` when over the limit (or an Error when its store
 * failed). `RateLimiterRedis` makes the rule hold across every server sharing the Redis.
 */
export interface ConsumeLimiter {
  consume(key: string | number, points?: number): Promise<unknown>;
}

/** The socket a rule keys on. */
export interface RuleSocket {
  readonly id: string;
  // biome-ignore lint/suspicious/noExplicitAny: the app's own SocketData, typed by the app.
  readonly data: any;
  readonly handshake: Handshake;
}

/** An app-level rule on some events, counted by a (possibly shared, e.g. Redis) limiter. */
export interface LimitRule {
  /** Event names the rule counts. Default: every event. */
  events?: readonly string[];
  /** The limiter (e.g. `new RateLimiterRedis({ storeClient: redis, points: 10, duration: 1 })`). */
  limiter: ConsumeLimiter;
  /**
   * The key to count under: e.g. the user (`(socket) => socket.data.userId`), so the limit holds
   * for every tab and, with a Redis limiter, on every node. `undefined` skips the rule for this
   * event. Default: the socket id.
   */
  key?: (socket: RuleSocket, event: string) => string | number | undefined;
  /** Past the limit. Default `"drop"`. */
  action?: LimitAction;
}

/** What a client is told when an event is refused (the ack answer, or before a disconnect). */
export interface RateLimitedAnswer {
  error: "rate_limited";
  /** Which limit refused it. */
  limit: LimitName;
  /** When to try again (0: once earlier requests were answered). */
  retryAfterMs: number;
}

/** `limits` of `new Server(…, { limits })`. Every field is optional; see DEFAULT_LIMITS. */
export interface LimitsOptions {
  /** Events (and CONNECT packets) per second per connection. */
  events?: RateLimitOptions | false;
  /** Bytes of events per second per connection (binary attachments included). */
  bytes?: RateLimitOptions | false;
  /**
   * Acknowledgements pending per connection (client requests whose handler has not called the
   * ack yet; past it, new requests are answered `rate_limited`) and per socket (server emits
   * waiting for the client's ack; past it, the emit fails with `PendingAcksLimitError`).
   */
  pendingAcks?: number | false;
  /** Rooms one socket may be in (its own room included); past it, `join` joins nothing. */
  roomsPerSocket?: number | false;
  /** Distinct namespaces one connection may try; past it, CONNECT_ERROR `rate_limited`. */
  namespaces?: number | false;
  /** New sessions per client address; past it, HTTP 429. */
  connections?: ConnectionRateOptions | false;
  /**
   * Request header naming the client address set by your reverse proxy (e.g.
   * `"x-forwarded-for"`: its last entry is used). Only set it behind a proxy that sets it:
   * otherwise clients choose their own address. Default `false` (the TCP peer).
   */
  trustProxy?: string | false;
  /** App-level rules (per user, per event, across nodes), checked after the built-in limits. */
  rules?: readonly LimitRule[];
  /**
   * Builds what a refused client receives (the ack answer of a dropped event; the payload of
   * the `rate_limited` event sent before a disconnect). Default: the {@link RateLimitedAnswer}.
   */
  answer?: (refusal: RateLimitedAnswer) => unknown;
}

/**
 * Defaults, and why:
 * - events 1000/s, burst 2000: far above a UI (a few per second) or 60 Hz game input, with
 *   room for a reconnecting client replaying its buffer and for closed-loop benchmarks; one
 *   connection still cannot take more than a few percent of a core.
 * - bytes 1 MB/s, burst 2 MB: a `maxHttpBufferSize` (1 MB) message always fits the burst.
 * - pendingAcks 1000: a client has a handful in flight; a handler that never answers should
 *   not let one connection pile up work.
 * - roomsPerSocket 1000: apps join a few rooms per socket; bounds the room index per socket.
 * - namespaces 50: clients use a few; trying many is probing (and may create dynamic ones).
 * - connections 20/s, burst 50 per address, loopback exempt: a browser reconnecting (or many
 *   tabs) stays far below; a script opening sessions in a loop does not.
 */
export const DEFAULT_LIMITS = {
  events: { perSecond: 1000, burst: 2000, action: "drop" },
  bytes: { perSecond: 1_000_000, burst: 2_000_000, action: "drop" },
  pendingAcks: 1000,
  roomsPerSocket: 1000,
  namespaces: 50,
  connections: { perSecond: 20, burst: 50, exemptLoopback: true },
  trustProxy: false,
} as const;

/** A resolved rate. */
export interface ResolvedRate {
  readonly perSecond: number;
  readonly burst: number;
  readonly action: LimitAction;
}

/** A resolved rule. */
export interface ResolvedRule {
  readonly events: ReadonlySet<string> | undefined;
  readonly limiter: ConsumeLimiter;
  readonly key: ((socket: RuleSocket, event: string) => string | number | undefined) | undefined;
  readonly action: LimitAction;
}

/** Limits after validation and defaults; a limit turned off is `undefined`. */
export interface ResolvedLimits {
  readonly events: ResolvedRate | undefined;
  readonly bytes: ResolvedRate | undefined;
  readonly pendingAcks: number | undefined;
  readonly roomsPerSocket: number | undefined;
  readonly namespaces: number | undefined;
  readonly connections: Required<ConnectionRateOptions> | undefined;
  readonly trustProxy: string | false;
  readonly rules: readonly ResolvedRule[] | undefined;
  readonly answer: (refusal: RateLimitedAnswer) => unknown;
}

const off: OptionCheck = { test: (v) => v === false, expected: "false" };
const count = check.either(check.number(1), off);
const action = check.oneOf(["drop", "disconnect"]);
const rateCheck = check.either(check.object, off);

/** The check of the `limits` option itself. */
export const LIMITS_CHECK: OptionCheck = check.either(check.object, off);

const LIMIT_CHECKS: OptionChecks<LimitsOptions> = {
  events: rateCheck,
  bytes: rateCheck,
  pendingAcks: count,
  roomsPerSocket: count,
  namespaces: count,
  connections: rateCheck,
  trustProxy: check.either(check.string, off),
  rules: { test: Array.isArray, expected: "an array of rules" },
  answer: check.func,
};

const RATE_CHECKS: OptionChecks<RateLimitOptions> = {
  perSecond: check.number(0),
  burst: check.number(1),
  action,
};

const CONNECTION_CHECKS: OptionChecks<ConnectionRateOptions> = {
  perSecond: check.number(0),
  burst: check.number(1),
  exemptLoopback: check.boolean,
};

const RULE_CHECKS: OptionChecks<LimitRule> = {
  events: { test: Array.isArray, expected: "an array of event names" },
  limiter: {
    test: (v) => typeof (v as ConsumeLimiter | null)?.consume === "function",
    expected: "an object with a consume(key, points) method (rate-limiter-flexible)",
  },
  key: check.func,
  action,
};

/** The default answer to a refused event. */
export function defaultAnswer(refusal: RateLimitedAnswer): RateLimitedAnswer {
  return refusal;
}

/**
 * Validates `input` (the `limits` option; `undefined` means every default) and applies the
 * defaults; `false` turns every limit off.
 * @throws {InvalidOptionError}
 */
export function resolveLimits(
  input: LimitsOptions | false | undefined,
  where: string,
): ResolvedLimits | undefined {
  if (input === false) return undefined;
  const at = `${where} limits`;
  const own = resolveOptions(LIMIT_CHECKS, {}, input ?? {}, at);
  const rate = (value: RateLimitOptions | false | undefined, name: "events" | "bytes") => {
    if (value === false) return undefined;
    return resolveOptions(
      RATE_CHECKS,
      DEFAULT_LIMITS[name],
      value,
      `${at}.${name}`,
    ) as ResolvedRate;
  };
  const optional = (value: number | false | undefined, fallback: number) =>
    value === false ? undefined : (value ?? fallback);
  const rules = own.rules?.map((rule, i) => {
    const r = resolveOptions(RULE_CHECKS, {}, rule, `${at}.rules[${i}]`);
    if (r.limiter === undefined) {
      throw new InvalidOptionError(
        `rules[${i}].limiter`,
        undefined,
        RULE_CHECKS.limiter.expected,
        at,
      );
    }
    return {
      events: r.events ? new Set(r.events) : undefined,
      limiter: r.limiter,
      key: r.key,
      action: r.action ?? "drop",
    } satisfies ResolvedRule;
  });
  return {
    events: rate(own.events, "events"),
    bytes: rate(own.bytes, "bytes"),
    pendingAcks: optional(own.pendingAcks, DEFAULT_LIMITS.pendingAcks),
    roomsPerSocket: optional(own.roomsPerSocket, DEFAULT_LIMITS.roomsPerSocket),
    namespaces: optional(own.namespaces, DEFAULT_LIMITS.namespaces),
    connections:
      own.connections === false
        ? undefined
        : (resolveOptions(
            CONNECTION_CHECKS,
            DEFAULT_LIMITS.connections,
            own.connections,
            `${at}.connections`,
          ) as Required<ConnectionRateOptions>),
    trustProxy: own.trustProxy ?? DEFAULT_LIMITS.trustProxy,
    rules: rules && rules.length > 0 ? rules : undefined,
    answer: own.answer ?? defaultAnswer,
  };
}
