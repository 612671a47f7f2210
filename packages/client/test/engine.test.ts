/**
 * Engine-level behaviour against a scripted fake Engine.IO polling server, for what real
 * servers do not do on demand: stay silent (ping timeout), send malformed packets (parse
 * error), and observe the client's pong and close packets on the wire.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { io, type Socket } from "../src/index.js";
import { once } from "./helpers.js";

interface FakeServer {
  url: string;
  /** Bodies the client POSTed, split into packets. */
  posted: string[];
  /** Queues packets for the pending (or next) GET. */
  push(...packets: string[]): void;
  close(): Promise<void>;
}

async function fakeServer(
  handshake: { pingInterval: number; pingTimeout: number },
  onPost: (packet: string, server: FakeServer) => void = () => {},
): Promise<FakeServer> {
  const queue: string[] = [];
  let pending: ServerResponse | undefined;
  const flush = () => {
    if (!pending || queue.length === 0) return;
    pending.writeHead(200, { "content-type": "text/plain" }).end(queue.splice(0).join("\x1e"));
    pending = undefined;
  };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET" && !url.searchParams.has("sid")) {
      const open = { sid: "fake", upgrades: [], maxPayload: 1e6, ...handshake };
      res.writeHead(200).end(`0${JSON.stringify(open)}`);
      return;
    }
    if (req.method === "GET") {
      pending = res;
      flush();
      return;
    }
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      res.writeHead(200).end("ok");
      for (const packet of body.split("\x1e")) {
        server.posted.push(packet);
        onPost(packet, server);
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const server: FakeServer = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    posted: [],
    push(...packets) {
      queue.push(...packets);
      flush();
    },
    async close() {
      pending?.writeHead(200).end("6");
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
  return server;
}

/** Answers CONNECT for "/" like a Socket.IO server. */
const acceptConnect = (packet: string, server: FakeServer) => {
  if (packet.startsWith("40")) server.push('40{"sid":"socket-1"}');
};

describe("engine session (fake polling server)", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const open = (url: string): Socket => {
    const socket = io(url, { forceNew: true, reconnection: false, transports: ["polling"] });
    cleanups.push(() => socket.disconnect());
    return socket;
  };

  it("answers a ping with a pong", async () => {
    const server = await fakeServer({ pingInterval: 25_000, pingTimeout: 20_000 }, (p, s) => {
      acceptConnect(p, s);
      if (p === "3") s.push("6");
    });
    cleanups.push(() => server.close());
    const socket = open(server.url);
    await once(socket, "connect");
    const pinged = once(socket.io, "ping");
    server.push("2");
    await pinged;
    await until(() => server.posted.includes("3"));
    expect(server.posted).toContain("3");
  });

  it("closes with 'ping timeout' when the server goes silent", async () => {
    const server = await fakeServer({ pingInterval: 30, pingTimeout: 30 }, acceptConnect);
    cleanups.push(() => server.close());
    const socket = open(server.url);
    // The timeout may fire before or after the CONNECT reply: watch the Manager's close.
    const [reason] = await once(socket.io, "close");
    expect(reason).toBe("ping timeout");
    expect(socket.status.value).toBe("disconnected");
  });

  it("buffers an emit and closes when the ping deadline passed unnoticed (throttled timers)", async () => {
    const server = await fakeServer({ pingInterval: 25_000, pingTimeout: 20_000 }, acceptConnect);
    cleanups.push(() => server.close());
    const socket = open(server.url);
    await once(socket, "connect");
    const closed = once(socket.io, "close");
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now + 60_000);
    try {
      socket.emit("late", 1);
    } finally {
      clock.mockRestore();
    }
    const [reason] = await closed;
    expect(reason).toBe("ping timeout");
    expect(server.posted.some((p) => p.includes("late"))).toBe(false);
  });

  it("closes with 'parse error' on a malformed Socket.IO packet, and says goodbye", async () => {
    const server = await fakeServer({ pingInterval: 25_000, pingTimeout: 20_000 }, acceptConnect);
    cleanups.push(() => server.close());
    const socket = open(server.url);
    await once(socket, "connect");
    const disconnected = once(socket, "disconnect");
    server.push("4{not a packet");
    const [reason] = await disconnected;
    expect(reason).toBe("parse error");
    await until(() => server.posted.includes("1"));
    expect(server.posted.at(-1)).toBe("1");
  });

  it("reports an invalid CONNECT reply as connect_error", async () => {
    const server = await fakeServer({ pingInterval: 25_000, pingTimeout: 20_000 }, (p, s) => {
      if (p.startsWith("40")) s.push("40{}");
    });
    cleanups.push(() => server.close());
    const socket = open(server.url);
    const [error] = await once<[Error]>(socket, "connect_error");
    expect(error.message).toMatch(/sid/);
  });
});

describe("connect timeout", () => {
  it("fails with 'timeout' when the handshake never comes", async () => {
    const held: ServerResponse[] = [];
    const http = createServer((_req, res) => held.push(res));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const socket = io(url, { forceNew: true, reconnection: false, timeout: 100 });
    try {
      const [error] = await once<[Error]>(socket, "connect_error");
      expect(error.message).toBe("timeout");
      expect(socket.lastError.value).toBe(error);
    } finally {
      socket.disconnect();
      for (const res of held) res.destroy();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

/** Polls `predicate` on each macrotask until it holds (awaits I/O, not a duration). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}
