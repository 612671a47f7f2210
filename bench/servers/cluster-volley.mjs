// One node of a two-process Volley cluster (cluster scenario): @volley/server with
// @volley/redis-adapter (default options) on the bench's redis-server; rooms and ticks as in
// cluster-node.mjs. Arguments: redis port, node index, number of rooms.
import { createServer } from "node:http";
import { createAdapter } from "@volley/redis-adapter";
import { Server } from "@volley/server";
import { Redis } from "ioredis";
import { hostServer } from "../lib/server-host.mjs";
import { clusterNode } from "./cluster-node.mjs";
import { listen } from "./io-handlers.mjs";

const [redisPort, node, rooms] = process.argv.slice(2).map(Number);
const silent = { warn: () => {}, info: () => {} };

hostServer(async (hooks) => {
  const redis = new Redis({ port: redisPort, host: "127.0.0.1" });
  redis.on("error", () => {});
  const httpServer = createServer();
  const io = new Server(httpServer, { adapter: createAdapter(redis, { logger: silent }) });
  return clusterNode({ io, node, rooms, port: await listen(httpServer), hooks });
});
