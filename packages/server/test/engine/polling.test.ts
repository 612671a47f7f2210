/**
 * The long-polling transport over raw HTTP: batching, binary as base64, POST rules (ok,
 * text/html, octet-stream 400, 413), overlapping GETs, client close, malformed input.
 */

import { request } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
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

let t: TestEngine | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function open(): Promise<{ session: EngineSession; sid: string; q: string }> {
  const sessionP = nextSession(t!.engine);
  const { sid } = await rawHandshake(t!.port);
  return { session: await sessionP, sid, q: `EIO=4&transport=polling&sid=${sid}` };
}

function closeReason(session: EngineSession): Promise<[string, string | undefined]> {
  return new Promise((r) =>
    session.once("close", (reason, description) => r([reason, description])),
  );
}

describe("polling transport", () => {
  it("handshake answer is the open packet as text/plain", async () => {
    t = await startEngine();
    const { handshake, res } = await rawHandshake(t.port);
    expect(res.headers["content-type"]).toBe("text/plain; charset=UTF-8");
    expect(handshake.upgrades).toEqual(["websocket", "sse"]);
    expect(handshake.sid).toHaveLength(20);
  });

  it("batches packets sent in one tick into one GET answer, binary as b-base64", async () => {
    t = await startEngine();
    const { session, q } = await open();
    session.send("a");
    session.send(Buffer.from([1, 2, 3]));
    session.send("c");
    const res = await rawRequest(t.port, { query: q });
    expect(res.body).toBe("4a\x1ebAQID\x1e4c");
  });

  it("holds a GET until a packet is ready", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const pending = rawRequest(t.port, { query: q });
    setTimeout(() => session.send("later"), 20);
    expect((await pending).body).toBe("4later");
  });

  it("decodes POST payloads, answers ok as text/html", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const got: (string | Buffer)[] = [];
    session.on("message", (d) => got.push(d));
    const res = await rawRequest(t.port, {
      method: "POST",
      query: q,
      body: "4hi\x1ebAQID\x1e4\u00e9",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("ok");
    expect(res.headers["content-type"]).toBe("text/html");
    expect(got[0]).toBe("hi");
    expect([...(got[1] as Buffer)]).toEqual([1, 2, 3]);
    expect(got[2]).toBe("\u00e9");
  });

  it("a concurrent second GET gets 400 and the session closes (first GET gets 1)", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const closed = closeReason(session);
    const arrived = requestArrived(t.server);
    const first = rawRequest(t.port, { query: q });
    await arrived;
    const second = await rawRequest(t.port, { query: q });
    expect(second.status).toBe(400);
    expect((await first).body).toBe("1");
    expect((await closed)[0]).toBe("transport error");
    expect(t.engine.clientsCount).toBe(0);
  });

  it("application/octet-stream POST is a 400 at once", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const closed = closeReason(session);
    const res = await rawRequest(t.port, {
      method: "POST",
      query: q,
      body: Buffer.from([4, 1, 2]),
      headers: { "Content-Type": "application/octet-stream" },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ code: 3, message: "Bad request" });
    expect((await closed)[0]).toBe("transport error");
  });

  it("a body over maxHttpBufferSize is a 413 (declared length)", async () => {
    t = await startEngine({ maxHttpBufferSize: 100 });
    const { session, q } = await open();
    const closed = closeReason(session);
    // Headers only: the server must answer without reading the announced body.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: t!.port,
          method: "POST",
          path: `${PATH}?${q}`,
          agent: false,
          headers: { "Content-Length": 1000 },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
    expect((await closed)[0]).toBe("transport error");
  });

  it("a chunked body over maxHttpBufferSize is a 413", async () => {
    t = await startEngine({ maxHttpBufferSize: 100 });
    const { session, q } = await open();
    const closed = closeReason(session);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: t!.port,
          method: "POST",
          path: `${PATH}?${q}`,
          agent: false,
          headers: { "Transfer-Encoding": "chunked" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", reject);
      req.write(`4${"x".repeat(60)}`);
      req.write("x".repeat(60));
    });
    expect(status).toBe(413);
    expect((await closed)[0]).toBe("transport error");
  });

  it("a body of exactly maxHttpBufferSize bytes is accepted", async () => {
    t = await startEngine({ maxHttpBufferSize: 1000 });
    const { session, q } = await open();
    const messages: (string | Buffer)[] = [];
    session.on("message", (m) => messages.push(m));
    const res = await rawRequest(t.port, { method: "POST", query: q, body: `4${"x".repeat(999)}` });
    expect(res.status).toBe(200);
    expect(messages).toEqual(["x".repeat(999)]);
    expect(session.readyState).toBe("open");
  });

  for (const chunked of [false, true]) {
    it(`a client that writes a whole too-large body before reading gets the 413 (${chunked ? "chunked" : "Content-Length"})`, async () => {
      t = await startEngine({ maxHttpBufferSize: 1000 });
      const { session, q } = await open();
      const closed = closeReason(session);
      const body = `4${"x".repeat(200_000)}`;
      const head =
        `POST ${PATH}?${q} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        (chunked
          ? `Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n`
          : `Content-Length: ${body.length}\r\n\r\n`);
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(t!.port, "127.0.0.1");
        let got = "";
        socket.on("data", (d) => {
          got += d;
        });
        socket.on("error", () => resolve(got));
        socket.on("close", () => resolve(got));
        socket.write(head + body + (chunked ? "\r\n0\r\n\r\n" : ""));
      });
      expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
      expect(answer.toLowerCase()).toContain("connection: close");
      expect((await closed)[0]).toBe("transport error");
    });
  }

  it("client close packet answers the pending GET with a noop", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const closed = closeReason(session);
    const arrived = requestArrived(t.server);
    const pending = rawRequest(t.port, { query: q });
    await arrived;
    const post = await rawRequest(t.port, { method: "POST", query: q, body: "1" });
    expect(post.body).toBe("ok");
    expect((await pending).body).toBe("6");
    expect((await closed)[0]).toBe("transport close");
  });

  it("a ping from a v4 client is an error", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const closed = closeReason(session);
    await rawRequest(t.port, { method: "POST", query: q, body: "2" });
    expect(await closed).toEqual(["transport error", "invalid heartbeat direction"]);
  });

  it("a malformed payload closes only that session with parse error", async () => {
    t = await startEngine();
    const a = await open();
    const b = await open();
    const closed = closeReason(a.session);
    for (const body of ["", "9x", "4ok\x1e\x1e4", "b!!!"]) {
      const c = body === "" ? a : await open();
      const cClosed = c === a ? closed : closeReason(c.session);
      const res = await rawRequest(t.port, { method: "POST", query: c.q, body });
      expect(res.status).toBe(400);
      expect((await cClosed)[0]).toBe("parse error");
    }
    expect(b.session.readyState).toBe("open");
    b.session.send("still here");
    expect((await rawRequest(t.port, { query: b.q })).body).toBe("4still here");
  });

  // engine.io's framing, which socket.io's own suite checks byte for byte
  it("forced close delivers queued packets on the next GET, then 6\\x1e1 on another", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const closed = closeReason(session);
    session.send("bye");
    session.close();
    expect(session.readyState).toBe("closing");
    expect((await rawRequest(t.port, { query: q })).body).toBe("4bye");
    expect(session.readyState).toBe("closing");
    expect((await rawRequest(t.port, { query: q })).body).toBe("6\x1e1");
    expect((await closed)[0]).toBe("forced close");
  });

  it("forced close with nothing queued: the next GET gets 6\\x1e1; a held GET gets 1", async () => {
    t = await startEngine();
    const a = await open();
    const aClosed = closeReason(a.session);
    a.session.close();
    expect((await rawRequest(t.port, { query: a.q })).body).toBe("6\x1e1");
    expect((await aClosed)[0]).toBe("forced close");
    const b = await open();
    const arrived = requestArrived(t.server);
    const held = rawRequest(t.port, { query: b.q });
    await arrived;
    b.session.close();
    expect((await held).body).toBe("1");
  });

  it("an aborted GET closes the session with transport error", async () => {
    t = await startEngine();
    const { session, q } = await open();
    const closed = closeReason(session);
    const arrived = requestArrived(t.server);
    const req = request({ host: "127.0.0.1", port: t.port, path: `${PATH}?${q}`, agent: false });
    req.on("error", () => {});
    req.end();
    await arrived;
    req.destroy();
    expect((await closed)[0]).toBe("transport error");
  });
});
