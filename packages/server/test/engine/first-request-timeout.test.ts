/**
 * Connections that never send a request are closed after `firstRequestTimeout`, on the HTTP
 * server the app passes in and on the one `listen` creates; connections serving a request,
 * between keep-alive requests or upgraded are left alone, and no server timeout is changed.
 */

import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { EngineServer } from "../../src/engine/index.js";
import { nextSession, PATH, rawHandshake, rawRequest, requestArrived } from "./helpers.js";

const BOUND = 150;
let engine: EngineServer | undefined;
let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await engine?.close();
  server?.closeAllConnections();
  if (server?.listening) await new Promise<void>((resolve) => server!.close(() => resolve()));
  engine = undefined;
  server = undefined;
});

async function attachToAppServer(): Promise<number> {
  server = createServer((_req, res) => res.end("app"));
  engine = new EngineServer({ path: PATH, firstRequestTimeout: BOUND });
  engine.attach(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

function silentConnection(port: number): Socket {
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  sockets.push(socket);
  return socket;
}

/** Wait well past the bound (the check is "still open", so a slow machine cannot flake it). */
function pastTheBound(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, BOUND * 4));
}

describe("firstRequestTimeout", () => {
  it("closes a connection that never sends a byte (app-provided server)", async () => {
    const port = await attachToAppServer();
    const before = { h: server!.headersTimeout, r: server!.requestTimeout, t: server!.timeout };
    const socket = silentConnection(port);
    await once(socket, "close");
    expect({ h: server!.headersTimeout, r: server!.requestTimeout, t: server!.timeout }).toEqual(
      before,
    );
  });

  it("closes a connection that never sends a byte (server created by listen)", async () => {
    engine = new EngineServer({ path: PATH, firstRequestTimeout: BOUND });
    server = await engine.listen(0, "127.0.0.1");
    const socket = silentConnection((server.address() as AddressInfo).port);
    await once(socket, "close");
  });

  it("leaves held polls, keep-alive connections and WebSockets alone", async () => {
    const port = await attachToAppServer();
    // a held long-poll
    const sessionP = nextSession(engine!);
    const { sid } = await rawHandshake(port);
    const session = await sessionP;
    const arrived = requestArrived(server!);
    const poll = rawRequest(port, { query: `EIO=4&transport=polling&sid=${sid}` });
    await arrived;
    // a keep-alive connection after an answered request
    const keepAlive = silentConnection(port);
    keepAlive.write("GET /app HTTP/1.1\r\nHost: x\r\n\r\n");
    await once(keepAlive, "data");
    // an upgraded WebSocket
    const ws = new WebSocket(`ws://127.0.0.1:${port}${PATH}?EIO=4&transport=websocket`);
    await once(ws, "open");
    await pastTheBound();
    expect(keepAlive.destroyed).toBe(false);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    session.send("still here");
    expect((await poll).body).toBe("4still here");
    ws.close();
  });

  it("0 turns it off", async () => {
    server = createServer();
    engine = new EngineServer({ path: PATH, firstRequestTimeout: 0 });
    engine.attach(server);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const socket = silentConnection((server.address() as AddressInfo).port);
    await once(socket, "connect");
    await pastTheBound();
    expect(socket.destroyed).toBe(false);
  });
});
