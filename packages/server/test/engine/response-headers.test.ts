/**
 * engine.io's `initial_headers` / `headers` events (mutations land in the answer: polling,
 * SSE-less raw requests and the WebSocket 101) and the overridable `generateId` (sync, async,
 * throwing, duplicate).
 */

import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { EngineConnectionError } from "../../src/engine/index.js";
import { PATH, rawHandshake, rawRequest, startEngine, type TestEngine } from "./helpers.js";

let t: TestEngine | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await t?.close();
  t = undefined;
});

function upgrade(query: string): Promise<IncomingMessage> {
  const ws = new WebSocket(`ws://127.0.0.1:${t!.port}${PATH}?${query}`);
  sockets.push(ws);
  ws.on("error", () => {});
  return new Promise((resolve) => ws.once("upgrade", resolve));
}

describe("initial_headers and headers", () => {
  it("lands mutations in the handshake and every later polling answer", async () => {
    t = await startEngine({ cookie: true });
    const initial: string[] = [];
    t.engine.on("initial_headers", (headers, req) => {
      initial.push(String(headers["Set-Cookie"]).split(";")[0]!);
      headers["X-Sticky"] = "node-1";
      expect(req.url).toContain("transport=polling");
    });
    t.engine.on("headers", (headers) => {
      headers["X-Every"] = "1";
    });
    const handshake = await rawRequest(t.port);
    expect(handshake.headers["x-sticky"]).toBe("node-1");
    expect(handshake.headers["x-every"]).toBe("1");
    const sid = JSON.parse(handshake.body.slice(1)).sid as string;
    expect(initial).toEqual([`io=${sid}`]);
    expect(handshake.headers["set-cookie"]?.[0]).toMatch(new RegExp(`^io=${sid}`));

    const post = await rawRequest(t.port, {
      method: "POST",
      query: `EIO=4&transport=polling&sid=${sid}`,
      body: "4hi",
    });
    expect(post.headers["x-every"]).toBe("1");
    expect(post.headers["x-sticky"]).toBeUndefined();
    expect(initial).toHaveLength(1);
  });

  it("lands mutations in the WebSocket 101, handshakes and upgrades alike", async () => {
    t = await startEngine();
    const kinds: string[] = [];
    t.engine.on("initial_headers", (headers) => {
      kinds.push("initial");
      headers["X-Initial"] = "yes";
    });
    t.engine.on("headers", (headers) => {
      kinds.push("headers");
      headers["X-Every"] = ["a", "b"];
    });
    const direct = await upgrade("EIO=4&transport=websocket");
    expect(direct.headers["x-initial"]).toBe("yes");
    expect(direct.headers["x-every"]).toBe("a, b");

    const { sid } = await rawHandshake(t.port);
    kinds.length = 0;
    const probe = await upgrade(`EIO=4&transport=websocket&sid=${sid}`);
    expect(probe.headers["x-every"]).toBe("a, b");
    expect(probe.headers["x-initial"]).toBeUndefined();
    expect(kinds).toEqual(["headers"]);
  });
});

describe("generateId", () => {
  it("uses a custom id, sync or async, on polling and WebSocket", async () => {
    t = await startEngine();
    let n = 0;
    t.engine.generateId = (req) => `${req.headers["x-node"] ?? "x"}-${++n}`;
    const first = await rawRequest(t.port, { headers: { "x-node": "n1" } });
    expect(JSON.parse(first.body.slice(1)).sid).toBe("n1-1");
    t.engine.generateId = async () => `async-${++n}`;
    const second = await rawHandshake(t.port);
    expect(second.sid).toBe("async-2");
    const session = new Promise<string>((resolve) =>
      t!.engine.once("connection", (s) => resolve(s.id)),
    );
    await upgrade("EIO=4&transport=websocket");
    expect(await session).toBe("async-3");
  });

  it("refuses the handshake (400 ID_GENERATION_ERROR) on a throw, a rejection or a duplicate", async () => {
    t = await startEngine();
    const errors: EngineConnectionError[] = [];
    t.engine.on("connection_error", (e) => errors.push(e));
    t.engine.generateId = () => {
      throw new Error("boom");
    };
    expect((await rawRequest(t.port)).status).toBe(400);
    t.engine.generateId = () => Promise.reject(new Error("boom"));
    expect((await rawRequest(t.port)).status).toBe(400);
    t.engine.generateId = () => "same";
    expect((await rawRequest(t.port)).status).toBe(200);
    expect((await rawRequest(t.port)).status).toBe(400);
    expect(errors.map((e) => e.context.name)).toEqual([
      "ID_GENERATION_ERROR",
      "ID_GENERATION_ERROR",
      "ID_GENERATION_ERROR",
    ]);
    expect(t.engine.clientsCount).toBe(1);
  });
});
