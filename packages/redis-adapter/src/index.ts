/**
 * @volley/redis-adapter: run several Volley servers (processes or machines) as one. Rooms,
 * broadcasts, acknowledgements, fetchSockets, server-side emits and connection state recovery
 * work across every server that shares one Redis.
 */
import type { AdapterHost } from "@volley/server";
import type { Redis } from "ioredis";
import { type RedisAdapterOptions, resolveOptions } from "./options.js";
import { RedisAdapter } from "./redis-adapter.js";
import { RedisLink } from "./redis-link.js";

/**
 * The `adapter` option of `new Server()` for a cluster sharing one Redis. The adapter publishes
 * with `redisClient` (which it never closes) and subscribes on one duplicate of it, shared by
 * every namespace of the server.
 *
 * @example
 * import { createServer } from "node:http";
 * import { Server } from "@volley/server";
 * import { createAdapter } from "@volley/redis-adapter";
 * import { Redis } from "ioredis";
 *
 * const redis = new Redis("redis://127.0.0.1:6379");
 * redis.on("error", (err) => console.error("redis", err.message));
 * const io = new Server(createServer(), {
 *   adapter: createAdapter(redis, { heartbeatInterval: 5000, requestsTimeout: 5000 }),
 *   connectionStateRecovery: { maxDisconnectionDuration: 120_000 },
 * });
 * io.on("connection", (socket) => socket.join("lobby"));
 * io.to("lobby").emit("hello"); // reaches the lobby on every server
 * console.log(await io.serverSideEmitWithAck("who-is-there")); // one answer per other server
 */
export function createAdapter(
  redisClient: Redis,
  options: Partial<RedisAdapterOptions> = {},
): (nsp: AdapterHost) => RedisAdapter {
  const resolved = resolveOptions(options);
  const link = new RedisLink(redisClient, resolved);
  return (nsp) => new RedisAdapter(nsp, link, resolved);
}

export {
  type ClusterMessage,
  type ClusterResponse,
  decodeMessage,
  decodeMessages,
  encodeMessage,
  MessageType,
  type SerializedSocket,
} from "./cluster-messages.js";
export { DEFAULTS, type RedisAdapterLogger, type RedisAdapterOptions } from "./options.js";
export { RedisAdapter } from "./redis-adapter.js";
export { RequestTimeoutError } from "./requests.js";
