// @volley/server with @volley/metrics collecting (traffic and event counters on), as a bench
// child: what metrics cost, next to servers/volley.mjs in the same run (--servers=volley,volley-metrics).
import { createServer } from "node:http";
import { collectMetrics } from "@volley/metrics";
import { Server } from "@volley/server";
import { hostServer } from "../lib/server-host.mjs";
import { listen, socketIoHandlers } from "./io-handlers.mjs";

hostServer(async (hooks) => {
  const httpServer = createServer();
  const io = new Server(httpServer);
  const metrics = collectMetrics(io);
  httpServer.on("request", (req, res) => {
    if (req.url === "/metrics") metrics.handler(req, res);
  });
  io.on("connection", socketIoHandlers(hooks));
  return {
    port: await listen(httpServer),
    broadcast: (n, t) => io.to("room").emit("tick", { n, t }),
    connections: () => io.engine?.clientsCount ?? io.sockets?.sockets?.size ?? -1,
  };
});
