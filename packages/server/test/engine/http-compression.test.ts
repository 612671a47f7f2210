/**
 * `httpCompression` on long-polling answers: gzip or deflate as `Accept-Encoding` asks, only
 * from `threshold` bytes, never for `compress: false` packets, off with `false`; and the
 * official socket.io-client over polling still gets large messages intact (in Node it sends no
 * Accept-Encoding, and its XHR would not decompress; browsers do both: see e2e/serve-client).
 */

import { request } from "node:http";
import { gunzipSync, inflateSync } from "node:zlib";
import { io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { EngineOptions, EngineSession } from "../../src/engine/index.js";
import { Server } from "../../src/index.js";
import { PATH, rawHandshake, startEngine, type TestEngine } from "./helpers.js";

let t: TestEngine | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Answer {
  encoding: string | undefined;
  vary: string | undefined;
  body: string;
}

function poll(sid: string, acceptEncoding?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: t!.port,
        path: `${PATH}?EIO=4&transport=polling&sid=${sid}`,
        headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          const body =
            encoding === "gzip" ? gunzipSync(raw) : encoding === "deflate" ? inflateSync(raw) : raw;
          resolve({ encoding, vary: res.headers.vary, body: body.toString() });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function sessionWith(options: Partial<EngineOptions> = {}): Promise<EngineSession> {
  t = await startEngine(options);
  const session = new Promise<EngineSession>((resolve) => t!.engine.once("connection", resolve));
  await rawHandshake(t.port);
  return session;
}

const BIG = "x".repeat(2000);

describe("httpCompression", () => {
  it("gzips or deflates a large answer as Accept-Encoding asks", async () => {
    const session = await sessionWith();
    session.send(BIG);
    const gz = await poll(session.id, "gzip, deflate");
    expect(gz).toEqual({ encoding: "gzip", vary: "Accept-Encoding", body: `4${BIG}` });
    session.send(BIG);
    const deflated = await poll(session.id, "deflate;q=1, gzip;q=0");
    expect(deflated.encoding).toBe("deflate");
    expect(deflated.body).toBe(`4${BIG}`);
  });

  it("leaves small answers, compress: false packets and clients that do not ask alone", async () => {
    const session = await sessionWith();
    session.send("small");
    expect((await poll(session.id, "gzip")).encoding).toBeUndefined();
    session.send(BIG, { compress: false });
    expect(await poll(session.id, "gzip")).toMatchObject({ encoding: undefined, body: `4${BIG}` });
    session.send(BIG);
    expect((await poll(session.id)).encoding).toBeUndefined();
    session.send(BIG);
    expect((await poll(session.id, "br")).encoding).toBeUndefined();
  });

  it("honours threshold and false", async () => {
    let session = await sessionWith({ httpCompression: { threshold: 10 } });
    session.send("0123456789abc");
    expect((await poll(session.id, "gzip")).encoding).toBe("gzip");
    await t!.close();
    session = await sessionWith({ httpCompression: false });
    session.send(BIG);
    expect((await poll(session.id, "gzip")).encoding).toBeUndefined();
  });

  it("serves the official client over polling with a large message intact", async () => {
    t = await startEngine();
    const io = new Server({ path: "/sio/" });
    io.attach(t.server);
    const big = "é".repeat(50_000);
    io.on("connection", (socket) => socket.emit("big", big));
    const port = t.port;
    const client = ioc(`http://127.0.0.1:${port}`, {
      path: "/sio/",
      transports: ["polling"],
      forceNew: true,
      reconnection: false,
    });
    const got = await new Promise<string>((resolve) => client.once("big", resolve));
    client.disconnect();
    await io.close();
    expect(got).toBe(big);
  });
});
