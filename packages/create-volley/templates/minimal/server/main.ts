/**
 * Entry point (`npm start` runs dist/server/main.js): serves dist/public and the realtime API on
 * one port. PORT (default 3000, 0 = any free port) and HOST (default: all interfaces).
 */
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0 for any free port), got "${process.env.PORT}".`);
  process.exit(1);
}
const host = process.env.HOST || undefined;
const publicDir = fileURLToPath(new URL("../public/", import.meta.url));

const { httpServer, io } = createApp({ publicDir });

httpServer.on("error", (error) => {
  console.error(`Cannot listen: ${error.message}`);
  process.exit(1);
});
httpServer.listen(port, host, () => {
  const { port: actual } = httpServer.address() as AddressInfo;
  console.log(`Listening on http://localhost:${actual}`);
});

async function shutdown(): Promise<void> {
  setTimeout(() => process.exit(1), 5_000).unref();
  await io.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown());
process.once("SIGINT", () => void shutdown());
