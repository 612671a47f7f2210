/**
 * @volley/metrics against a real Volley server and official socket.io-client peers: each
 * metric moves when the thing it counts happens, read back through the `/metrics` handler.
 */
import type { EventEmitter } from "node:events";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidOptionError, Server } from "@volley/server";
import { Registry } from "prom-client";
import { type Socket as ClientSocket, io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { collectMetrics, type VolleyMetrics } from "../src/index.js";

interface Setup {
  io: Server;
  http: HttpServer;
  url: string;
  metrics: VolleyMetrics;
  clients: ClientSocket[];
}

let setup: Setup | undefined;

afterEach(async () => {
  if (!setup) return;
  for (const client of setup.clients) client.disconnect();
  setup.metrics.close();
  await setup.io.close();
  setup = undefined;
});

async function start(): Promise<Setup> {
  const http = createServer();
  const io = new Server(http);
  const metrics = collectMetrics(io);
  http.on("request", (req, res) => {
    if (req.url === "/metrics") metrics.handler(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  setup = { io, http, url, metrics, clients: [] };
  return setup;
}

function connect(s: Setup, nsp = "/", transports = ["websocket"]): Promise<ClientSocket> {
  const client = ioc(`${s.url}${nsp}`, { forceNew: true, reconnection: false, transports });
  s.clients.push(client);
  return new Promise((resolve, reject) => {
    client.once("connect", () => resolve(client));
    client.once("connect_error", reject);
  });
}

/** Scrapes `/metrics` over HTTP and returns the value of one sample line (0 when absent). */
async function scrape(s: Setup): Promise<string> {
  const res = await fetch(`${s.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
}

function sample(text: string, line: string): number {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

describe("collectMetrics", () => {
  it("serves the gauges: clients by transport, sockets per namespace, rooms", async () => {
    const s = await start();
    s.io.of("/chat").on("connection", (socket) => socket.join(["a", "b"]));
    await connect(s, "/");
    await connect(s, "/chat", ["polling"]);
    const text = await scrape(s);
    expect(sample(text, 'volley_engine_clients{transport="websocket"}')).toBe(1);
    expect(sample(text, 'volley_engine_clients{transport="polling"}')).toBe(1);
    expect(sample(text, 'volley_sockets{namespace="/"}')).toBe(1);
    expect(sample(text, 'volley_sockets{namespace="/chat"}')).toBe(1);
    expect(sample(text, 'volley_rooms{namespace="/chat"}')).toBe(2);
    expect(sample(text, 'volley_rooms{namespace="/"}')).toBe(0);
    expect(sample(text, "volley_engine_connections_total")).toBe(2);
  });

  it("counts events, messages and bytes both ways, broadcasts and their fan-out", async () => {
    const s = await start();
    s.io.on("connection", (socket) => {
      socket.on("ping", (ack: (reply: string) => void) => ack("pong"));
    });
    const a = await connect(s);
    await connect(s);
    const before = await scrape(s);
    expect(await a.emitWithAck("ping")).toBe("pong");
    const got = new Promise((resolve) => a.once("news", resolve));
    s.io.emit("news", "x".repeat(100));
    await got;
    const after = await scrape(s);
    const delta = (line: string) => sample(after, line) - sample(before, line);
    expect(delta('volley_events_received_total{namespace="/"}')).toBe(1);
    expect(delta("volley_messages_received_total")).toBe(1);
    expect(delta("volley_bytes_received_total")).toBeGreaterThan(0);
    // the ack, then the broadcast to two sockets
    expect(delta("volley_messages_sent_total")).toBe(3);
    expect(delta("volley_bytes_sent_total")).toBeGreaterThan(200);
    expect(delta("volley_broadcasts_total")).toBe(1);
    expect(delta("volley_broadcast_recipients_total")).toBe(2);
  });

  it("counts pending and timed-out acknowledgements", async () => {
    const s = await start();
    const client = await connect(s);
    const socket = s.io.sockets.sockets.get(client.id!)!;
    // the client has no listener for these events, so no ack ever comes
    socket.emit("silent", () => {});
    expect(sample(await scrape(s), "volley_acks_pending")).toBe(1);
    const timedOut = await new Promise<Error | null>((resolve) => {
      socket.timeout(10).emit("silent", (err: Error | null) => resolve(err));
    });
    expect(timedOut).toBeInstanceOf(Error);
    const text = await scrape(s);
    expect(sample(text, "volley_acks_pending")).toBe(1);
    expect(sample(text, "volley_acks_timed_out_total")).toBe(1);
  });

  it("counts refused handshakes by code and disconnections by reason", async () => {
    const s = await start();
    const res = await fetch(`${s.url}/socket.io/?EIO=4&transport=bogus`);
    expect(res.status).toBe(400);
    const client = await connect(s);
    const session = [...s.io.engine.clients.values()][0]!;
    const gone = new Promise((resolve) => session.once("close", resolve));
    client.disconnect();
    await gone;
    const text = await scrape(s);
    expect(
      sample(text, 'volley_handshake_failures_total{code="0",message="Transport unknown"}'),
    ).toBe(1);
    expect(sample(text, 'volley_engine_disconnections_total{reason="transport close"}')).toBe(1);
    expect(sample(text, "volley_send_buffer_overflow_disconnects_total")).toBe(0);
  });

  it("counts polling-to-websocket upgrades", async () => {
    const s = await start();
    const client = await connect(s, "/", ["polling", "websocket"]);
    if (client.io.engine.transport.name !== "websocket") {
      await new Promise((resolve) => client.io.engine.once("upgrade", resolve));
    }
    const text = await scrape(s);
    expect(sample(text, 'volley_upgrades_total{transport="websocket"}')).toBe(1);
    expect(sample(text, 'volley_engine_clients{transport="websocket"}')).toBe(1);
  });

  it("counts failed upgrades (a probe the client drops)", async () => {
    const s = await start();
    const open = await (await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`)).text();
    const { sid } = JSON.parse(open.slice(1)) as { sid: string };
    const session = s.io.engine.clients.get(sid)!;
    const failed = new Promise<[{ name: string }, string]>((resolve) =>
      session.once("upgradeError", (transport, reason) => resolve([transport, reason])),
    );
    const probe = new WebSocket(
      `${s.url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket&sid=${sid}`,
    );
    probe.once("open", () => probe.close());
    const [transport, reason] = await failed;
    expect(transport.name).toBe("websocket");
    expect(reason).toContain("probe");
    const text = await scrape(s);
    expect(sample(text, 'volley_upgrade_failures_total{transport="websocket"}')).toBe(1);
    expect(sample(text, 'volley_upgrades_total{transport="websocket"}')).toBe(0);
    session.close();
  });

  it("counts limit_exceeded and invalid_event announcements, and adapter request events", async () => {
    const s = await start();
    // stand-ins for the server's announcements and the Redis adapter's event: an announcement
    // goes to the listeners `io.on(event)` registered, on the server itself (a server event:
    // limit_exceeded) or on the main namespace (an event the server does not know yet)
    type Listeners = { rawListeners(e: string): ((...a: unknown[]) => void)[] };
    const announce = (event: string, ...args: unknown[]) => {
      for (const target of [s.io, s.io.sockets] as unknown as Listeners[]) {
        for (const listener of target.rawListeners(event)) listener(...args);
      }
    };
    announce("limit_exceeded", { limit: "events", action: "drop" });
    announce("invalid_event", { event: "x" });
    (s.io.sockets.adapter as unknown as EventEmitter).emit("request", {
      operation: "fetchSockets",
      durationMs: 12,
      error: new Error("timeout"),
    });
    const text = await scrape(s);
    expect(sample(text, 'volley_limit_exceeded_total{limit="events",action="drop"}')).toBe(1);
    expect(sample(text, "volley_invalid_events_total")).toBe(1);
    expect(
      sample(text, 'volley_adapter_request_failures_total{namespace="/",operation="fetchSockets"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'volley_adapter_request_duration_seconds_count{namespace="/",operation="fetchSockets"}',
      ),
    ).toBe(1);
  });

  it("uses a given registry and prefix, and close() removes its metrics", async () => {
    const register = new Registry();
    const io = new Server();
    const metrics = collectMetrics(io, { register, prefix: "chat_" });
    expect(await register.metrics()).toContain("chat_sockets");
    metrics.close();
    expect(await register.metrics()).not.toContain("chat_sockets");
    await io.close();
  });

  it("refuses a bad option with an InvalidOptionError", () => {
    const io = new Server();
    expect(() => collectMetrics(io, { prefx: "x" } as never)).toThrow(InvalidOptionError);
    expect(() => collectMetrics(io, { prefix: "bad prefix" })).toThrow(/prefix/);
    expect(() => collectMetrics(io, { traffic: "yes" } as never)).toThrow(InvalidOptionError);
    void io.close();
  });
});
