// One node of a two-process socket.io cluster (cluster scenario): the official socket.io server
// with the official @socket.io/redis-adapter (ioredis clients, default options) on the bench's
// redis-server; rooms and ticks as in cluster-node.mjs. Arguments: redis port, node index, rooms.
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { hostServer } from "../lib/server-host.mjs";
import { clusterNode } from "./cluster-node.mjs";
import { listen } from "./io-handlers.mjs";

const [redisPort, node, rooms] = process.argv.slice(2).map(Number);

hostServer(async (hooks) => {
  const pub = new Redis({ port: redisPort, host: "127.0.0.1" });
  const sub = pub.duplicate();
  pub.on("error", () => {});
  sub.on("error", () => {});
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false, adapter: createAdapter(pub, sub) });
  return clusterNode({ io, node, rooms, port: await listen(httpServer), hooks });
});
