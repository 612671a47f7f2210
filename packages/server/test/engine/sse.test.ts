/**
 * The SSE transport over raw HTTP, against the wire contract of docs/CONTRACTS.md: handshake
 * and headers, the padding comment, event order, binary as base64, the `event: json` escape,
 * POST upstream and its errors, heartbeats, upgrades (polling → SSE, SSE → WebSocket), second
 * streams, closes from either side, and the Origin/CORS rules shared with polling.
 */

import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { EngineSession } from "../../src/engine/index.js";
import {
  nextSession,
  PATH,
  rawHandshake,
  rawRequest,
  requestArrived,
  startEngine,
  type TestEngine,
} from "./helpers.js";
import { SseStream } from "./sse-client.js";

let t: TestEngine | undefined;
const streams: SseStream[] = [];

afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await t?.close();
  t = undefined;
});

function stream(query: string, headers?: Record<string, string>): SseStream {
  const s = new SseStream(t!.port, query, headers);
  streams.push(s);
  return s;
}

/** Open a session on SSE; returns the stream (open packet consumed), session and POST query. */
async function openSse() {
  const sessionP = nextSession(t!.engine);
  const s = stream("EIO=4&transport=sse");
  const open = await s.next();
  const handshake = JSON.parse(open.slice(1)) as { sid: string; upgrades: string[] };
  const session = await sessionP;
  return { s, session, handshake, q: `EIO=4&transport=sse&sid=${handshake.sid}` };
}

function post(q: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return rawRequest(t!.port, { method: "POST", query: q, body, headers });
}

function closeReason(session: EngineSession): Promise<[string, string | undefined]> {
  return new Promise((r) =>
    session.once("close", (reason, description) => r([reason, description])),
  );
}

describe("SSE transport", () => {
  it("handshake: stream headers, the padding comment first, then the open packet", async () => {
    t = await startEngine({ pingInterval: 12_345 });
    const { s, session, handshake } = await openSse();
    expect(s.status).toBe(200);
    expect(s.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(s.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(s.headers["x-accel-buffering"]).toBe("no");
    expect(s.raw.startsWith(`:${" ".repeat(2048)}\n\n`)).toBe(true);
    expect(s.raw.slice(2051).startsWith("data: 0{")).toBe(true);
    expect(handshake).toMatchObject({ upgrades: ["websocket"], pingInterval: 12_345 });
    expect(handshake.sid).toBe(session.id);
    expect(session.transportName).toBe("sse");
  });

  it("delivers many packets in order, one event each, binary as b + base64", async () => {
    t = await startEngine();
    const { s, session } = await openSse();
    const n = 300;
    for (let i = 0; i < n; i++) {
      session.send(String(i));
      if (i % 50 === 0) session.send(Buffer.from([i & 0xff, 1, 2]));
      if (i % 97 === 0) await new Promise((r) => setImmediate(r)); // spread over several writes
    }
    const expected: string[] = [];
    for (let i = 0; i < n; i++) {
      expected.push(`4${i}`);
      if (i % 50 === 0) expected.push(`b${Buffer.from([i & 0xff, 1, 2]).toString("base64")}`);
    }
    expect(await s.take(expected.length)).toEqual(expected);
    expect(s.events.every((e) => e.event === undefined)).toBe(true);
  });

  it("escapes a packet holding a line break as event: json", async () => {
    t = await startEngine();
    const { s, session } = await openSse();
    session.send("a\nb\r\nc");
    session.send("plain");
    expect(await s.take(2)).toEqual(["4a\nb\r\nc", "4plain"]);
    expect(s.raw).toContain('event: json\ndata: "4a\\nb\\r\\nc"\n\n');
    expect(s.raw).toContain("data: 4plain\n\n");
  });

  it("takes packets up by POST, answered ok, binary as base64", async () => {
    t = await startEngine();
    const { session, q } = await openSse();
    const got: (string | Buffer)[] = [];
    session.on("message", (d) => got.push(d));
    const res = await post(q, "4hi\x1ebAQID\x1e4\u00e9", {
      "Content-Type": "text/plain;charset=UTF-8",
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("ok");
    expect(res.headers["content-type"]).toBe("text/html");
    expect(got[0]).toBe("hi");
    expect([...(got[1] as Buffer)]).toEqual([1, 2, 3]);
    expect(got[2]).toBe("\u00e9");
  });

  it("heartbeat: pings go down the stream, pongs come up by POST, silence times out", async () => {
    // pingTimeout far above a loopback round trip: only the unanswered ping may time out
    t = await startEngine({ pingInterval: 30, pingTimeout: 2000 });
    const { s, session, q } = await openSse();
    const closed = closeReason(session);
    let beats = 0;
    session.on("heartbeat", () => beats++);
    expect(await s.next()).toBe("2");
    expect((await post(q, "3")).body).toBe("ok");
    expect(beats).toBe(1);
    expect(await s.next()).toBe("2"); // a second ping: the pong was taken
    expect(await closed).toEqual(["ping timeout", undefined]); // no pong this time
    await s.ended;
  });

  it("upgrades a polling session: probe on the stream, noop to the pending GET, then 5", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const { sid } = await rawHandshake(t.port);
    const session = await sessionP;
    const pq = `EIO=4&transport=polling&sid=${sid}`;
    const sq = `EIO=4&transport=sse&sid=${sid}`;
    const events: string[] = [];
    session.on("upgrading", (t) => events.push(`upgrading:${t.name}`));
    session.on("upgrade", (t) => events.push(`upgrade:${t.name}`));

    const arrived = requestArrived(t.server);
    const pendingGet = rawRequest(t.port, { query: pq });
    await arrived;
    const s = stream(sq);
    await s.ready;
    expect(s.status).toBe(200);
    expect(session.upgrading).toBe(true);

    expect((await post(sq, "2probe")).body).toBe("ok");
    expect(await s.next()).toBe("3probe");
    // held until the probe: the padding, then the probe answer, no open packet
    expect(s.raw).toBe(`:${" ".repeat(2048)}\n\ndata: 3probe\n\n`);
    expect((await pendingGet).body).toBe("6");
    session.send("queued while switching");
    expect((await post(sq, "5")).body).toBe("ok");
    expect(events).toEqual(["upgrading:sse", "upgrade:sse"]);
    expect(session.transportName).toBe("sse");
    session.send("after");
    expect(await s.take(2)).toEqual(["4queued while switching", "4after"]);

    const late = await rawRequest(t.port, { query: pq });
    expect(late.status).toBe(400);
    expect(JSON.parse(late.body)).toEqual({ code: 3, message: "Bad request" });
    expect(session.readyState).toBe("open");
  });

  it("a session on SSE upgrades to WebSocket; the stream then ends", async () => {
    t = await startEngine();
    const { s, session, handshake } = await openSse();
    const ws = new WebSocket(
      `ws://127.0.0.1:${t.port}${PATH}?EIO=4&transport=websocket&sid=${handshake.sid}`,
    );
    try {
      const frames: string[] = [];
      ws.on("message", (d) => frames.push(d.toString()));
      await once(ws, "open");
      ws.send("2probe");
      const probed = new Promise<void>((r) => session.once("upgrading", () => r()));
      await probed;
      session.send("held"); // the stream is paused: this waits for the WebSocket
      const upgraded = new Promise<void>((r) => session.once("upgrade", () => r()));
      ws.send("5");
      await upgraded;
      await s.ended;
      expect(session.transportName).toBe("websocket");
      const got = new Promise<void>((r) => ws.on("message", (d) => d.toString() === "4x" && r()));
      session.send("x");
      await got;
      expect(frames).toEqual(["3probe", "4held", "4x"]);
      expect(s.events.map((e) => e.data)).not.toContain("4held");
    } finally {
      ws.terminate();
    }
  });

  it("closes a session whose client stopped reading the stream past maxBufferedBytes", async () => {
    t = await startEngine({ maxBufferedBytes: 256 * 1024 });
    const { s, session } = await openSse();
    s.stopReading();
    const closed = closeReason(session);
    const chunk = "z".repeat(64 * 1024);
    // Keep writing across ticks until the kernel buffers fill and the bound trips (bounded:
    // 64 MiB at most, far beyond any loopback socket buffer).
    for (let round = 0; round < 128 && session.readyState === "open"; round++) {
      for (let i = 0; i < 8 && session.readyState === "open"; i++) session.send(chunk);
      await new Promise((r) => setImmediate(r));
    }
    expect((await closed)[0]).toBe("send buffer overflow");
    await s.ended;
  });

  it("a second stream on a sid is a 400 and closes the session", async () => {
    t = await startEngine();
    const { s, session, q } = await openSse();
    const closed = closeReason(session);
    const second = await rawRequest(t.port, { query: q });
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body)).toEqual({ code: 3, message: "Bad request" });
    expect((await closed)[0]).toBe("transport error");
    await s.ended;
    expect(t.engine.clientsCount).toBe(0);
  });

  it("POST errors as polling's: 413, octet-stream 400, unknown sid, bad payload", async () => {
    t = await startEngine({ maxHttpBufferSize: 100 });
    const a = await openSse();
    const aClosed = closeReason(a.session);
    const big = await post(a.q, `4${"x".repeat(200)}`);
    expect(big.status).toBe(413);
    expect((await aClosed)[0]).toBe("transport error");

    const b = await openSse();
    const bClosed = closeReason(b.session);
    const binary = await post(b.q, Buffer.from([4, 1]), {
      "Content-Type": "application/octet-stream",
    });
    expect(binary.status).toBe(400);
    expect((await bClosed)[0]).toBe("transport error");

    const c = await openSse();
    const cClosed = closeReason(c.session);
    expect((await post(c.q, "9x")).status).toBe(400);
    expect((await cClosed)[0]).toBe("parse error");

    const unknown = await post("EIO=4&transport=sse&sid=nope", "4x");
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toEqual({ code: 1, message: "Session ID unknown" });
    const unknownStream = await rawRequest(t.port, { query: "EIO=4&transport=sse&sid=nope" });
    expect(JSON.parse(unknownStream.body).code).toBe(1);
  });

  it("refuses a POST on sse for a polling session that is not probing, and POST handshakes", async () => {
    t = await startEngine();
    const { sid } = await rawHandshake(t.port);
    const res = await post(`EIO=4&transport=sse&sid=${sid}`, "4x");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).code).toBe(3);
    const handshake = await post("EIO=4&transport=sse", "4x");
    expect(JSON.parse(handshake.body)).toEqual({ code: 2, message: "Bad handshake method" });
  });

  it("server close sends 1, then ends the stream", async () => {
    t = await startEngine();
    const { s, session } = await openSse();
    const closed = closeReason(session);
    session.send("bye");
    session.close();
    expect(await s.take(2)).toEqual(["4bye", "1"]);
    await s.ended;
    expect((await closed)[0]).toBe("forced close");
  });

  it("a client POST of 1 closes the session and ends the stream", async () => {
    t = await startEngine();
    const { s, session, q } = await openSse();
    const closed = closeReason(session);
    expect((await post(q, "1")).body).toBe("ok");
    expect(await closed).toEqual(["transport close", "client sent a close packet"]);
    await s.ended;
    expect(t.engine.clientsCount).toBe(0);
  });

  it("a stream dropped by the client is a transport close", async () => {
    t = await startEngine();
    const { s, session } = await openSse();
    const closed = closeReason(session);
    s.abort();
    expect((await closed)[0]).toBe("transport close");
  });

  it("engine close() sends 1 on every stream", async () => {
    t = await startEngine();
    const a = await openSse();
    const b = await openSse();
    await t.engine.close();
    expect(await a.s.next()).toBe("1");
    expect(await b.s.next()).toBe("1");
    await Promise.all([a.s.ended, b.s.ended]);
  });

  it("applies the Origin allow-list and CORS headers of polling, preflight included", async () => {
    t = await startEngine({ cors: { origin: ["https://good.example"], credentials: true } });
    const refused = await rawRequest(t.port, {
      query: "EIO=4&transport=sse",
      headers: { Origin: "https://evil.example" },
    });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({ code: 4, message: "Forbidden" });

    const sessionP = nextSession(t.engine);
    const s = stream("EIO=4&transport=sse", { Origin: "https://good.example" });
    const open = await s.next();
    expect(s.headers["access-control-allow-origin"]).toBe("https://good.example");
    expect(s.headers["access-control-allow-credentials"]).toBe("true");
    const q = `EIO=4&transport=sse&sid=${JSON.parse(open.slice(1)).sid}`;
    await sessionP;

    const foreignPost = await post(q, "4x", { Origin: "https://evil.example" });
    expect(foreignPost.status).toBe(403);
    const preflight = await rawRequest(t.port, {
      method: "OPTIONS",
      query: q,
      headers: {
        Origin: "https://good.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("https://good.example");
    expect(preflight.headers["access-control-allow-headers"]).toBe("content-type");
  });

  it("is refused as an unknown transport when left out of `transports`", async () => {
    t = await startEngine({ transports: ["polling", "websocket"] });
    const { handshake } = await rawHandshake(t.port);
    expect(handshake.upgrades).toEqual(["websocket"]);
    const res = await rawRequest(t.port, { query: "EIO=4&transport=sse" });
    expect(JSON.parse(res.body)).toEqual({ code: 0, message: "Transport unknown" });
  });
});
