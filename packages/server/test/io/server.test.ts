import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULTS, Server } from "../../src/index.js";
import { connected, once, startServer, type TestServer, TRANSPORTS } from "./helpers.js";

describe("Server construction", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("has Socket.IO's defaults", () => {
    expect(DEFAULTS.connectTimeout).toBe(45_000);
    const io = new Server();
    closers.push(() => io.close());
    expect(io.opts.connectTimeout).toBe(45_000);
    expect(io.opts.connectionStateRecovery).toBeUndefined();
    expect(io.engine.options).toMatchObject({
      path: "/socket.io/",
      pingInterval: 25_000,
      pingTimeout: 20_000,
    });
    expect(io.engine.clientsCount).toBe(0);
  });

  it("takes options only, then listen(httpServer) with a custom path", async () => {
    const io = new Server({ path: "/custom-path", pingInterval: 1000 });
    closers.push(() => io.close());
    const httpServer = createServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    io.listen(httpServer);
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const port = (httpServer.address() as AddressInfo).port;
    io.on("connection", (socket) => socket.emit("hi"));
    const client = ioc(`http://127.0.0.1:${port}`, {
      forceNew: true,
      path: "/custom-path",
      transports: ["websocket"],
      reconnection: false,
    });
    closers.unshift(async () => void client.disconnect());
    await once(client, "hi");
    const other = await fetch(`http://127.0.0.1:${port}/elsewhere`);
    expect(other.status).toBe(404);
  });

  it("attaches later to a server given nothing at construction", async () => {
    const io = new Server();
    const httpServer = createServer();
    io.attach(httpServer, { connectTimeout: 1234 });
    closers.push(() => io.close());
    expect(io.opts.connectTimeout).toBe(1234);
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const port = (httpServer.address() as AddressInfo).port;
    const client = ioc(`http://127.0.0.1:${port}`, {
      forceNew: true,
      transports: ["polling"],
      reconnection: false,
    });
    closers.unshift(async () => void client.disconnect());
    await connected(client);
  });

  it("accepts Socket.IO's callback allowRequest", async () => {
    const httpServer = createServer();
    const io = new Server(httpServer, {
      allowRequest: (req, callback) => callback("no thanks", req.headers["x-ok"] === "1"),
    });
    closers.push(() => io.close());
    const errors: { code: number; message: string }[] = [];
    io.engine.on("connection_error", (err) =>
      errors.push({ code: err.code, message: err.message }),
    );
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const port = (httpServer.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(403);
    expect(errors).toEqual([{ code: 4, message: "no thanks" }]);
    const ok = await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`, {
      headers: { "x-ok": "1" },
    });
    expect(ok.status).toBe(200);
    await ok.text();
  });
});

describe.each(TRANSPORTS)("with express over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it("serves Socket.IO and leaves the app's routes alone", async () => {
    const app = express();
    app.get("/hello", (_req, res) => {
      res.send("world");
    });
    server = await startServer(transport, {}, createServer(app));
    server.io.on("connection", (socket) =>
      socket.on("ping", (ack: (v: string) => void) => ack("pong")),
    );
    const client = await connected(server.client("/"));
    expect(await client.emitWithAck("ping")).toBe("pong");
    const res = await fetch(`${server.url}/hello`);
    expect(await res.text()).toBe("world");
    const missing = await fetch(`${server.url}/nothing`);
    expect(missing.status).toBe(404);
    await missing.text();
  });
});
