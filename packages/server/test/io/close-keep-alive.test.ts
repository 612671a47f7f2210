/**
 * `io.close()` against keep-alive clients: Node closes the idle connections once, so a client
 * that reuses its connection (a browser retrying its handshake every few seconds) would keep
 * the HTTP server, and close(), open. Every answer given while closing ends its connection.
 */
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { Server } from "../../src/index.js";

function get(
  port: number,
  path: string,
  agent: Agent,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

it("answers a request that reuses a keep-alive connection during close() with Connection: close", async () => {
  const httpServer = createServer();
  // an app route on the same server, held open until the test answers it
  let held: ServerResponse | undefined;
  let heldArrived!: () => void;
  const arrived = new Promise<void>((resolve) => {
    heldArrived = resolve;
  });
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== "/held") return;
    held = res;
    heldArrived();
  });
  const io = new Server(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const heldAnswer = get(port, "/held", agent);
    await arrived;
    // the connection is busy, so Node's closeIdleConnections() leaves it open
    const closing = io.close();
    for (let i = 0; i < 1000 && httpServer.listening; i++) await new Promise(setImmediate);
    expect(httpServer.listening).toBe(false);
    held!.end("done");
    expect((await heldAnswer).status).toBe(200);

    // the same connection, reused while close() waits for it
    const during = await get(port, "/socket.io/?EIO=4&transport=polling", agent);
    expect(during.headers.connection).toBe("close");
    await closing;
  } finally {
    agent.destroy();
  }
});
