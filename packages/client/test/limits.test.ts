/**
 * What @volley/client shows when a Volley server's limits refuse it: a flood over WebSocket,
 * polling and SSE gets `rate_limited` ack answers (the rest of the connection, and other
 * clients, carry on), and the "disconnect" action shows as a `rate_limited` event followed by
 * "io server disconnect" (no automatic reconnection).
 */
import { afterEach, describe, expect, it } from "vitest";
import "../src/sse.js"; // registers the opt-in SSE transport
import { io, type Socket } from "../src/index.js";
import { serverKinds, startServer, type TestServer } from "./helpers.js";

const NEVER = 1e-9;

describe.runIf(serverKinds.includes("volley")).each(["websocket", "polling", "sse"] as const)(
  "a Volley server's limits seen by @volley/client over %s",
  (transport) => {
    let server: TestServer;
    const sockets: Socket[] = [];
    afterEach(async () => {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await server?.close();
    });

    function client(): Promise<Socket> {
      const socket = io(server.url, {
        transports: [transport],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      return new Promise((resolve) => socket.once("connect", () => resolve(socket)));
    }

    it("answers a flood rate_limited and spares a calm client", async () => {
      server = await startServer(
        "volley",
        { limits: { events: { perSecond: NEVER, burst: 10 } } },
        (ioServer) => {
          ioServer.on("connection", (socket: { on: (e: string, f: unknown) => void }) => {
            socket.on("echo", (n: number, ack: (n: number) => void) => ack(n));
          });
        },
      );
      const flooder = await client();
      const calm = await client();
      const replies = await Promise.all(
        Array.from({ length: 30 }, (_, i) => flooder.emitWithAck("echo", i)),
      );
      expect(replies.filter((r) => typeof r === "number")).toHaveLength(10);
      expect(replies.at(-1)).toMatchObject({ error: "rate_limited", limit: "events" });
      expect(await calm.emitWithAck("echo", 99)).toBe(99);
      expect(flooder.connected).toBe(true);
    });

    it("shows the disconnect action as rate_limited then io server disconnect", async () => {
      server = await startServer("volley", {
        limits: { events: { perSecond: NEVER, burst: 2, action: "disconnect" } },
      });
      const socket = await client();
      const notice = new Promise((resolve) => socket.once("rate_limited", resolve));
      const reason = new Promise((resolve) => socket.once("disconnect", resolve));
      for (let i = 0; i < 5; i++) socket.emit("spam", i);
      expect(await notice).toMatchObject({ error: "rate_limited", limit: "events" });
      expect(await reason).toBe("io server disconnect");
    });
  },
);
