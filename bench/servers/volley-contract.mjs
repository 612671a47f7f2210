// @volley/server with an event contract (zod schemas through Standard Schema), as a bench
// child: the same handlers as `volley.mjs`, but every incoming event is validated before them.
// Compared with `volley` in the same run (`--servers=volley,volley-contract`), it shows what a
// contract costs. Production settings: outgoing checks off, as with NODE_ENV=production.
import { createServer } from "node:http";
import { defineEvents, Server } from "@volley/server";
import { z } from "zod";
import { hostServer } from "../lib/server-host.mjs";
import { listen, socketIoHandlers } from "./io-handlers.mjs";

const Echo = z.object({ i: z.number().int().nonnegative(), s: z.string().max(1_000) });

const benchEvents = defineEvents({
  clientToServer: {
    echo: { args: [Echo], ack: Echo },
    progress: { args: [z.number().int().nonnegative()] },
  },
  serverToClient: {
    tick: { args: [z.object({ n: z.number(), t: z.number() })] },
  },
});

hostServer(async (hooks) => {
  const httpServer = createServer();
  const io = new Server(httpServer, { events: benchEvents, validateOutgoing: false });
  io.on("connection", socketIoHandlers(hooks));
  return {
    port: await listen(httpServer),
    broadcast: (n, t) => io.to("room").emit("tick", { n, t }),
    connections: () => io.engine?.clientsCount ?? io.sockets?.sockets?.size ?? -1,
  };
});
