/**
 * A Volley server for one test: your app's own setup run on a fresh `Server` (or your app's
 * own `{ httpServer, io }`) listening on 127.0.0.1 port 0, test clients that it tracks, room
 * queries, a sync barrier, heartbeat-safe fake time, and a `close()` that leaves no open
 * handles (clients, sessions, sockets, the listener).
 */
import { strict as assert } from "node:assert";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo, Socket as NetSocket } from "node:net";
import type { DefaultEventsMap, EventsMap } from "@volley/client";
import { type DefaultSocketData, Server, type ServerOptions, type Socket } from "@volley/server";
import { nextTurns, realClearTimeout, realSetTimeout, withDeadline } from "./real-timers.js";
import { SYNC_EVENT, TestClient, type TestClientOptions } from "./test-client.js";

/**
 * Your setup: attach your handlers to `io`. If it returns (or resolves to) a function, close()
 * runs it first (stop your app's intervals there); any other return value is ignored.
 */
export type Setup<L extends EventsMap, E extends EventsMap, S extends EventsMap, D> = (
  io: Server<L, E, S, D>,
  httpServer: HttpServer,
) => unknown;

export interface TestServerOptions {
  /** Options of `new Server()` (createTestServer only): only documented ones. */
  server?: Partial<ServerOptions>;
  /** Defaults for every client of connect() / client(). */
  client?: TestClientOptions;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
}

/** Something that advances fake time: `(ms) => vi.advanceTimersByTimeAsync(ms)`, `(ms) => mock.timers.tick(ms)`. */
export type AdvanceClock = (ms: number) => unknown;

export class TestServer<
  L extends EventsMap = DefaultEventsMap,
  E extends EventsMap = DefaultEventsMap,
  S extends EventsMap = DefaultEventsMap,
  D = DefaultSocketData,
> {
  private readonly clients = new Set<TestClient<E, L>>();
  /** Server-side TCP sockets (HTTP and upgraded), so close() can wait until each is closed. */
  private readonly connections = new Set<NetSocket>();
  private closing: Promise<void> | undefined;

  constructor(
    readonly io: Server<L, E, S, D>,
    readonly httpServer: HttpServer,
    /** `http://127.0.0.1:<port>` */
    readonly url: string,
    private readonly clientDefaults: TestClientOptions,
    private readonly teardown: (() => void | Promise<void>) | undefined,
  ) {
    httpServer.on("connection", (socket: NetSocket) => {
      this.connections.add(socket);
      socket.once("close", () => this.connections.delete(socket));
    });
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** A client that is not connected yet (for connect-error tests: `client().connect()` rejects). */
  client(options: TestClientOptions = {}): TestClient<E, L> {
    const client = new TestClient<E, L>(this.url, { ...this.clientDefaults, ...options });
    this.clients.add(client);
    return client;
  }

  /** A connected client; rejects with the server's CONNECT_ERROR when refused. */
  connect(options: TestClientOptions = {}): Promise<TestClient<E, L>> {
    return this.client(options).connect();
  }

  /** The server side of a connected client. */
  socketOf(client: TestClient<E, L>, namespace = "/"): Socket<L, E, S, D> {
    const socket =
      client.id === undefined ? undefined : this.io.of(namespace).sockets.get(client.id);
    if (!socket) throw new Error(`no server socket for client ${client.id ?? "(not connected)"}`);
    return socket;
  }

  /** Ids of the sockets in `room`, sorted (through `fetchSockets`, so adapters count too). */
  async socketsIn(room: string, namespace = "/"): Promise<string[]> {
    const sockets = await this.io.of(namespace).in(room).fetchSockets();
    return sockets.map((socket) => socket.id).sort();
  }

  /** The rooms a client's server socket is in (its own id room included), sorted. */
  roomsOf(client: TestClient<E, L>, namespace = "/"): string[] {
    return [...this.socketOf(client, namespace).rooms].sort();
  }

  /**
   * Throws an AssertionError unless `room` holds exactly `clients` (node:assert, so it works in
   * vitest, node:test and anything else).
   */
  async assertRoom(room: string, clients: TestClient<E, L>[], namespace = "/"): Promise<void> {
    const actual = await this.socketsIn(room, namespace);
    const expected = clients.map((c) => c.id ?? "(not connected)").sort();
    assert.deepEqual(actual, expected, `sockets in room "${room}"`);
  }

  /**
   * Resolves once `client` has handled everything the server sent it before this call (and the
   * server has read everything the client sent before it answered): a round trip through the
   * client's built-in sync handler.
   */
  async sync(client: TestClient<E, L>, namespace = "/"): Promise<void> {
    const socket = this.socketOf(client, namespace) as unknown as {
      emitWithAck(event: string): Promise<unknown>;
    };
    await withDeadline(socket.emitWithAck(SYNC_EVENT), client.timeoutMs, "the sync round trip");
  }

  /**
   * Advances fake time by `ms` without losing connections to the heartbeat: in steps of half
   * the shorter of the ping interval and the ping timeout, syncing every connected client after each step so that pings
   * sent during a step are answered (pongs read) before the next one. Pass your fake clock's
   * advance function: `(ms) => vi.advanceTimersByTimeAsync(ms)` or `(ms) => mock.timers.tick(ms)`.
   * `stepMs` overrides the step.
   */
  async advanceTime(
    ms: number,
    advance: AdvanceClock,
    options: { stepMs?: number } = {},
  ): Promise<void> {
    const step = Math.max(1, Math.floor(options.stepMs ?? this.heartbeatStep()));
    let left = ms;
    while (left > 0) {
      const now = Math.min(step, left);
      await advance(now);
      left -= now;
      const connected = [...this.clients].filter((c) => c.connected);
      await Promise.all(connected.map((c) => this.sync(c)));
    }
  }

  /** Half the shorter of the server's ping interval and ping timeout (Socket.IO's defaults if unknown). */
  private heartbeatStep(): number {
    const engine = this.io.engine as { options?: { pingInterval?: number; pingTimeout?: number } };
    const { pingInterval = 25_000, pingTimeout = 20_000 } = engine.options ?? {};
    return Math.min(pingInterval, pingTimeout) / 2;
  }

  /**
   * Disconnects every client, runs the setup's teardown, closes the server (sessions, the
   * listener) and waits until the HTTP server is closed. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const client of this.clients) client.disconnect();
    this.clients.clear();
    await this.teardown?.();
    const closed = this.httpServer.listening
      ? new Promise<void>((resolve) => this.httpServer.once("close", () => resolve()))
      : Promise.resolve();
    await this.io.close();
    this.httpServer.closeAllConnections();
    await closed;
    // Upgraded (WebSocket) connections are not the HTTP server's any more: wait for their close
    // handshakes, and cut whatever is still open after a second.
    const open = [...this.connections];
    const cut = realSetTimeout(() => {
      for (const socket of open) socket.destroy();
    }, 1_000);
    await Promise.all(
      open.map((socket) =>
        socket.closed ? undefined : new Promise((resolve) => socket.once("close", resolve)),
      ),
    );
    realClearTimeout(cut);
    // The clients' ends close once they have read the server's FIN: a few turns of the loop.
    await nextTurns(3);
  }
}

async function listen(httpServer: HttpServer, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(0, host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * Starts a Volley server on port 0 around your setup function.
 *
 * @example
 * const server = await createTestServer<ClientToServer, ServerToClient>((io) => attachChat(io));
 * const ada = await server.connect({ auth: { nickname: "ada" } });
 * expect(await ada.emitWithAck("room:join", "lobby")).toMatchObject({ ok: true });
 * await server.close();
 */
export async function createTestServer<
  L extends EventsMap = DefaultEventsMap,
  E extends EventsMap = DefaultEventsMap,
  S extends EventsMap = DefaultEventsMap,
  D = DefaultSocketData,
>(setup?: Setup<L, E, S, D>, options: TestServerOptions = {}): Promise<TestServer<L, E, S, D>> {
  const httpServer = createServer();
  const io = new Server<L, E, S, D>(httpServer, options.server ?? {});
  let teardown: (() => void | Promise<void>) | undefined;
  try {
    const returned: unknown = await setup?.(io, httpServer);
    // Only a function is a teardown; anything else a setup happens to return is ignored.
    if (typeof returned === "function") teardown = returned as () => void | Promise<void>;
    const url = await listen(httpServer, options.host ?? "127.0.0.1");
    return new TestServer(io, httpServer, url, options.client ?? {}, teardown);
  } catch (error) {
    await teardown?.();
    await io.close();
    throw error;
  }
}

/**
 * Starts your app's own server (`{ httpServer, io }`, as your `createApp()` returns it) on
 * port 0. `close()` closes it.
 *
 * @example
 * const server = await serveApp(createApp());
 */
export async function serveApp<
  L extends EventsMap = DefaultEventsMap,
  E extends EventsMap = DefaultEventsMap,
  S extends EventsMap = DefaultEventsMap,
  D = DefaultSocketData,
>(
  app: { httpServer: HttpServer; io: Server<L, E, S, D> },
  options: Omit<TestServerOptions, "server"> & { teardown?: () => void | Promise<void> } = {},
): Promise<TestServer<L, E, S, D>> {
  const url = await listen(app.httpServer, options.host ?? "127.0.0.1");
  return new TestServer(app.io, app.httpServer, url, options.client ?? {}, options.teardown);
}
