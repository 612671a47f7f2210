/**
 * WebSocket handshake, upgrade refusals (raw HTTP 400 on the upgrade), session ownership,
 * message size limit, malformed frames and upgrades left to the application.
 */

import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { EngineSession } from "../../src/engine/index.js";
import {
  clientEvent,
  closeClients,
  connectClient,
  nextSession,
  PATH,
  rawHandshake,
  startEngine,
  type TestEngine,
} from "./helpers.js";

let t: TestEngine | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  closeClients();
  for (const ws of sockets.splice(0)) ws.terminate();
  await t?.close();
  t = undefined;
});

function wsConnect(query: string, headers?: Record<string, string>, path = PATH): WebSocket {
  const ws = new WebSocket(`ws://127.0.0.1:${t!.port}${path}?${query}`, { headers });
  ws.on("error", () => {});
  sockets.push(ws);
  return ws;
}

/** Resolves with the status and body of a refused upgrade. */
function refused(ws: WebSocket): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    ws.once("open", () => reject(new Error("upgrade unexpectedly accepted")));
    ws.once("unexpected-response", (_req, res: IncomingMessage) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

function firstMessage(ws: WebSocket): Promise<string> {
  return new Promise((r) => ws.once("message", (d: Buffer) => r(d.toString())));
}

function closeReason(session: EngineSession): Promise<string> {
  return new Promise((r) => session.once("close", (reason) => r(reason)));
}

describe("websocket transport", () => {
  it("opens directly on websocket with upgrades []", async () => {
    t = await startEngine();
    const ws = wsConnect("EIO=4&transport=websocket");
    const open = await firstMessage(ws);
    expect(open.startsWith("0")).toBe(true);
    expect(JSON.parse(open.slice(1)).upgrades).toEqual([]);
  });

  for (const [name, query, code] of [
    ["EIO=3", "EIO=3&transport=websocket", 5],
    ["unknown sid", "EIO=4&transport=websocket&sid=nope", 1],
    ["transport=polling on an upgrade", "EIO=4&transport=polling", 3],
    ["unknown transport", "EIO=4&transport=x", 0],
  ] as const) {
    it(`refuses ${name} with a raw 400`, async () => {
      t = await startEngine();
      const errors: number[] = [];
      t.engine.on("connection_error", (e) => errors.push(e.code));
      const res = await refused(wsConnect(query));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).code).toBe(code);
      expect(errors).toEqual([code]);
    });
  }

  it("a second websocket presenting a live websocket sid is refused and does not take over", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const client = connectClient(t.port, { transports: ["websocket"] });
    const session = await sessionP;
    await clientEvent(client, "open");
    const res = await refused(wsConnect(`EIO=4&transport=websocket&sid=${session.id}`));
    expect(res.status).toBe(400);
    session.send("still mine");
    expect(await clientEvent(client, "message")).toBe("still mine");
    expect(session.readyState).toBe("open");
  });

  it("a second probe while one is upgrading is refused", async () => {
    t = await startEngine();
    const { sid } = await rawHandshake(t.port);
    const first = wsConnect(`EIO=4&transport=websocket&sid=${sid}`);
    await new Promise((r) => first.once("open", r));
    const res = await refused(wsConnect(`EIO=4&transport=websocket&sid=${sid}`));
    expect(res.status).toBe(400);
    first.send("2probe");
    expect(await firstMessage(first)).toBe("3probe");
  });

  it("upgrade refused when allowUpgrades is false", async () => {
    t = await startEngine({ allowUpgrades: false });
    const { sid } = await rawHandshake(t.port);
    expect((await refused(wsConnect(`EIO=4&transport=websocket&sid=${sid}`))).status).toBe(400);
  });

  it("an unfinished upgrade times out and polling carries on", async () => {
    t = await startEngine({ upgradeTimeout: 30 });
    const sessionP = nextSession(t.engine);
    const { sid } = await rawHandshake(t.port);
    const session = await sessionP;
    const probe = wsConnect(`EIO=4&transport=websocket&sid=${sid}`);
    await new Promise((r) => probe.once("close", r));
    expect(session.upgrading).toBe(false);
    expect(session.transportName).toBe("polling");
    expect(session.readyState).toBe("open");
  });

  it("a message over maxHttpBufferSize closes with 1009", async () => {
    t = await startEngine({ maxHttpBufferSize: 100 });
    const sessionP = nextSession(t.engine);
    const ws = wsConnect("EIO=4&transport=websocket");
    const session = await sessionP;
    const reason = closeReason(session);
    await firstMessage(ws);
    const code = new Promise<number>((r) => ws.once("close", (c) => r(c)));
    ws.send(`4${"x".repeat(200)}`);
    expect(await code).toBe(1009);
    expect(await reason).toBe("transport error");
  });

  it("a malformed frame closes that session with parse error", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const ws = wsConnect("EIO=4&transport=websocket");
    const session = await sessionP;
    await firstMessage(ws);
    const reason = closeReason(session);
    ws.send("x-not-a-packet");
    expect(await reason).toBe("parse error");
  });

  it("binary frames are message packets; sends are binary frames", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const ws = wsConnect("EIO=4&transport=websocket");
    const session = await sessionP;
    await firstMessage(ws);
    const got = new Promise<string | Buffer>((r) => session.once("message", r));
    ws.send(Buffer.from([7, 7]));
    expect([...((await got) as Buffer)]).toEqual([7, 7]);
    const echoed = new Promise<{ d: Buffer; bin: boolean }>((r) =>
      ws.once("message", (d: Buffer, bin) => r({ d, bin })),
    );
    session.send(new Uint8Array([5, 6]));
    const { d, bin } = await echoed;
    expect(bin).toBe(true);
    expect([...d]).toEqual([5, 6]);
  });

  it("writes a tick's sends as one corked batch, in order, then emits drain", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const ws = wsConnect("EIO=4&transport=websocket");
    const session = await sessionP;
    await firstMessage(ws);
    const got: string[] = [];
    const all = new Promise<void>((r) =>
      ws.on("message", (d: Buffer) => got.push(d.toString()) === 100 && r()),
    );
    const drained = new Promise<void>((r) => session.once("drain", () => r()));
    for (let i = 0; i < 100; i++) session.send(String(i));
    expect(session.bufferedBytes).toBeGreaterThan(0);
    await drained;
    await all;
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => `4${i}`));
  });

  it("echoes large messages with permessage-deflate enabled", async () => {
    t = await startEngine({ perMessageDeflate: { threshold: 0 } });
    const sessionP = nextSession(t.engine);
    const client = connectClient(t.port, { transports: ["websocket"] });
    const session = await sessionP;
    session.on("message", (d) => session.send(d));
    await clientEvent(client, "open");
    const big = "z".repeat(50_000);
    client.send(big);
    expect(await clientEvent(client, "message")).toBe(big);
  });

  it("leaves upgrades on other paths to other listeners", async () => {
    const seen: string[] = [];
    t = await startEngine({}, (server) =>
      server.on("upgrade", (req, socket) => {
        if (!req.url?.startsWith(PATH)) {
          seen.push(req.url ?? "");
          socket.end("HTTP/1.1 418 I'm a teapot\r\nContent-Length: 0\r\n\r\n");
        }
      }),
    );
    const res = await refused(wsConnect("x=1", undefined, "/custom-ws"));
    expect(res.status).toBe(418);
    expect(seen).toEqual(["/custom-ws?x=1"]);
  });
});
