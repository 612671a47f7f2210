/**
 * EngineServer integration: beside an express app, manual wiring with handleRequest /
 * handleUpgrade, listen(), and close() shutting every session down.
 */

import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { EngineServer, type EngineSession } from "../../src/engine/index.js";
import {
  clientEvent,
  closeClients,
  connectClient,
  nextSession,
  PATH,
  rawHandshake,
  rawRequest,
  requestArrived,
  startEngine,
  type TestEngine,
} from "./helpers.js";

let t: TestEngine | undefined;

afterEach(async () => {
  closeClients();
  await t?.close();
  t = undefined;
});

describe("EngineServer", () => {
  it("serves beside an express app", async () => {
    const app = express();
    app.get("/hello", (_req, res) => {
      res.send("world");
    });
    t = await startEngine({}, (server) => server.on("request", app));
    expect((await rawRequest(t.port, { path: "/hello" })).body).toBe("world");
    expect((await rawRequest(t.port, { path: "/missing" })).status).toBe(404);
    const client = connectClient(t.port);
    await clientEvent(client, "upgrade");
    expect(t.engine.clientsCount).toBe(1);
  });

  it("works with manual wiring (handleRequest / handleUpgrade)", async () => {
    const engine = new EngineServer({ path: PATH });
    const server = createServer((req, res) => {
      if (engine.matchesPath(req)) engine.handleRequest(req, res);
      else res.end("mine");
    });
    server.on("upgrade", (req, socket, head) => engine.handleUpgrade(req, socket, head));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const port = (server.address() as AddressInfo).port;
    try {
      expect((await rawRequest(port, { path: "/x" })).body).toBe("mine");
      const sessionP = nextSession(engine);
      const client = connectClient(port);
      const session = await sessionP;
      session.on("message", (d) => session.send(d));
      await clientEvent(client, "upgrade");
      client.send("ping?");
      expect(await clientEvent(client, "message")).toBe("ping?");
    } finally {
      closeClients();
      await engine.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it("listen() creates its own server and close() closes it", async () => {
    const engine = new EngineServer({ path: PATH });
    const server = await engine.listen(0, "127.0.0.1");
    expect(server.requestTimeout).toBe(30_000);
    expect(server.headersTimeout).toBe(10_000);
    const port = (server.address() as AddressInfo).port;
    expect((await rawRequest(port, { path: "/other" })).status).toBe(404);
    const client = connectClient(port, { transports: ["websocket"] });
    await clientEvent(client, "open");
    await engine.close();
    expect(server.listening).toBe(false);
  });

  it("rejects invalid timing and size options", () => {
    expect(() => new EngineServer({ pingInterval: -1 })).toThrow(TypeError);
    expect(() => new EngineServer({ maxHttpBufferSize: Number.NaN })).toThrow(/maxHttpBufferSize/);
    expect(new EngineServer({ path: "/x" }).options.path).toBe("/x/");
  });

  it("close() closes every session with server shutting down and refuses new ones", async () => {
    t = await startEngine({ upgradeTimeout: 60_000 });
    const reasons: string[] = [];
    const sessions: EngineSession[] = [];
    t.engine.on("connection", (s) => {
      sessions.push(s);
      s.on("close", (r) => reasons.push(r));
    });
    const polling = connectClient(t.port, { transports: ["polling"] });
    const ws = connectClient(t.port, { transports: ["websocket"] });
    const upgraded = connectClient(t.port);
    await Promise.all([
      clientEvent(polling, "open"),
      clientEvent(ws, "open"),
      clientEvent(upgraded, "upgrade"),
    ]);
    const raw = await rawHandshake(t.port); // a polling session with no GET pending
    const closes = [polling, ws, upgraded].map((c) => clientEvent(c, "close"));
    expect(t.engine.clientsCount).toBe(4);
    await t.engine.close();
    await Promise.all(closes);
    expect(reasons).toEqual(Array(4).fill("server shutting down"));
    expect(t.engine.clientsCount).toBe(0);
    const late = await rawRequest(t.port);
    expect(late.status).toBe(400);
    const stale = await rawRequest(t.port, { query: `EIO=4&transport=polling&sid=${raw.sid}` });
    expect(JSON.parse(stale.body).code).toBe(1);
  });

  it("a pending GET gets a close packet on close()", async () => {
    t = await startEngine();
    const { sid } = await rawHandshake(t.port);
    const arrived = requestArrived(t.server);
    const pending = rawRequest(t.port, { query: `EIO=4&transport=polling&sid=${sid}` });
    await arrived;
    await t.engine.close();
    expect((await pending).body).toBe("1");
  });
});
