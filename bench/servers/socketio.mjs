// The official socket.io server (default options, no client bundle served; the ping interval is
// the default 25 s unless the scale scenario shortens it), as a bench child.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { hostServer } from "../lib/server-host.mjs";
import { PING_INTERVAL } from "../lib/wire.mjs";
import { listen, socketIoHandlers } from "./io-handlers.mjs";

hostServer(async (hooks) => {
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false, pingInterval: PING_INTERVAL });
  io.on("connection", socketIoHandlers(hooks));
  return {
    port: await listen(httpServer),
    broadcast: (n, t) => io.to("room").emit("tick", { n, t }),
    connections: () => io.engine.clientsCount,
  };
});
