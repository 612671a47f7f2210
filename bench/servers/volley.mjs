// @volley/server with default options (the ping interval is the default 25 s unless the scale
// scenario shortens it, see lib/wire.mjs), as a bench child: the same handlers as socket.io's.
import { createServer } from "node:http";
import { Server } from "@volley/server";
import { hostServer } from "../lib/server-host.mjs";
import { PING_INTERVAL } from "../lib/wire.mjs";
import { listen, socketIoHandlers } from "./io-handlers.mjs";

hostServer(async (hooks) => {
  const httpServer = createServer();
  const io = new Server(httpServer, { pingInterval: PING_INTERVAL });
  io.on("connection", socketIoHandlers(hooks));
  return {
    port: await listen(httpServer),
    broadcast: (n, t) => io.to("room").emit("tick", { n, t }),
    connections: () => io.engine?.clientsCount ?? io.sockets?.sockets?.size ?? -1,
  };
});
