/**
 * Options of the Redis adapter and their defaults, all in one `DEFAULTS` object, so a reader
 * finds every knob (and what it costs) in one place.
 */

/** Where the adapter reports what an operator should know (a Redis outage, a bad message). */
export interface RedisAdapterLogger {
  warn(message: string): void;
  info(message: string): void;
}

/** Options of `createAdapter(redisClient, options)`. */
export interface RedisAdapterOptions {
  /**
   * Prefix of every Redis channel and key the adapter uses; servers that must not talk to each
   * other through one Redis use different keys. Default "volley".
   */
  key: string;
  /**
   * Ms to wait for the other nodes' answers to a request (fetchSockets, serverSideEmit with an
   * acknowledgement). Only live nodes are waited on. Default 5000.
   */
  requestsTimeout: number;
  /** Ms between two heartbeats of a node. Default 5000. */
  heartbeatInterval: number;
  /** Ms without a heartbeat after which a node is taken for dead. Default 10000. */
  heartbeatTimeout: number;
  /**
   * With connection state recovery: most entries kept in a namespace's broadcast log (a Redis
   * Stream, trimmed with `XADD … MAXLEN ~`). Default: the server's
   * `connectionStateRecovery.maxPackets` (10000).
   */
  maxLogLength: number | undefined;
  /** Where outages and dropped messages are reported. Default: `console`. */
  logger: RedisAdapterLogger;
  /**
   * Most messages in one PUBLISH: what a node publishes during one event-loop turn goes out as
   * one PUBLISH per channel carrying a JSON array of the messages, up to this many. 1 turns
   * batching off (every message its own PUBLISH, as older builds of this adapter send and
   * read; use it while such nodes are still in the cluster). Default 256.
   */
  maxBatchMessages: number;
  /**
   * Most characters of messages in one batched PUBLISH (its last message may pass it).
   * Default 524288.
   */
  maxBatchChars: number;
}

/** Every default of the package. */
export const DEFAULTS = {
  key: "volley",
  requestsTimeout: 5_000,
  heartbeatInterval: 5_000,
  heartbeatTimeout: 10_000,
  maxLogLength: undefined,
  logger: console,
  maxBatchMessages: 256,
  maxBatchChars: 512 * 1024,
} as const satisfies RedisAdapterOptions;

/** Options with every default applied. */
export function resolveOptions(options: Partial<RedisAdapterOptions> = {}): RedisAdapterOptions {
  const resolved: RedisAdapterOptions = { ...DEFAULTS };
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[name] = value;
  }
  for (const name of ["requestsTimeout", "heartbeatInterval", "heartbeatTimeout"] as const) {
    const value = resolved[name];
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${name} must be a positive number of ms (got ${String(value)})`);
    }
  }
  for (const name of ["maxBatchMessages", "maxBatchChars"] as const) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer (got ${String(value)})`);
    }
  }
  return resolved;
}
