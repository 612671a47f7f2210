/**
 * Origin allow-list on every request of a session (handshake, poll, post, upgrade), CORS
 * headers and preflight, and `allowRequest` refusals.
 */

import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  clientEvent,
  closeClients,
  connectClient,
  nextSession,
  PATH,
  rawHandshake,
  rawRequest,
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

const GOOD = "http://good.example";
const EVIL = "http://evil.example";
const FORBIDDEN = { code: 4, message: "Forbidden" };
type CorsCallback = (
  err: Error | null,
  allow?: boolean | string | RegExp | (string | RegExp)[],
) => void;

function upgradeStatus(query: string, origin?: string): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(`ws://127.0.0.1:${t!.port}${PATH}?${query}`, origin ? { origin } : {});
  sockets.push(ws);
  ws.on("error", () => {});
  return new Promise((resolve) => {
    ws.once("open", () => resolve({ status: 101, body: "" }));
    ws.once("unexpected-response", (_req, res: IncomingMessage) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

describe("origin allow-list", () => {
  for (const origin of [
    GOOD,
    [GOOD, "http://other"],
    /^http:\/\/good\./,
    ["http://other", /^http:\/\/good\./],
    (o: string) => o === GOOD,
    // the cors package's forms: answer through the callback, now or later, with any static form
    (o: string, cb: CorsCallback) => cb(null, o === GOOD),
    (o: string, cb: CorsCallback) => void Promise.resolve().then(() => cb(null, o === GOOD)),
    (_o: string, cb: CorsCallback) => cb(null, [/^http:\/\/good\./]),
  ] as const) {
    it(`refuses a foreign Origin on every request (${origin instanceof Function ? `function ${origin.toString().slice(0, 40)}` : String(origin)})`, async () => {
      t = await startEngine({ cors: { origin } });
      const errors: number[] = [];
      t.engine.on("connection_error", (e) => errors.push(e.code));

      const bad = await rawRequest(t.port, { headers: { Origin: EVIL } });
      expect(bad.status).toBe(403);
      expect(JSON.parse(bad.body)).toEqual(FORBIDDEN);

      const sessionP = nextSession(t.engine);
      const { sid, res } = await rawHandshake(t.port, { Origin: GOOD });
      const session = await sessionP;
      expect(res.headers["access-control-allow-origin"]).toBe(GOOD);
      const q = `EIO=4&transport=polling&sid=${sid}`;

      const poll = await rawRequest(t.port, { query: q, headers: { Origin: EVIL } });
      expect(poll.status).toBe(403);
      expect(JSON.parse(poll.body)).toEqual(FORBIDDEN);
      const post = await rawRequest(t.port, {
        method: "POST",
        query: q,
        headers: { Origin: EVIL },
        body: "4x",
      });
      expect(post.status).toBe(403);

      const up = await upgradeStatus(`EIO=4&transport=websocket&sid=${sid}`, EVIL);
      expect(up.status).toBe(403);
      expect(JSON.parse(up.body)).toEqual(FORBIDDEN);
      const direct = await upgradeStatus("EIO=4&transport=websocket", EVIL);
      expect(direct.status).toBe(403);

      expect(session.readyState).toBe("open");
      expect(session.upgrading).toBe(false);
      expect(errors).toEqual([4, 4, 4, 4, 4]);

      // The rightful origin (and no Origin at all) still works.
      session.send("ok");
      expect((await rawRequest(t.port, { query: q, headers: { Origin: GOOD } })).body).toBe("4ok");
      expect((await upgradeStatus("EIO=4&transport=websocket", GOOD)).status).toBe(101);
      expect((await upgradeStatus("EIO=4&transport=websocket")).status).toBe(101);
    });
  }

  it("answers preflight with 204 when cors is set", async () => {
    t = await startEngine({ cors: { origin: GOOD, credentials: true, methods: ["GET", "POST"] } });
    const res = await rawRequest(t.port, {
      method: "OPTIONS",
      headers: {
        Origin: GOOD,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(GOOD);
    expect(res.headers["access-control-allow-credentials"]).toBe("true");
    expect(res.headers["access-control-allow-methods"]).toBe("GET,POST");
    expect(res.headers["access-control-allow-headers"]).toBe("content-type");
    const evil = await rawRequest(t.port, { method: "OPTIONS", headers: { Origin: EVIL } });
    expect(evil.status).toBe(403);
  });

  it("takes the cors package's exposedHeaders, maxAge and optionsSuccessStatus", async () => {
    t = await startEngine({
      cors: {
        origin: [GOOD],
        exposedHeaders: ["X-Node"],
        maxAge: 600,
        optionsSuccessStatus: 200,
        allowedHeaders: ["authorization"],
      },
    });
    const preflight = await rawRequest(t.port, {
      method: "OPTIONS",
      headers: { Origin: GOOD, "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers["access-control-max-age"]).toBe("600");
    expect(preflight.headers["access-control-allow-headers"]).toBe("authorization");
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET,POST");
    const { res } = await rawHandshake(t.port, { Origin: GOOD });
    expect(res.headers["access-control-expose-headers"]).toBe("X-Node");
    expect(res.headers.vary).toBe("Origin");
  });

  it("refuses when the origin function fails or throws (403, never a crash)", async () => {
    for (const origin of [
      (_o: string, cb: CorsCallback) => cb(new Error("db down")),
      () => {
        throw new Error("bug");
      },
    ]) {
      t = await startEngine({ cors: { origin } });
      expect((await rawRequest(t.port, { headers: { Origin: GOOD } })).status).toBe(403);
      expect((await upgradeStatus("EIO=4&transport=websocket", GOOD)).status).toBe(403);
      expect((await rawRequest(t.port)).status).toBe(200);
      await t.close();
      t = undefined;
    }
  });

  it("origin: false sends no CORS headers and keeps the same-origin check", async () => {
    t = await startEngine({ cors: { origin: false } });
    expect((await rawRequest(t.port, { headers: { Origin: EVIL } })).status).toBe(403);
    const own = `http://127.0.0.1:${t.port}`;
    const { res } = await rawHandshake(t.port, { Origin: own });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("origin * allows any origin", async () => {
    t = await startEngine({ cors: { origin: "*" } });
    const { res } = await rawHandshake(t.port, { Origin: EVIL });
    expect(res.headers["access-control-allow-origin"]).toBe("*");
  });

  it("sets the io cookie when asked", async () => {
    t = await startEngine({ cookie: true });
    const { sid, res } = await rawHandshake(t.port);
    expect(res.headers["set-cookie"]?.[0]).toBe(`io=${sid}; Path=/; HttpOnly; SameSite=Lax`);
  });
});

describe("secure default: same origin only without cors", () => {
  it("refuses a foreign Origin on polling, SSE and WebSocket upgrades, with a log line", async () => {
    const lines: string[] = [];
    t = await startEngine({ logger: (_scope, message) => lines.push(message) });
    const errors: unknown[] = [];
    t.engine.on("connection_error", (e) => errors.push(e.context));
    for (const transport of ["polling", "sse"]) {
      const res = await rawRequest(t.port, {
        query: `EIO=4&transport=${transport}`,
        headers: { Origin: EVIL },
      });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toEqual(FORBIDDEN);
    }
    const up = await upgradeStatus("EIO=4&transport=websocket", EVIL);
    expect(up.status).toBe(403);
    expect(JSON.parse(up.body)).toEqual(FORBIDDEN);
    // an upgrade of a session opened without Origin is checked too
    const { sid } = await rawHandshake(t.port);
    expect((await upgradeStatus(`EIO=4&transport=websocket&sid=${sid}`, EVIL)).status).toBe(403);
    expect(t.engine.clientsCount).toBe(1);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toEqual({ name: "ORIGIN_NOT_ALLOWED", origin: EVIL });
    expect(lines.filter((l) => l.startsWith("refused origin"))).toHaveLength(4);
  });

  it("accepts the server's own origin (Host or X-Forwarded-Host) and requests without Origin", async () => {
    t = await startEngine();
    const own = `http://127.0.0.1:${t.port}`;
    expect((await rawHandshake(t.port, { Origin: own })).sid).toHaveLength(20);
    expect((await upgradeStatus("EIO=4&transport=websocket", own)).status).toBe(101);
    expect((await rawHandshake(t.port)).sid).toHaveLength(20);
    expect((await upgradeStatus("EIO=4&transport=websocket")).status).toBe(101);
    const proxied = await rawHandshake(t.port, {
      Origin: "https://app.example",
      "X-Forwarded-Host": "app.example:443",
    });
    expect(proxied.sid).toHaveLength(20);
    // another port of the same host is another origin
    const otherPort = await rawRequest(t.port, {
      headers: { Origin: `http://127.0.0.1:${t.port + 1}` },
    });
    expect(otherPort.status).toBe(403);
    for (const origin of ["null", "not a url"]) {
      expect((await rawRequest(t.port, { headers: { Origin: origin } })).status).toBe(403);
    }
  });

  it("allowCrossOrigin: true restores socket.io's permissive default", async () => {
    t = await startEngine({ allowCrossOrigin: true });
    expect((await rawHandshake(t.port, { Origin: EVIL })).sid).toHaveLength(20);
    expect((await upgradeStatus("EIO=4&transport=websocket", EVIL)).status).toBe(101);
  });

  it("a cors allow-list decides instead", async () => {
    t = await startEngine({ cors: { origin: EVIL } });
    expect((await rawHandshake(t.port, { Origin: EVIL })).sid).toHaveLength(20);
    const own = await rawRequest(t.port, { headers: { Origin: `http://127.0.0.1:${t.port}` } });
    expect(own.status).toBe(403);
  });
});

describe("allowRequest", () => {
  it("a string verdict is a 403 with that message, on polling and websocket", async () => {
    t = await startEngine({
      allowRequest: async (req) => (req.headers["x-token"] === "ok" ? true : "bad token"),
    });
    const res = await rawRequest(t.port);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ code: 4, message: "bad token" });
    const up = await upgradeStatus("EIO=4&transport=websocket");
    expect(up.status).toBe(403);
    expect((await rawHandshake(t.port, { "x-token": "ok" })).sid).toHaveLength(20);
  });

  it("false and rejections are 403 Forbidden, never a crash", async () => {
    let mode = 0;
    t = await startEngine({
      allowRequest: () => {
        mode++;
        if (mode === 1) return false;
        if (mode === 2) return Promise.reject(new Error("db down"));
        throw new Error("sync throw");
      },
    });
    for (let i = 0; i < 3; i++) {
      const res = await rawRequest(t.port);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toEqual(FORBIDDEN);
    }
  });

  it("is not asked again for requests of an open session", async () => {
    let calls = 0;
    t = await startEngine({
      allowRequest: () => {
        calls++;
        return true;
      },
    });
    const client = connectClient(t.port);
    await clientEvent(client, "upgrade");
    expect(calls).toBe(1);
  });
});

describe("new Server(port) with cors, as socket.io's handshake tests use it", () => {
  it("answers preflight and GET under a sub-path of the engine path, and allowRequest", async () => {
    const { Server } = await import("../../src/index.js");
    const io = new Server(0, {
      cors: {
        origin: "http://localhost:54023",
        methods: ["GET", "POST"],
        allowedHeaders: ["content-type"],
        credentials: true,
      },
      allowRequest: (_req, callback) => callback(null, false),
    });
    const httpServer = (io as unknown as { httpServer: import("node:http").Server }).httpServer;
    if (!httpServer.listening) await new Promise((r) => httpServer.once("listening", r));
    const port = (httpServer.address() as import("node:net").AddressInfo).port;
    try {
      const path = "/socket.io/default/";
      const preflight = await rawRequest(port, {
        method: "OPTIONS",
        path: `${path}?EIO=4&transport=polling`,
        headers: { Origin: "http://localhost:54023" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers["access-control-allow-origin"]).toBe("http://localhost:54023");
      expect(preflight.headers["access-control-allow-methods"]).toBe("GET,POST");
      expect(preflight.headers["access-control-allow-headers"]).toBe("content-type");
      expect(preflight.headers["access-control-allow-credentials"]).toBe("true");
      const refused = await rawRequest(port, {
        path: `${path}?EIO=4&transport=polling`,
        headers: { Origin: "http://localhost:54023" },
      });
      expect(refused.status).toBe(403);
      expect(refused.headers["access-control-allow-origin"]).toBe("http://localhost:54023");
    } finally {
      await io.close();
    }
  });
});
