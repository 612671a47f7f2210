/**
 * The official `@socket.io/admin-ui` (unmodified, from npm) instrumenting a Volley server: its
 * `instrument(io)` runs without throwing, and an admin client (socket.io-client on `/admin`, as
 * the dashboard is) sees the sockets, their transport and rooms, live events, server stats with
 * packet and byte counters, and its actions (join, leave, emit, disconnect) take effect.
 */
import { instrument } from "@socket.io/admin-ui";
import type { Socket as ClientSocket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { connected, once, startServer, type TestServer, TRANSPORTS } from "../io/helpers.js";

interface SerializedSocket {
  id: string;
  clientId: string;
  transport: string;
  nsp: string;
  rooms: string[];
  handshake: { address: string; query: Record<string, unknown>; headers: Record<string, unknown> };
}

interface AggregatedEvent {
  type: string;
  count: number;
}

interface ServerStats {
  clientsCount: number;
  pollingClientsCount: number;
  namespaces: { name: string; socketsCount: number }[];
  aggregatedEvents: AggregatedEvent[];
}

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Waits for the first `event` whose arguments pass `match`. */
function waitFor<T extends unknown[]>(
  socket: ClientSocket,
  event: string,
  match: (...args: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (...args: unknown[]) => {
      if (!match(...(args as T))) return;
      socket.off(event, listener);
      resolve(args as T);
    };
    socket.on(event, listener);
  });
}

async function start(transport: "websocket" | "polling"): Promise<TestServer> {
  server = await startServer(transport);
  server.io.on("connection", (socket) => {
    socket.join("lobby");
    socket.on("hello", (text: string, ack: (reply: string) => void) => ack(`hi ${text}`));
  });
  server.io.of("/chat");
  instrument(server.io as never, { auth: false, mode: "development" });
  return server;
}

describe.each(TRANSPORTS)("@socket.io/admin-ui over %s", (transport) => {
  it("lists the sockets with transport and rooms, then reports new ones and their rooms", async () => {
    const srv = await start(transport);
    const first = await connected(srv.client("/"));
    const admin = srv.client("/admin");
    // both arrive in one polling response: listen to both before awaiting either
    const allSockets = once<[SerializedSocket[]]>(admin, "all_sockets");
    const [config] = await once<[{ supportedFeatures: string[] }]>(admin, "config");
    expect(config.supportedFeatures).toEqual(
      expect.arrayContaining(["EMIT", "JOIN", "LEAVE", "DISCONNECT", "ALL_EVENTS"]),
    );
    const [all] = await allSockets;
    const listed = all.find((s) => s.id === first.id);
    expect(listed).toMatchObject({ nsp: "/", transport });
    expect(listed!.rooms.sort()).toEqual([first.id, "lobby"].sort());
    expect(listed!.clientId).toMatch(/^.{1,12}$/);
    expect(listed!.handshake.address).toBe("127.0.0.1");

    const connectedEvent = waitFor<[SerializedSocket]>(
      admin,
      "socket_connected",
      (s) => s.nsp === "/chat",
    );
    const joined = waitFor<[string, string, string]>(
      admin,
      "room_joined",
      (nsp) => nsp === "/chat",
    );
    const second = await connected(srv.client("/chat"));
    const [socketInfo] = await connectedEvent;
    expect(socketInfo).toMatchObject({ id: second.id, nsp: "/chat", transport });
    expect((await joined).slice(0, 3)).toEqual(["/chat", second.id, second.id]);
  });

  it("reports incoming and outgoing events (development mode)", async () => {
    const srv = await start(transport);
    const admin = srv.client("/admin");
    await once(admin, "all_sockets");
    const user = await connected(srv.client("/"));
    const received = waitFor<[string, string, unknown[]]>(
      admin,
      "event_received",
      (_n, id) => id === user.id,
    );
    const sent = waitFor<[string, string, unknown[]]>(
      admin,
      "event_sent",
      (_n, id) => id === user.id,
    );
    expect(await user.emitWithAck("hello", "volley")).toBe("hi volley");
    const [nsp, , args] = await received;
    expect([nsp, args]).toEqual(["/", ["hello", "volley"]]);
    const serverSocket = srv.io.sockets.sockets.get(user.id!)!;
    serverSocket.emit("news", 42);
    expect((await sent)[2]).toEqual(["news", 42]);
  });

  it("sends server stats with clients, namespaces, and packet and byte counters", async () => {
    const srv = await start(transport);
    const admin = srv.client("/admin");
    await once(admin, "all_sockets");
    // the stats arrive every 2 s, each with the counts since the previous one: the user's
    // traffic may be split over several, so gather from before it connects
    const seen = new Set<string>();
    const gathered = waitFor<[ServerStats]>(admin, "server_stats", (s) => {
      for (const e of s.aggregatedEvents) if (e.count > 0) seen.add(e.type);
      const all = ["rawConnection", "packetsIn", "bytesIn", "packetsOut", "bytesOut"];
      return s.clientsCount === 2 && all.every((type) => seen.has(type));
    });
    const user = await connected(srv.client("/"));
    await user.emitWithAck("hello", "stats");
    const [stats] = await gathered;
    expect(stats.clientsCount).toBe(2);
    expect(stats.pollingClientsCount).toBe(transport === "polling" ? 2 : 0);
    expect(stats.namespaces).toEqual(
      expect.arrayContaining([
        { name: "/", socketsCount: 1 },
        { name: "/chat", socketsCount: 0 },
        { name: "/admin", socketsCount: 1 },
      ]),
    );
  });

  it("runs the dashboard's actions: join, leave, emit, disconnect", async () => {
    const srv = await start(transport);
    const admin = srv.client("/admin");
    await once(admin, "all_sockets");
    const user = await connected(srv.client("/"));
    const other = await connected(srv.client("/"));

    const joined = waitFor<[string, string]>(admin, "room_joined", (_n, room) => room === "vip");
    admin.emit("join", "/", "vip", user.id);
    expect((await joined)[0]).toBe("/");
    expect([...srv.io.sockets.adapter.rooms.get("vip")!]).toEqual([user.id]);

    const greeted = once<[string]>(user, "greet");
    admin.emit("emit", "/", "vip", "greet", "from admin");
    expect(await greeted).toEqual(["from admin"]);

    const left = waitFor<[string, string, string]>(
      admin,
      "room_left",
      (_n, room) => room === "vip",
    );
    admin.emit("leave", "/", "vip", user.id);
    expect((await left)[2]).toBe(user.id);
    expect(srv.io.sockets.adapter.rooms.has("vip")).toBe(false);

    const userId = user.id; // the client forgets its id on disconnect
    const gone = waitFor<[string, string, string]>(
      admin,
      "socket_disconnected",
      (_n, id) => id === userId,
    );
    const userDisconnect = once<[string, unknown]>(user, "disconnect");
    admin.emit("_disconnect", "/", false, user.id);
    expect((await userDisconnect)[0]).toBe("io server disconnect");
    expect((await gone)[2]).toBe("server namespace disconnect");
    expect(other.connected).toBe(true);
  });
});

describe("@socket.io/admin-ui and upgrades", () => {
  it("reports the polling -> websocket upgrade of a default client", async () => {
    server = await startServer("polling");
    instrument(server.io as never, { auth: false, mode: "development" });
    const admin = server.client("/admin", { transports: ["websocket"] });
    await once(admin, "all_sockets");
    const updated = waitFor<[{ transport?: string }]>(
      admin,
      "socket_updated",
      (u) => u.transport !== undefined,
    );
    server.client("/", { transports: ["polling", "websocket"] });
    expect((await updated)[0].transport).toBe("websocket");
  });
});

describe("@socket.io/admin-ui with basic auth", () => {
  it("refuses wrong credentials with a connect_error", async () => {
    server = await startServer("websocket");
    // bcrypt hash of "admin-password" (cost 10), as the admin-ui README shows how to make one
    const password = "$2b$10$heqvAkYMez.Va6Et2uXInOnkCT6/uQj1brkrbyG3LpopDklcq7ZOS";
    instrument(server.io as never, { auth: { type: "basic", username: "admin", password } });
    const admin = server.client("/admin", { auth: { username: "admin", password: "nope" } });
    const [err] = await once<[Error]>(admin, "connect_error");
    expect(err.message).toBe("invalid credentials");
  });
});
