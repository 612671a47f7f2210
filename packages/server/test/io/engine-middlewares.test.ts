/**
 * `io.engine.use()` with the official express-session and socket.io-client: the session an
 * express route created is on `socket.request.session` over polling and WebSocket; a failing
 * middleware refuses the handshake (400 MIDDLEWARE_FAILURE, a connect_error on the client);
 * headers a middleware sets on an upgrade reach the 101 answer.
 */

import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import session from "express-session";
import { type Socket as ClientSocket, io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { EngineConnectionError } from "../../src/engine/index.js";
import { Server } from "../../src/index.js";

interface Started {
  io: Server;
  url: string;
  close(): Promise<void>;
}

let started: Started | undefined;
const clients: ClientSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await started?.close();
  started = undefined;
});

async function start(setup: (io: Server, app: express.Express) => void): Promise<Started> {
  const app = express();
  const httpServer = createServer(app);
  const io = new Server(httpServer);
  setup(io, app);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { io, url, close: () => io.close() };
}

/** What express-session attached, kept on `socket.request` (a HandshakeRequest). */
function sessionOf(req: { readonly [attached: string]: unknown }): { user?: string } | undefined {
  return req.session as { user?: string } | undefined;
}

describe("io.engine.use with express-session", () => {
  for (const transport of ["polling", "websocket"] as const) {
    it(`exposes the express session on socket.request.session over ${transport}`, async () => {
      const sessionMiddleware = session({
        secret: "test secret",
        resave: false,
        saveUninitialized: false,
      });
      started = await start((io, app) => {
        app.use(sessionMiddleware);
        app.post("/login", (req, res) => {
          (req.session as unknown as { user: string }).user = "ann";
          res.end("ok");
        });
        io.engine.use(sessionMiddleware);
      });
      const login = await fetch(`${started.url}/login`, { method: "POST" });
      const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
      expect(cookie).toMatch(/^connect\.sid=/);

      const user = new Promise<string | undefined>((resolve) =>
        started!.io.on("connection", (socket) => resolve(sessionOf(socket.request)?.user)),
      );
      const client = ioc(started.url, {
        forceNew: true,
        reconnection: false,
        transports: [transport],
        extraHeaders: { cookie },
      });
      clients.push(client);
      expect(await user).toBe("ann");
    });
  }

  it("refuses the handshake when a middleware fails, on polling and WebSocket", async () => {
    const errors: EngineConnectionError[] = [];
    started = await start((io) => {
      io.engine.use((req, _res, next) => {
        if (req.headers.authorization === undefined) next(new Error("no credentials"));
        else next();
      });
      io.engine.on("connection_error", (e) => errors.push(e));
    });
    for (const transport of ["polling", "websocket"] as const) {
      const client = ioc(started.url, {
        forceNew: true,
        reconnection: false,
        transports: [transport],
      });
      clients.push(client);
      await new Promise<void>((resolve) => client.once("connect_error", () => resolve()));
    }
    expect(errors.map((e) => [e.code, e.context.name])).toEqual([
      [3, "MIDDLEWARE_FAILURE"],
      [3, "MIDDLEWARE_FAILURE"],
    ]);
    const ok = ioc(started.url, {
      forceNew: true,
      reconnection: false,
      transports: ["websocket"],
      extraHeaders: { authorization: "Bearer x" },
    });
    clients.push(ok);
    await new Promise<void>((resolve) => ok.once("connect", () => resolve()));
  });

  it("puts headers a middleware sets on an upgrade into the 101 answer", async () => {
    started = await start((io) => {
      io.engine.use((_req, res, next) => {
        res.setHeader("X-Node", "n1");
        next();
      });
    });
    const ws = new WebSocket(
      `${started.url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`,
    );
    const [res] = await new Promise<[IncomingMessage]>((resolve) =>
      ws.once("upgrade", (r) => resolve([r])),
    );
    expect(res.headers["x-node"]).toBe("n1");
    ws.terminate();
  });

  it("keeps middlewares and listeners added before io.attach(srv, options)", async () => {
    const io = new Server();
    const seen: string[] = [];
    io.engine.use((_req, _res, next) => {
      seen.push("middleware");
      next();
    });
    io.engine.on("initial_headers", (headers) => {
      headers["X-Seen"] = "yes";
    });
    io.engine.generateId = () => `custom-${seen.length}`;
    const httpServer = createServer();
    io.attach(httpServer, { pingInterval: 10_000, path: "/rt/" });
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    started = { io, url, close: () => io.close() };
    expect(io.engine.options.pingInterval).toBe(10_000);
    const res = await fetch(`${url}/rt/?EIO=4&transport=polling`);
    expect(res.headers.get("x-seen")).toBe("yes");
    expect(seen).toEqual(["middleware"]);
    expect(JSON.parse((await res.text()).slice(1)).sid).toBe("custom-1");
  });

  it("io.eio is io.engine; attach(srv, options) merges over the constructor's (eio.opts)", () => {
    const io = new Server({ pingTimeout: 6000 });
    io.attach(createServer(), { pingInterval: 24000 });
    expect(io.eio).toBe(io.engine);
    expect(io.eio.opts.pingTimeout).toBe(6000);
    expect(io.eio.opts.pingInterval).toBe(24000);
    // the per-address handshake limit (limits.connections, on by default) is kept too
    expect(io.engine.options.connectionGate).toBeDefined();
    void io.close();
  });

  it("close() then listen() serves with the same engine: middlewares, listeners, generateId", async () => {
    const io = new Server();
    const engine = io.engine;
    const seen: string[] = [];
    io.engine.use((_req, _res, next) => {
      seen.push("middleware");
      next();
    });
    io.engine.on("initial_headers", (headers) => {
      headers["X-Seen"] = "yes";
    });
    io.engine.generateId = () => `custom-${seen.length}`;
    const first = createServer();
    io.attach(first);
    await new Promise<void>((resolve) => first.listen(0, "127.0.0.1", resolve));
    await io.close();
    const second = createServer();
    io.attach(second);
    await new Promise<void>((resolve) => second.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
    started = { io, url, close: () => io.close() };
    expect(io.engine).toBe(engine);
    expect(io.engine.options.connectionGate).toBeDefined();
    const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    expect(res.headers.get("x-seen")).toBe("yes");
    expect(seen).toEqual(["middleware"]);
    expect(JSON.parse((await res.text()).slice(1)).sid).toBe("custom-1");
    const client = ioc(url, { transports: ["websocket"] });
    clients.push(client);
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
    expect(io.engine.clientsCount).toBe(2);
  });

  it("close() then attach() to the same HTTP server: one engine answers upgrades", async () => {
    const io = new Server();
    const http = createServer();
    io.attach(http);
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    await io.close();
    io.attach(http);
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    started = { io, url, close: () => io.close() };
    expect(http.listenerCount("upgrade")).toBe(1);
    const client = ioc(url, { transports: ["websocket"], reconnection: false });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    expect(io.engine.clientsCount).toBe(1);
  });
});
