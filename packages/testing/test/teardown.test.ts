// close() leaves no open handles: nothing of the server or its clients is left in the process's
// active resources, and a process that uses the helpers exits on its own.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { createTestServer } from "../src/index.js";
import { setupApp } from "./events.js";

/** Sockets and listeners (the test runner's own are in `before` and stay). */
const sockets = () => process.getActiveResourcesInfo().filter((kind) => kind.startsWith("TCP"));
/** Timers: the runner may have its own come and go, so only "no more than before" is checked. */
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout");

test("after close(), no socket, server or timer of the test server or its clients remains", async () => {
  const before = { sockets: sockets(), timers: timers().length };
  const server = await createTestServer(setupApp, { server: { pingInterval: 1_000 } });
  const [a, b] = await Promise.all([server.connect(), server.connect()]);
  await a.emitWithAck("join", "room");
  const polling = await server.connect({ transports: ["polling"] });
  await polling.emitWithAck("echo", "x");
  b.emit("say", "room", "bye");
  await a.waitFor("said");
  expect(sockets().length).toBeGreaterThan(before.sockets.length);
  expect(timers().length).toBeGreaterThan(before.timers);
  await server.close();
  // The server's listener and connections are closed when close() resolves; the clients' ends
  // of the TCP connections close as soon as they read the server's FIN (a few turns later).
  await expect.poll(sockets, { timeout: 2_000, interval: 10 }).toEqual(before.sockets);
  expect(timers().length).toBeLessThanOrEqual(before.timers);
});

test("a node process that starts a server, talks and closes exits by itself", async () => {
  const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
  const script = `
    const { createTestServer } = await import(${JSON.stringify(entry)});
    const server = await createTestServer((io) => {
      io.on("connection", (socket) => socket.on("echo", (t, ack) => ack(t)));
    });
    const client = await server.connect();
    if ((await client.emitWithAck("echo", "hi")) !== "hi") process.exitCode = 2;
    await server.close();
    console.log("closed");
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
  });
  // A leaked handle keeps the child alive; the kill turns that into a failure, not a hang.
  const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.once("exit", (c, s) => resolve([c, s])),
  );
  clearTimeout(killer);
  expect(out.trim()).toBe("closed");
  expect({ code, signal }).toEqual({ code: 0, signal: null });
});
