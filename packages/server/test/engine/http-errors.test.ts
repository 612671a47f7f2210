/**
 * Every Engine.IO HTTP error code and status over raw HTTP, and the `connection_error` event.
 */

import { afterEach, describe, expect, it } from "vitest";
import type { EngineConnectionError } from "../../src/engine/index.js";
import {
  clientEvent,
  closeClients,
  connectClient,
  nextSession,
  rawRequest,
  startEngine,
  type TestEngine,
} from "./helpers.js";

let t: TestEngine | undefined;

afterEach(async () => {
  closeClients();
  await t?.close();
  t = undefined;
});

const cases: [string, { method?: string; query: string }, number, number, string][] = [
  ["EIO=3", { query: "EIO=3&transport=polling" }, 400, 5, "Unsupported protocol version"],
  ["missing EIO", { query: "transport=polling" }, 400, 5, "Unsupported protocol version"],
  ["unknown transport", { query: "EIO=4&transport=carrier-pigeon" }, 400, 0, "Transport unknown"],
  ["missing transport", { query: "EIO=4" }, 400, 0, "Transport unknown"],
  ["unknown sid", { query: "EIO=4&transport=polling&sid=nope" }, 400, 1, "Session ID unknown"],
  [
    "POST handshake",
    { method: "POST", query: "EIO=4&transport=polling" },
    400,
    2,
    "Bad handshake method",
  ],
  [
    "PUT handshake",
    { method: "PUT", query: "EIO=4&transport=polling" },
    400,
    2,
    "Bad handshake method",
  ],
  ["websocket over plain HTTP", { query: "EIO=4&transport=websocket" }, 400, 3, "Bad request"],
];

describe("HTTP errors", () => {
  for (const [name, req, status, code, message] of cases) {
    it(`${name} → ${status} code ${code}`, async () => {
      t = await startEngine();
      const errors: EngineConnectionError[] = [];
      t.engine.on("connection_error", (e) => errors.push(e));
      const res = await rawRequest(t.port, { method: req.method, query: req.query });
      expect(res.status).toBe(status);
      expect(res.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(res.body)).toEqual({ code, message });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code, message });
      expect(errors[0]!.req.url).toContain(req.query);
      expect(typeof errors[0]!.context).toBe("object");
    });
  }

  it("a duplicated engine parameter is a 400 before any session is touched", async () => {
    t = await startEngine();
    const errors: EngineConnectionError[] = [];
    t.engine.on("connection_error", (e) => errors.push(e));
    for (const query of [
      "EIO=4&transport=polling&transport=websocket",
      "EIO=4&EIO=4&transport=polling",
      "EIO=4&transport=sse&transport=sse",
    ]) {
      const res = await rawRequest(t.port, { query });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ code: 3, message: "Bad request" });
    }
    expect(t.engine.clientsCount).toBe(0);
    // A live session named twice (or with a second sid) is neither served nor closed.
    const sessionP = nextSession(t.engine);
    const open = await rawRequest(t.port);
    expect(open.status).toBe(200);
    const session = await sessionP;
    for (const query of [
      `EIO=4&transport=polling&sid=${session.id}&sid=${session.id}`,
      `EIO=4&transport=polling&sid=${session.id}&sid=other`,
    ]) {
      const post = await rawRequest(t.port, { method: "POST", query, body: "1" });
      expect(post.status).toBe(400);
      expect(JSON.parse(post.body)).toEqual({ code: 3, message: "Bad request" });
    }
    expect(session.readyState).toBe("open");
    expect(errors.map((e) => e.context)).toContainEqual({
      name: "DUPLICATE_QUERY_PARAMETER",
      parameter: "sid",
    });
  });

  it("transport not enabled → code 0", async () => {
    t = await startEngine({ transports: ["websocket"] });
    const res = await rawRequest(t.port);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ code: 0, message: "Transport unknown" });
  });

  it("polling requests on an upgraded sid get 400 (code 3)", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const client = connectClient(t.port);
    const session = await sessionP;
    await clientEvent(client, "upgrade");
    const get = await rawRequest(t.port, { query: `EIO=4&transport=polling&sid=${session.id}` });
    expect(get.status).toBe(400);
    expect(JSON.parse(get.body)).toEqual({ code: 3, message: "Bad request" });
    const post = await rawRequest(t.port, {
      method: "POST",
      query: `EIO=4&transport=polling&sid=${session.id}`,
      body: "4x",
    });
    expect(post.status).toBe(400);
    expect(session.readyState).toBe("open");
  });

  it("other paths are not answered by the engine", async () => {
    t = await startEngine({}, (server) => server.on("request", (_req, res) => res.end("app")));
    const res = await rawRequest(t.port, { path: "/elsewhere?EIO=4&transport=polling" });
    expect(res.body).toBe("app");
  });
});
