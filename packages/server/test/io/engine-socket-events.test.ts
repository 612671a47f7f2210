/**
 * The engine socket (`socket.conn`) as engine.io exposes it, against the official
 * socket.io-client: `packet` / `packetCreate` / `flush` events with engine.io's packet shapes
 * (a broadcast's shared frame included), a public `transport` with `.name`, and `upgrading` /
 * `upgrade` handing over the transport object.
 */

import { afterEach, describe, expect, it } from "vitest";
import type { EnginePacketEvent, Transport } from "../../src/engine/index.js";
import { packetsWatched } from "../../src/engine/packet-events.js";
import { connected, once, startServer, type TestServer } from "./helpers.js";

let t: TestServer | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("socket.conn packet events", () => {
  for (const transport of ["websocket", "polling"] as const) {
    it(`emits packet and packetCreate in engine.io's shape over ${transport}`, async () => {
      t = await startServer(transport);
      const created: EnginePacketEvent[] = [];
      const received: EnginePacketEvent[] = [];
      const flushed: EnginePacketEvent[][] = [];
      const serverSocket = once<[import("../../src/index.js").Socket]>(t.io, "connection");
      const client = t.client();
      const [socket] = await serverSocket;
      socket.conn.on("packetCreate", (packet) => created.push(packet));
      socket.conn.on("packet", (packet) => received.push(packet));
      socket.conn.on("flush", (packets) => flushed.push(packets));
      await connected(client);

      const gotPing = once(socket, "ping");
      client.emit("ping", 1);
      await gotPing;
      expect(received).toContainEqual({ type: "message", data: '2["ping",1]' });

      const gotHello = once(client, "hello");
      socket.emit("hello", "a");
      await gotHello;
      expect(created).toContainEqual({
        type: "message",
        data: '2["hello","a"]',
        options: { compress: true },
      });

      // a broadcast goes out as one shared prepared frame: the event still has engine.io's shape
      const gotNews = once(client, "news");
      t.io.compress(false).emit("news", 2);
      await gotNews;
      expect(created).toContainEqual({
        type: "message",
        data: '2["news",2]',
        options: { compress: false },
      });
      expect(flushed.flat()).toContainEqual({
        type: "message",
        data: '2["news",2]',
        options: { compress: false },
      });

      // binary arrives as a Buffer (socket.io sends attachments as separate engine packets)
      const gotBin = once(socket, "bin");
      client.emit("bin", new Uint8Array([7, 8]));
      await gotBin;
      const binary = received.find((p) => Buffer.isBuffer(p.data));
      expect(binary).toEqual({ type: "message", data: Buffer.from([7, 8]) });
    });
  }

  it("sees the client's pongs as packets and the server's pings as created packets", async () => {
    t = await startServer("websocket", { pingInterval: 50, pingTimeout: 5000 });
    const serverSocket = once<[import("../../src/index.js").Socket]>(t.io, "connection");
    await connected(t.client());
    const [socket] = await serverSocket;
    const created: EnginePacketEvent[] = [];
    socket.conn.on("packetCreate", (packet) => created.push(packet));
    const [pong] = await once<[EnginePacketEvent]>(socket.conn, "packet");
    expect(pong).toEqual({ type: "pong" });
    expect(created).toContainEqual({ type: "ping", options: { compress: true } });
  });

  it("leaves the watch flag off while only message-level listeners exist", async () => {
    t = await startServer("websocket");
    const serverSocket = once<[import("../../src/index.js").Socket]>(t.io, "connection");
    await connected(t.client());
    const [socket] = await serverSocket;
    expect(socket.conn[packetsWatched]).toBe(false);
    socket.conn.once("packetCreate", () => {});
    expect(socket.conn[packetsWatched]).toBe(true);
  });
});

describe("socket.conn.transport and upgrade events", () => {
  it("exposes the transport and hands the transport object to upgrading/upgrade", async () => {
    t = await startServer("polling");
    const seen = new Promise<{
      first: string;
      probing: Transport;
      upgraded: Transport;
      now: Transport;
    }>((resolve) => {
      t!.io.on("connection", (socket) => {
        const first = socket.conn.transport.name;
        socket.conn.once("upgrading", (probing) => {
          socket.conn.once("upgrade", (upgraded) => {
            resolve({ first, probing, upgraded, now: socket.conn.transport });
          });
        });
      });
    });
    await connected(t.client("/", { transports: ["polling", "websocket"] }));
    const { first, probing, upgraded, now } = await seen;
    expect(first).toBe("polling");
    expect(upgraded.name).toBe("websocket");
    expect(probing).toBe(upgraded);
    expect(now).toBe(upgraded);
  });
});
