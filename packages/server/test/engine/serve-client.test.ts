/**
 * `serveClient`: the browser client files from @volley/client under the engine path (the path
 * option honoured), with ETag / 304, Cache-Control, gzip and HEAD; other names under the path
 * (and every name with `serveClient: false`) are the engine's, other paths the app's. The bundle must exist: `pnpm build` makes it.
 */

import { request } from "node:http";
import { runInNewContext } from "node:vm";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { Server } from "../../src/index.js";
import { startEngine, type TestEngine } from "./helpers.js";

let t: TestEngine | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: t!.port, path, headers, method, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("serveClient", () => {
  it("serves the global-io bundle with ETag, 304, Cache-Control, gzip and HEAD", async () => {
    t = await startEngine({ path: "/rt/" });
    const js = await get("/rt/socket.io.js");
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toBe("public, max-age=0");
    const etag = js.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    // the bundle defines a global `io` shaped like socket.io's
    const sandbox: Record<string, unknown> = {
      TextDecoder,
      TextEncoder,
      URL,
      setTimeout,
      clearTimeout,
      queueMicrotask,
    };
    runInNewContext(js.body.toString(), sandbox);
    const io = sandbox.io as Record<string, unknown> & ((...a: unknown[]) => unknown);
    expect(typeof io).toBe("function");
    expect(io.protocol).toBe(5);
    expect(typeof io.Manager).toBe("function");
    expect(typeof io.Socket).toBe("function");
    expect(io.connect).toBe(io.io);

    const again = await get("/rt/socket.io.js?v=1", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    expect((await get("/rt/socket.io.js", { "If-None-Match": `"x", W/${etag}` })).status).toBe(304);

    const gz = await get("/rt/socket.io.js", { "Accept-Encoding": "gzip, deflate" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(js.body)).toBe(true);
    const br = await get("/rt/socket.io.js", { "Accept-Encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(js.body)).toBe(true);

    const head = await get("/rt/socket.io.js", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(js.body.length));
  });

  it("serves the minified, ESM and map files socket.io serves", async () => {
    t = await startEngine({ path: "/rt/" });
    for (const name of ["socket.io.min.js", "socket.io.esm.min.js", "socket.io.msgpack.min.js"]) {
      const file = await get(`/rt/${name}`);
      expect(file.status).toBe(200);
      expect(file.body.toString()).toContain(`sourceMappingURL=${name}.map`);
      const map = await get(`/rt/${name}.map`);
      expect(map.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(JSON.parse(map.body.toString()).version).toBe(3);
    }
    expect((await get("/rt/socket.io.js.map")).status).toBe(200);
    expect((await get("/rt/socket.io.esm.min.js")).body.toString()).toMatch(/export\s*\{/);
  });

  it("serves socket.io.msgpack.min.js: the global io, other than the plain one (msgpack parser)", async () => {
    t = await startEngine({ path: "/rt/" });
    const plain = await get("/rt/socket.io.min.js");
    const msgpack = await get("/rt/socket.io.msgpack.min.js");
    expect(msgpack.status).toBe(200);
    expect(msgpack.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(msgpack.headers.etag).not.toBe(plain.headers.etag);
    const sandbox: Record<string, unknown> = {
      TextDecoder,
      TextEncoder,
      URL,
      setTimeout,
      clearTimeout,
    };
    runInNewContext(msgpack.body.toString(), sandbox);
    const io = sandbox.io as Record<string, unknown> & ((...a: unknown[]) => unknown);
    expect(typeof io).toBe("function");
    expect(io.connect).toBe(io.io);
    expect(typeof io.Manager).toBe("function");
    // connecting in a real browser: e2e/serve-client.spec.ts
  });

  it("leaves other names to the engine, other paths to the app, and serves nothing when off", async () => {
    t = await startEngine({ path: "/rt/" }, (server) =>
      server.on("request", (_req, res) => {
        res.writeHead(418);
        res.end();
      }),
    );
    // under the engine path, other names are the engine's (as engine.io: a 400), other paths the app's
    expect((await get("/rt/other.js")).status).toBe(400);
    expect((await get("/rt/socket.io.js", {}, "POST")).status).toBe(400);
    expect((await get("/socket.io/socket.io.js")).status).toBe(418);
    await t.close();
    t = await startEngine({ path: "/rt/", serveClient: false }, (server) =>
      server.on("request", (_req, res) => {
        res.writeHead(418);
        res.end();
      }),
    );
    expect((await get("/rt/socket.io.js")).status).toBe(400);
  });

  it("adds the cors option's headers for an allowed Origin only", async () => {
    t = await startEngine({ path: "/rt/", cors: { origin: "https://good.example" } });
    const good = await get("/rt/socket.io.esm.min.js", { Origin: "https://good.example" });
    expect(good.status).toBe(200);
    expect(good.headers["access-control-allow-origin"]).toBe("https://good.example");
    const other = await get("/rt/socket.io.esm.min.js", { Origin: "https://evil.example" });
    expect(other.status).toBe(200); // public code; the browser refuses it without the header
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("is on by default for new Server() on its own port", async () => {
    const io = new Server(0);
    // the io server created its own HTTP server
    const httpServer = (io as unknown as { httpServer: import("node:http").Server }).httpServer;
    await new Promise<void>((resolve) =>
      httpServer.listening ? resolve() : httpServer.once("listening", () => resolve()),
    );
    const port = (httpServer.address() as import("node:net").AddressInfo).port;
    t = { port, close: () => io.close() } as unknown as TestEngine;
    expect((await get("/socket.io/socket.io.min.js")).status).toBe(200);
    expect((await get("/nothing")).status).toBe(404);
  });
});
