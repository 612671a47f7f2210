/**
 * `socket.compress(false)`: the emit's frames are sent with `ws`'s `{ compress: false }` (so
 * perMessageDeflate leaves them as they are), buffered emits keep the flag, other emits are
 * sent as before; on polling the flag is ignored and the emit arrives. Against the official
 * socket.io server with perMessageDeflate on. The session emits engine.io-client's `packetCreate`
 * (with `options.compress`) and `packet`, as socket.io-client's own compression tests read them.
 */

import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { io, type Socket } from "../src/index.js";
import { type AnyServer, once, startServer, type TestServer } from "./helpers.js";

describe("compress(false)", () => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function setup(transports: ("polling" | "websocket")[]) {
    const server = await startServer(
      "socket.io",
      { perMessageDeflate: { threshold: 0 } },
      (srv: AnyServer) => {
        srv.on("connection", (socket: AnyServer) => {
          socket.on("echo", (data: unknown, ack?: (d: unknown) => void) => ack?.(data));
        });
      },
    );
    servers.push(server);
    const socket = io(server.url, { transports, forceNew: true, autoConnect: false });
    sockets.push(socket);
    return socket;
  }

  /** The options `ws` got for each frame that carried `marker`. */
  function sendOptionsFor(send: ReturnType<typeof vi.spyOn>, marker: string): unknown[] {
    return send.mock.calls
      .filter(([data]: unknown[]) => String(data).includes(marker))
      .map((call: unknown[]) => call[1]);
  }

  it("sends the frame with { compress: false } on a WebSocket, and others as before", async () => {
    const send = vi.spyOn(WebSocket.prototype, "send");
    const socket = await setup(["websocket"]);
    socket.compress(false).emit("echo", "buffered-raw"); // buffered while connecting
    socket.connect();
    await once(socket, "connect");
    expect(await socket.compress(false).emitWithAck("echo", "raw")).toBe("raw");
    expect(await socket.emitWithAck("echo", "deflated")).toBe("deflated");
    expect(sendOptionsFor(send, '"raw"')).toEqual([{ compress: false }]);
    expect(sendOptionsFor(send, "buffered-raw")).toEqual([{ compress: false }]);
    expect(sendOptionsFor(send, "deflated")).toEqual([undefined]);
  });

  it("is ignored on polling: the emit arrives", async () => {
    const socket = await setup(["polling"]);
    socket.connect();
    await once(socket, "connect");
    expect(await socket.compress(false).emitWithAck("echo", "over polling")).toBe("over polling");
  });

  // socket.io-client's "should enable compression by default" / "should disable compression"
  it("emits engine.io-client's packetCreate with options.compress, and packet on receipt", async () => {
    const socket = await setup(["polling"]);
    socket.connect();
    await once(socket, "connect");
    const engine = socket.io.engine!;
    const created: { type: string; data?: unknown; compress: boolean }[] = [];
    engine.on("packetCreate", (p) =>
      created.push({ type: p.type, data: p.data, compress: p.options.compress }),
    );
    const received: string[] = [];
    engine.on("packet", (p) => received.push(`${p.type}:${String(p.data)}`));
    await socket.emitWithAck("echo", "default");
    await socket.compress(false).emitWithAck("echo", "raw");
    expect(created.map(({ data, compress }) => [String(data), compress])).toEqual([
      ['20["echo","default"]', true],
      ['21["echo","raw"]', false],
    ]);
    expect(received).toEqual(['message:30["default"]', 'message:31["raw"]']);
  });

  it("sends a bare CONNECT (0) without an auth option, as socket.io-client does", async () => {
    const socket = await setup(["polling"]);
    socket.connect();
    const created: unknown[] = [];
    socket.io.engine!.on("packetCreate", (p) => created.push(p.data));
    await once(socket, "connect");
    expect(created[0]).toBe("0");
  });
});
