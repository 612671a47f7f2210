/**
 * The client in real Chromium: a page built with Vite (browser conditions, so no `ws`), served
 * with a Socket.IO server on 127.0.0.1:0. Connects, emits with ack (binary included), upgrades
 * to WebSocket, and falls back to polling when the page blocks WebSocket.
 * Skipped only when no Chromium is installed and CHROMIUM_PATH is unset.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import officialMsgpack from "socket.io-msgpack-parser";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AnyServer,
  type ServerKind,
  serverKinds,
  startServer,
  type TestServer,
} from "./helpers.js";
import { type SseTestServer, sseServer } from "./sse-server.js";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = process.env.CHROMIUM_PATH !== undefined || existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(
    `browser.test.ts skipped: no Chromium at ${chromiumPath}; set CHROMIUM_PATH to run it.`,
  );
}

const clientEntry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const sseEntry = fileURLToPath(new URL("../dist/sse.js", import.meta.url));
// bundled into the page only (with notepack's browser build): not a dependency of the client
const msgpackEntry = fileURLToPath(new URL("../../msgpack-parser/dist/index.js", import.meta.url));

const MAIN = `
import { io } from "@volley/client";
import "@volley/client/sse";
import * as msgpackParser from "@volley/msgpack-parser";
window.runMsgpack = async (transports) => {
  const socket = io({ parser: msgpackParser, transports, forceNew: true, reconnection: false });
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const reply = await socket.timeout(5000).emitWithAck("echo", {
    text: "msgpack",
    bytes: new Uint8Array([1, 2, 3]),
  });
  const transport = socket.transport.value;
  socket.disconnect();
  return {
    transport,
    text: reply.text,
    bytesIsArrayBuffer: reply.bytes instanceof ArrayBuffer,
    bytes: Array.from(new Uint8Array(reply.bytes)),
  };
};
window.runClient = async ({ waitForUpgrade, ...options }) => {
  const socket = io(options);
  const engine = socket.io.engine;
  // waitForUpgrade: "upgrade" or "upgradeError" waits for that event, true for either
  const upgradeSettled = new Promise((resolve) => {
    if (waitForUpgrade !== "upgradeError") engine.once("upgrade", resolve);
    if (waitForUpgrade !== "upgrade") engine.once("upgradeError", resolve);
  });
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  if (waitForUpgrade) await upgradeSettled;
  const reply = await socket.timeout(5000).emitWithAck("echo", {
    text: "from the browser",
    bytes: new Uint8Array([1, 2, 3]),
    blob: new Blob([new Uint8Array([9, 8])]),
  });
  const result = {
    transport: socket.transport.value,
    status: socket.status.value,
    text: reply.text,
    bytesIsArrayBuffer: reply.bytes instanceof ArrayBuffer,
    bytes: Array.from(new Uint8Array(reply.bytes)),
    blob: Array.from(new Uint8Array(reply.blob)),
  };
  socket.disconnect();
  return result;
};
// The connect_error of a client that cannot connect, as plain data.
window.connectError = (url, options) =>
  new Promise((resolve) => {
    const socket = io(url, { ...options, reconnection: false, forceNew: true });
    socket.once("connect_error", (e) => {
      socket.disconnect();
      resolve({ message: e.message, type: e.type, code: e.code, description: e.description });
    });
  });
window.startClient = async (options) => {
  window.live = io(options);
  await new Promise((resolve) => window.live.once("connect", resolve));
};
// arm(name) registers a listener now; waitFor(name) awaits it later (no race with the test).
window.armed = {};
window.arm = (name) => {
  window.armed[name] = new Promise((resolve) =>
    window.live.once(name, (...args) =>
      // disconnect details ({ description, context }) as their description
      resolve(args.map((a) => (a && typeof a === "object" && "description" in a ? a.description : String(a)))),
    ),
  );
};
window.waitFor = (name) => window.armed[name];
`;

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };

describe.skipIf(!hasChromium)(
  "browser (Chromium)",
  () => {
    let browser: Browser;
    let outDir: string;

    beforeAll(async () => {
      const dir = await mkdtemp(join(tmpdir(), "volley-client-browser-"));
      outDir = join(dir, "dist");
      await writeFile(
        join(dir, "index.html"),
        `<!doctype html><script type="module" src="./main.js"></script>`,
      );
      await writeFile(join(dir, "main.js"), MAIN);
      await build({
        root: dir,
        configFile: false,
        logLevel: "silent",
        resolve: {
          alias: [
            { find: /^@volley\/client$/, replacement: clientEntry },
            { find: /^@volley\/client\/sse$/, replacement: sseEntry },
            { find: /^@volley\/msgpack-parser$/, replacement: msgpackEntry },
          ],
        },
        build: { outDir, minify: false, emptyOutDir: true },
      });
      browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      if (outDir) await rm(join(outDir, ".."), { recursive: true, force: true });
    });

    it("bundles the browser WebSocket, never the ws package", async () => {
      const assets = await readdir(join(outDir, "assets"));
      const code = (
        await Promise.all(assets.map((f) => readFile(join(outDir, "assets", f), "utf8")))
      ).join("\n");
      expect(code).toContain("runClient");
      for (const marker of [
        "WebSocketServer",
        "perMessageDeflate",
        "permessage-deflate",
        "nodebuffer",
      ]) {
        expect(code).not.toContain(marker);
      }
    });

    /** A Socket.IO server that also serves the built page. */
    function startPageServer(
      kind: ServerKind,
      options: Record<string, unknown> = {},
    ): Promise<TestServer> {
      return startServer(kind, options, (io: AnyServer, http) => {
        io.on("connection", (socket: AnyServer) => {
          socket.on("echo", (data: unknown, ack: (d: unknown) => void) => ack(data));
        });
        // Static files for every path the io server does not own.
        http.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
          if (req.url?.startsWith("/socket.io/")) return;
          const path = req.url === "/" || !req.url ? "/index.html" : req.url.split("?")[0]!;
          readFile(join(outDir, path)).then(
            (body) =>
              res
                .writeHead(200, { "content-type": TYPES[extname(path)] ?? "text/plain" })
                .end(body),
            () => res.writeHead(404).end(),
          );
        });
      });
    }

    // A client-only behaviour: checked against one server kind.
    it("closes at once when the browser goes offline, and reconnects when back online", async () => {
      const server = await startPageServer(serverKinds[0]!);
      const context = await browser.newContext();
      type Page = {
        startClient(o: unknown): Promise<void>;
        arm(name: string): void;
        waitFor(name: string): Promise<string[]>;
        live: { disconnect(): void };
      };
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/`);
        await page.waitForFunction(() => "startClient" in window);
        await page.evaluate((o) => (window as unknown as Page).startClient(o), {
          reconnectionDelay: 100,
          reconnectionDelayMax: 200,
        });
        await page.evaluate(() => (window as unknown as Page).arm("disconnect"));
        await context.setOffline(true);
        const reason = await page.evaluate(() => (window as unknown as Page).waitFor("disconnect"));
        expect(reason).toEqual(["transport close", "network connection lost"]);
        await page.evaluate(() => (window as unknown as Page).arm("connect"));
        await context.setOffline(false);
        await page.evaluate(() => (window as unknown as Page).waitFor("connect"));
        await page.evaluate(() => (window as unknown as Page).live.disconnect());
      } finally {
        await context.close();
        await server.close();
      }
    });

    it("closeOnBeforeunload closes the connection silently on beforeunload; off by default", async () => {
      const server = await startPageServer(serverKinds[0]!);
      const serverDisconnects: string[] = [];
      server.io.on("connection", (socket: AnyServer) =>
        socket.on("disconnect", (reason: string) => serverDisconnects.push(reason)),
      );
      const context = await browser.newContext();
      type Page = {
        startClient(o: unknown): Promise<void>;
        live: {
          connected: boolean;
          on(e: string, f: () => void): void;
          timeout(ms: number): { emitWithAck(e: string, d: unknown): Promise<unknown> };
          disconnect(): void;
        };
        clientDisconnects: number;
      };
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/`);
        await page.waitForFunction(() => "startClient" in window);
        // default (false): a beforeunload that does not unload leaves the connection working
        await page.evaluate(async () => {
          const w = window as unknown as Page;
          await w.startClient({ transports: ["websocket"] });
          window.dispatchEvent(new Event("beforeunload"));
        });
        expect(
          await page.evaluate(() =>
            (window as unknown as Page).live.timeout(5000).emitWithAck("echo", "still here"),
          ),
        ).toBe("still here");
        await page.evaluate(() => (window as unknown as Page).live.disconnect());

        // on: the server sees the transport close; the page hears no disconnect
        const serverSaw = new Promise<void>((resolve) =>
          server.io.on("connection", (socket: AnyServer) =>
            socket.on("disconnect", () => resolve()),
          ),
        );
        await page.evaluate(async () => {
          const w = window as unknown as Page;
          await w.startClient({
            transports: ["websocket"],
            closeOnBeforeunload: true,
            forceNew: true,
          });
          w.clientDisconnects = 0;
          w.live.on("disconnect", () => w.clientDisconnects++);
          window.dispatchEvent(new Event("beforeunload"));
        });
        await serverSaw;
        expect(serverDisconnects).toEqual(["client namespace disconnect", "transport close"]);
        expect(await page.evaluate(() => (window as unknown as Page).clientDisconnects)).toBe(0);
      } finally {
        await context.close();
        await server.close();
      }
    });

    it.each(serverKinds)(
      "@volley/msgpack-parser in the page, against the %s server with socket.io-msgpack-parser",
      async (kind) => {
        const server = await startPageServer(kind, { parser: officialMsgpack });
        const context = await browser.newContext();
        type Page = { runMsgpack(t: string[]): Promise<Record<string, unknown>> };
        try {
          const page = await context.newPage();
          await page.goto(`${server.url}/`);
          await page.waitForFunction(() => "runMsgpack" in window);
          for (const transport of ["websocket", "polling"]) {
            const result = await page.evaluate(
              (t) => (window as unknown as Page).runMsgpack(t),
              [transport],
            );
            expect(result).toEqual({
              transport,
              text: "msgpack",
              bytesIsArrayBuffer: true,
              bytes: [1, 2, 3],
            });
          }
        } finally {
          await context.close();
          await server.close();
        }
      },
    );

    /** Serves the built page for every path outside /socket.io/. */
    const servePage = (req: IncomingMessage, res: ServerResponse) => {
      const path = req.url === "/" || !req.url ? "/index.html" : req.url.split("?")[0]!;
      readFile(join(outDir, path)).then(
        (body) =>
          res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "text/plain" }).end(body),
        () => res.writeHead(404).end(),
      );
    };

    it("says 'probably CORS' when the browser hides a cross-origin refusal", async () => {
      const page = await startPageServer(serverKinds[0]!);
      const other = await startServer("socket.io"); // no cors option: other origins refused
      const context = await browser.newContext();
      type Page = { connectError(url: string, o: unknown): Promise<Record<string, string>> };
      try {
        const tab = await context.newPage();
        await tab.goto(`${page.url}/`);
        await tab.waitForFunction(() => "connectError" in window);
        const error = await tab.evaluate(
          ([url]) => (window as unknown as Page).connectError(url!, { transports: ["polling"] }),
          [other.url],
        );
        expect(error).toMatchObject({
          message: "xhr poll error",
          type: "TransportError",
          code: "PROBABLY_CORS",
        });
        expect(error.description).toContain("probably CORS");
        expect(error.description).toContain(page.url); // the page's origin
      } finally {
        await context.close();
        await other.close();
        await page.close();
      }
    });

    it("describes a refused WebSocket with its close code, never [object Event]", async () => {
      const page = await startPageServer(serverKinds[0]!);
      const context = await browser.newContext();
      type Page = { connectError(url: string, o: unknown): Promise<Record<string, string>> };
      page.http.removeAllListeners("upgrade");
      page.http.on("upgrade", (_req, sock) => sock.destroy());
      try {
        const tab = await context.newPage();
        await tab.goto(`${page.url}/`);
        await tab.waitForFunction(() => "connectError" in window);
        const error = await tab.evaluate(
          ([url]) => (window as unknown as Page).connectError(url!, { transports: ["websocket"] }),
          [page.url],
        );
        expect(error).toMatchObject({
          message: "websocket error",
          type: "TransportError",
          code: "WEBSOCKET_CLOSED",
        });
        expect(error.description).toContain("closed with code 1006");
        expect(error.description).not.toContain("[object");
      } finally {
        await context.close();
        await page.close();
      }
    });

    it("connects on SSE (fetch streaming in the browser), with binary acks", async () => {
      const server: SseTestServer = await sseServer({ fallback: servePage });
      const context = await browser.newContext();
      type Page = { runClient(o: unknown): Promise<Record<string, unknown>> };
      try {
        const tab = await context.newPage();
        await tab.goto(`${server.url}/`);
        await tab.waitForFunction(() => "runClient" in window);
        const result = await tab.evaluate((o) => (window as unknown as Page).runClient(o), {
          transports: ["sse"],
        });
        expect(result).toEqual({
          transport: "sse",
          status: "connected",
          text: "from the browser",
          bytesIsArrayBuffer: true,
          bytes: [1, 2, 3],
          blob: [9, 8],
        });
      } finally {
        await context.close();
        await server.close();
      }
    });

    describe.each(serverKinds)("against the %s server", (kind) => {
      let server: TestServer;

      beforeAll(async () => {
        server = await startPageServer(kind);
      });

      afterAll(async () => {
        await server?.close();
      });

      async function run(options: Record<string, unknown>, blockWebSocket = false) {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          if (process.env.DEBUG_BROWSER) {
            page.on("console", (m) => console.log("[page]", m.text()));
            page.on("pageerror", (e) => console.log("[pageerror]", e.message));
          }
          if (blockWebSocket) {
            await page.addInitScript(() => {
              (window as unknown as { WebSocket: unknown }).WebSocket = class {
                constructor() {
                  throw new Error("blocked");
                }
              };
            });
          }
          await page.goto(`${server.url}/`);
          await page.waitForFunction(() => "runClient" in window);
          return await page.evaluate(
            (o) =>
              (
                window as unknown as { runClient: (o: unknown) => Promise<Record<string, unknown>> }
              ).runClient(o),
            options,
          );
        } finally {
          await context.close();
        }
      }

      it("connects (io() with no URL uses location), upgrades and emits with ack", async () => {
        const result = await run({ waitForUpgrade: "upgrade" });
        expect(result).toEqual({
          transport: "websocket",
          status: "connected",
          text: "from the browser",
          bytesIsArrayBuffer: true,
          bytes: [1, 2, 3],
          blob: [9, 8],
        });
      });

      it("falls back to polling when the page blocks WebSocket", async () => {
        const result = await run(
          { waitForUpgrade: "upgradeError", transports: ["polling", "websocket"] },
          true,
        );
        expect(result).toMatchObject({
          transport: "polling",
          status: "connected",
          bytesIsArrayBuffer: true,
          bytes: [1, 2, 3],
          blob: [9, 8],
        });
      });

      it.runIf(kind === "volley")(
        "with the default transports, falls back to SSE when the page blocks WebSocket",
        async () => {
          const result = await run({ waitForUpgrade: "upgrade" }, true);
          expect(result).toMatchObject({
            transport: "sse",
            status: "connected",
            bytesIsArrayBuffer: true,
            bytes: [1, 2, 3],
            blob: [9, 8],
          });
        },
      );
    });
  },
  60_000,
);
