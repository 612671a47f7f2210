/**
 * `serveClient` in a real browser: a plain page loads `/socket.io/socket.io.js` with a
 * `<script>` tag and uses the global `io` exactly as with socket.io's bundle (connect, emit
 * with an ack, receive); the ESM bundle imports the same way; a large long-polling answer
 * arrives gzip-compressed (`httpCompression`), which Chromium decodes transparently; the
 * msgpack bundle talks to a server on the msgpack parser.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import * as msgpackParser from "@volley/msgpack-parser";
import { Server } from "@volley/server";

const SCRIPT_PAGE = `<!doctype html>
<html><head><title>loading</title><script src="/socket.io/socket.io.js"></script></head>
<body><script>
  window.shape = [typeof io, typeof io.Manager, typeof io.Socket, io.protocol, io.connect === io.io];
  const socket = io({ transports: ["polling"] });
  socket.on("big", (text) => { window.bigLength = text.length; });
  socket.emit("hello", "ann", (answer) => { document.title = answer; });
</script></body></html>`;

const MODULE_PAGE = `<!doctype html>
<html><head><title>loading</title></head><body><script type="module">
  import { io } from "/socket.io/socket.io.esm.min.js";
  const socket = io();
  socket.emit("hello", "esm", (answer) => { document.title = answer; });
</script></body></html>`;

// socket.io.msgpack.min.js: the global io with the msgpack parser as its default
const MSGPACK_PAGE = `<!doctype html>
<html><head><title>loading</title><script src="/socket.io/socket.io.msgpack.min.js"></script></head>
<body><script>
  const socket = io();
  socket.emit("hello", "msgpack", new Uint8Array([1, 2, 3]), (answer, size) => {
    document.title = answer + " " + size;
  });
</script></body></html>`;

let httpServer: HttpServer | undefined;
let msgpackServer: HttpServer | undefined;
let msgpackIo: Server | undefined;
let io: Server | undefined;
let url = "";

test.beforeAll(async () => {
  httpServer = createServer((req, res) => {
    const page = req.url === "/" ? SCRIPT_PAGE : req.url === "/esm" ? MODULE_PAGE : undefined;
    if (page === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(page);
  });
  io = new Server(httpServer);
  io.on("connection", (socket) => {
    socket.on("hello", (name: string, ack: (answer: string) => void) => ack(`hi ${name}`));
    socket.emit("big", "x".repeat(20_000));
  });
  await new Promise<void>((resolve) => httpServer!.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await io?.close();
  await msgpackIo?.close();
});

test("a <script> page gets a msgpack-speaking io from /socket.io/socket.io.msgpack.min.js", async ({
  page,
}) => {
  msgpackServer = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(MSGPACK_PAGE);
  });
  // a server on the msgpack parser answers only clients that speak it
  msgpackIo = new Server(msgpackServer, { parser: msgpackParser });
  msgpackIo.on("connection", (socket) => {
    socket.on("hello", (name: string, bytes: Buffer, ack: (a: string, n: number) => void) =>
      ack(`hi ${name}`, bytes.length),
    );
  });
  await new Promise<void>((resolve) => msgpackServer!.listen(0, "127.0.0.1", resolve));
  await page.goto(`http://127.0.0.1:${(msgpackServer.address() as AddressInfo).port}/`);
  await expect(page).toHaveTitle("hi msgpack 3");
});

test("a <script> page gets the global io from /socket.io/socket.io.js", async ({ page }) => {
  const encodings: (string | undefined)[] = [];
  page.on("response", (response) => {
    if (response.url().includes("transport=polling") && response.request().method() === "GET") {
      encodings.push(response.headers()["content-encoding"]);
    }
  });
  await page.goto(url);
  await expect(page).toHaveTitle("hi ann");
  expect(await page.evaluate(() => (window as unknown as { shape: unknown[] }).shape)).toEqual([
    "function",
    "function",
    "function",
    5,
    true,
  ]);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { bigLength?: number }).bigLength))
    .toBe(20_000);
  expect(encodings).toContain("gzip");
});

test("a module page imports io from /socket.io/socket.io.esm.min.js", async ({ page }) => {
  await page.goto(`${url}/esm`);
  await expect(page).toHaveTitle("hi esm");
});
