/**
 * `autoUnref` (Node): a connected client does not keep the process alive. A child process
 * connects over WebSocket, then schedules an unref'ed timer that prints "alive": the timer can
 * only fire if something else still holds the event loop. With autoUnref the child exits
 * without printing it; without, the connection holds the loop and it prints (then exits).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type AnyServer, startServer, type TestServer } from "./helpers.js";

const clientEntry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

function runChild(url: string, autoUnref: boolean): Promise<{ code: number | null; out: string }> {
  const script = `
    const { io } = await import(${JSON.stringify(clientEntry)});
    const socket = io(${JSON.stringify(url)}, { transports: ["websocket"], autoUnref: ${autoUnref} });
    // the app's own work holds the process until connected (with autoUnref the connection
    // never does, not even while it connects)
    const work = setInterval(() => {}, 1000);
    socket.on("connect", () => {
      clearInterval(work);
      console.log("connected");
      setTimeout(() => { console.log("alive"); process.exit(0); }, 200).unref();
    });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe("autoUnref", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("lets a connected Node process exit by itself; without it the connection holds the process", async () => {
    const connections: string[] = [];
    server = await startServer("volley", {}, (srv: AnyServer) => {
      srv.on("connection", (socket: AnyServer) => connections.push(socket.id));
    });
    const unrefed = await runChild(server.url, true);
    expect(unrefed.out.split("\n").filter(Boolean)).toEqual(["connected"]);
    expect(unrefed.code).toBe(0);
    const held = await runChild(server.url, false);
    expect(held.out.split("\n").filter(Boolean)).toEqual(["connected", "alive"]);
    expect(connections).toHaveLength(2);
  });
});
