/**
 * The `disconnect` event's second argument, compared with socket.io-client's in the same
 * situation on the same server: `{ description, context }` for a transport the server closed
 * (WebSocket: "websocket connection closed" with the close event; polling: "transport closed by
 * the server"), an Error with `description` and `context` for a transport error, and nothing
 * for "io server disconnect" and "io client disconnect".
 */
import { io as officialIo } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { io } from "../src/index.js";
import { type AnyServer, once, serverKinds, startServer, type TestServer } from "./helpers.js";

type Shape =
  | { reason: string; details: "none" }
  | { reason: string; details: "error"; message: string; hasDescription: boolean }
  | { reason: string; details: "object"; description: unknown; hasContext: boolean };

/** What a `disconnect` listener can rely on, independent of the client's own classes. */
function shapeOf(reason: string, details: unknown): Shape {
  if (details === undefined) return { reason, details: "none" };
  if (details instanceof Error) {
    return {
      reason,
      details: "error",
      message: details.message,
      hasDescription: "description" in details,
    };
  }
  const d = details as { description?: unknown; context?: unknown };
  return {
    reason,
    details: "object",
    description: d.description,
    hasContext: d.context !== undefined,
  };
}

type Trigger = (serverSocket: AnyServer, server: TestServer, client: AnyServer) => void;

const scenarios: [string, "polling" | "websocket", Trigger][] = [
  ["the server closes the connection (websocket)", "websocket", (s) => s.conn.close()],
  ["the server closes the connection (polling)", "polling", (s) => s.conn.close()],
  ["the server disconnects the socket", "websocket", (s) => s.disconnect()],
  ["the client disconnects", "polling", (_s, _srv, c) => c.disconnect()],
  [
    "the polling request fails",
    "polling",
    (_s, srv) => {
      // refuse new connections and cut the open ones: the next (or pending) poll fails
      srv.http.close();
      srv.http.closeAllConnections();
    },
  ],
];

describe.each(serverKinds)("disconnect details with the %s server", (kind) => {
  const servers: TestServer[] = [];
  const clients: AnyServer[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function observe(
    which: "ours" | "official",
    transport: string,
    trigger: Trigger,
  ): Promise<Shape> {
    let connected!: (socket: AnyServer) => void;
    const serverSocket = new Promise<AnyServer>((resolve) => {
      connected = resolve;
    });
    const server = await startServer(kind, {}, (srv: AnyServer) => srv.on("connection", connected));
    servers.push(server);
    const options = { transports: [transport], forceNew: true, reconnection: false };
    const client: AnyServer =
      which === "ours" ? io(server.url, options as never) : officialIo(server.url, options);
    clients.push(client);
    await once(client, "connect");
    const disconnected = once<[string, unknown]>(client, "disconnect");
    trigger(await serverSocket, server, client);
    const [reason, details] = await disconnected;
    return shapeOf(reason, details);
  }

  it.each(scenarios)("%s: the same as socket.io-client", async (_name, transport, trigger) => {
    const official = await observe("official", transport, trigger);
    const ours = await observe("ours", transport, trigger);
    expect(ours).toEqual(official);
  });
});
