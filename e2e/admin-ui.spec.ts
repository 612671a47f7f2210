/**
 * The official Socket.IO admin UI (the dashboard shipped in `@socket.io/admin-ui/ui/dist`),
 * served locally on loopback, connected through its own connection form to a Volley server
 * instrumented with the package's `instrument()`: the socket of a Node client shows up in its
 * list, with its transport. Saves a screenshot (into e2e/screenshots/ with UPDATE_SCREENSHOTS=1).
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server as HttpServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize } from "node:path";
import { expect, test } from "@playwright/test";
import { instrument } from "@socket.io/admin-ui";
import { Server } from "@volley/server";
import { io as ioc } from "socket.io-client";

const require = createRequire(import.meta.url);
const uiDir = join(dirname(require.resolve("@socket.io/admin-ui/package.json")), "ui", "dist");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** A static file server for the UI's build (a test fixture: GET only, inside uiDir only). */
function serveUi(): HttpServer {
  return createServer(async (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0]!));
    const file = join(uiDir, path === "/" ? "index.html" : path);
    if (!file.startsWith(uiDir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

async function listen(server: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const screenshotDir = (testOutput: string) =>
  process.env.UPDATE_SCREENSHOTS ? join(import.meta.dirname, "screenshots") : testOutput;

test("the shipped admin UI lists a Volley server's sockets", async ({ page }, testInfo) => {
  const uiServer = serveUi();
  const uiUrl = await listen(uiServer);
  const httpServer = createServer();
  const io = new Server(httpServer, { cors: { origin: uiUrl, credentials: true } });
  io.on("connection", (socket) => socket.join("lobby"));
  instrument(io as unknown as Parameters<typeof instrument>[0], {
    auth: false,
    mode: "development",
  });
  const serverUrl = await listen(httpServer);
  const user = ioc(serverUrl, { forceNew: true, reconnection: false, transports: ["websocket"] });
  try {
    await new Promise<void>((resolve, reject) => {
      user.once("connect", resolve);
      user.once("connect_error", reject);
    });
    // the UI asks Google Fonts and a CDN for its fonts and icons: no internet here
    await page.route(/fonts\.googleapis\.com|cdn\.jsdelivr\.net/, (route) => route.abort());
    await page.goto(`${uiUrl}/#/sockets/`);

    // the connection form (a Vuetify dialog) opens when no server was saved
    const serverField = page.getByLabel("Server URL");
    await expect(serverField).toBeVisible();
    await serverField.fill(serverUrl);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(page.getByText("connected", { exact: true }).first()).toBeVisible();

    // the user's socket, by id, with its transport
    const row = page.getByRole("row").filter({ hasText: user.id! });
    await expect(row).toBeVisible();
    await expect(row).toContainText("WebSocket");
    await page.screenshot({
      path: join(screenshotDir(testInfo.outputDir), "admin-ui-sockets.png"),
      fullPage: true,
    });
  } finally {
    user.disconnect();
    await io.close();
    await new Promise((resolve) => uiServer.close(resolve));
  }
});
