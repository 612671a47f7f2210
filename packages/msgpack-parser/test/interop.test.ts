/**
 * The `parser` option end to end, against the official packages: every pairing of server
 * (Volley, socket.io) and client (Volley, socket.io-client) with a msgpack parser (ours or the
 * official `socket.io-msgpack-parser`), over WebSocket and long-polling, exercising binary
 * values, acks both ways, a room broadcast and a second namespace. Port 0, loopback.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as volleyClient } from "@volley/client";
import { Server as VolleyServer } from "@volley/server";
import { Server as SocketIoServer } from "socket.io";
import { io as socketIoClient } from "socket.io-client";
import official from "socket.io-msgpack-parser";
import { afterEach, describe, expect, it } from "vitest";
import * as ours from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: both servers and both clients are driven through their public API
type Any = any;

const parsers = { ours, official } as const;
type ParserName = keyof typeof parsers;

interface Pairing {
  server: "volley" | "socket.io";
  serverParser: ParserName;
  client: "volley" | "socket.io-client";
  clientParser: ParserName;
}

const pairings: Pairing[] = [
  {
    server: "volley",
    serverParser: "official",
    client: "socket.io-client",
    clientParser: "official",
  },
  { server: "socket.io", serverParser: "official", client: "volley", clientParser: "official" },
  { server: "volley", serverParser: "ours", client: "volley", clientParser: "ours" },
  { server: "volley", serverParser: "ours", client: "socket.io-client", clientParser: "official" },
  { server: "socket.io", serverParser: "official", client: "volley", clientParser: "ours" },
  { server: "socket.io", serverParser: "ours", client: "socket.io-client", clientParser: "ours" },
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(kind: Pairing["server"], parser: unknown, setup: (io: Any) => void) {
  const http: HttpServer = createServer();
  const Ctor: Any = kind === "volley" ? VolleyServer : SocketIoServer;
  const io = new Ctor(http, { parser });
  setup(io);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    await new Promise<void>((resolve) => {
      const result = io.close(() => resolve());
      if (result?.then) result.then(resolve, resolve);
    });
    http.closeAllConnections();
  });
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

function connect(p: Pairing, url: string, transport: string): Any {
  const options = {
    parser: parsers[p.clientParser],
    transports: [transport],
    forceNew: true,
    reconnection: false,
  };
  const socket: Any =
    p.client === "volley" ? volleyClient(url, options as Any) : socketIoClient(url, options as Any);
  cleanups.push(() => {
    socket.disconnect();
  });
  return socket;
}

const next = (emitter: Any, event: string): Promise<unknown[]> =>
  new Promise((resolve) => emitter.once(event, (...args: unknown[]) => resolve(args)));

const bytes = (value: unknown) => Buffer.from(value as Uint8Array);

function app(io: Any): void {
  io.on("connection", (socket: Any) => {
    socket.join("room");
    socket.on("echo", (...args: unknown[]) => (args.pop() as (...a: unknown[]) => void)(...args));
    socket.on("shout", (payload: unknown) =>
      io.to("room").emit("shouted", payload, { from: socket.id }),
    );
    socket.on("ask", async (question: string, ack: (a: unknown) => void) => {
      const answer = await socket.timeout(5000).emitWithAck("question", question, Buffer.from([9]));
      ack(answer);
    });
  });
  io.of("/admin").on("connection", (socket: Any) => {
    socket.on("stats", (ack: (a: unknown) => void) =>
      ack({ sockets: io.of("/admin").sockets.size }),
    );
  });
}

describe.each(pairings)("$server ($serverParser) ⇄ $client ($clientParser)", (p) => {
  for (const transport of ["websocket", "polling"]) {
    it(`works over ${transport}: binary, acks both ways, rooms, namespaces`, async () => {
      const url = await startServer(p.server, parsers[p.serverParser], app);
      const a = connect(p, url, transport);
      const b = connect(p, url, transport);
      await Promise.all([next(a, "connect"), next(b, "connect")]);

      // client → server ack, with nested binary
      const echoed = await a
        .timeout(5000)
        .emitWithAck("echo", { n: 1, blob: Buffer.from([1, 2, 3]) }, [Buffer.from([4])]);
      expect((echoed as Any).n).toBe(1);
      expect(bytes((echoed as Any).blob)).toEqual(Buffer.from([1, 2, 3]));

      // room broadcast with binary reaches both clients
      const heardA = next(a, "shouted");
      const heardB = next(b, "shouted");
      a.emit("shout", Buffer.from([7, 8]));
      for (const [payload, meta] of await Promise.all([heardA, heardB])) {
        expect(bytes(payload)).toEqual(Buffer.from([7, 8]));
        expect((meta as Any).from).toBeTypeOf("string");
      }

      // server → client ack (the server asks while handling an event)
      a.on("question", (q: string, bin: unknown, ack: (x: unknown) => void) =>
        ack(`${q}:${bytes(bin)[0]}`),
      );
      expect(await a.timeout(5000).emitWithAck("ask", "hi")).toBe("hi:9");

      // a second namespace on the same connection
      const admin = a.io.socket("/admin"); // connects at once (autoConnect)
      if (!admin.connected) await next(admin, "connect");
      cleanups.push(() => admin.disconnect());
      expect(await admin.timeout(5000).emitWithAck("stats")).toEqual({ sockets: 1 });
    });
  }
});

describe("bad input with a msgpack parser", () => {
  it("closes a client that speaks the text codec, and keeps serving others (Volley server)", async () => {
    const errors: unknown[] = [];
    const url = await startServer("volley", ours, (io) => {
      app(io);
      io.on("error", (err: unknown) => errors.push(err));
    });
    const wrong: Any = socketIoClient(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    cleanups.push(() => wrong.disconnect());
    await next(wrong.io, "close");
    expect(wrong.connected).toBe(false);

    const right = connect(
      {
        server: "volley",
        serverParser: "ours",
        client: "socket.io-client",
        clientParser: "official",
      },
      url,
      "websocket",
    );
    await next(right, "connect");
    expect(await right.timeout(5000).emitWithAck("echo", 5)).toBe(5);
    expect(errors).toEqual([]);
  });

  it("closes with a parse error when a client's packet breaks the protocol (a reserved event)", async () => {
    const url = await startServer("volley", ours, app);
    const client = connect(
      {
        server: "volley",
        serverParser: "ours",
        client: "socket.io-client",
        clientParser: "official",
      },
      url,
      "websocket",
    );
    await next(client, "connect");
    const closed = next(client, "disconnect");
    // the official encoder writes whatever it is given: send a packet our server must refuse
    client.io.engine.write(
      (
        new official.Encoder().encode({
          type: 2,
          nsp: "/",
          data: ["disconnecting"],
        }) as unknown as Buffer[]
      )[0],
    );
    const [reason] = await closed;
    expect(reason).toBe("transport close");
  });

  it("the Volley client disconnects with 'parse error' (and the error) on bytes that are not msgpack", async () => {
    const url = await startServer("socket.io", ours, (io) => {
      // 0xc1 is the one byte msgpack never uses
      io.on("connection", (socket: Any) => socket.conn.write(Buffer.from([0xc1])));
    });
    const client = connect(
      { server: "socket.io", serverParser: "ours", client: "volley", clientParser: "ours" },
      url,
      "websocket",
    );
    const [reason, details] = await next(client, "disconnect");
    expect(reason).toBe("parse error");
    expect((details as Error).name).toBe("MsgpackParserError");
  });
});
