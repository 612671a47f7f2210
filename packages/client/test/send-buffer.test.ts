/**
 * `socket.sendBuffer` and `maxSendBuffer`: emits made while disconnected wait in an inspectable
 * array (socket.io-client's `sendBuffer`), bounded; past the bound the newest emit is refused
 * (its error-first ack gets SendBufferFullError, an emit without ack is dropped), and what was
 * accepted reaches the server in order once connected. Against both server kinds.
 */
import { SendBufferFullError } from "@volley/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidOptionError, io, type Socket } from "../src/index.js";
import { type AnyServer, once, serverKinds, startServer, type TestServer } from "./helpers.js";

describe.each(serverKinds)("send buffer with the %s server", (kind) => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function setup(options: Parameters<typeof io>[1]) {
    const received: unknown[] = [];
    const server = await startServer(kind, {}, (srv: AnyServer) => {
      srv.on("connection", (socket: AnyServer) => {
        socket.onAny((event: string, ...args: unknown[]) => {
          const ack = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
          received.push([event, ...args]);
          (ack as ((x: unknown) => void) | undefined)?.("ok");
        });
      });
    });
    servers.push(server);
    const socket = io(server.url, { autoConnect: false, forceNew: true, ...options });
    sockets.push(socket);
    return { socket, received };
  }

  it("holds emits made while disconnected, inspectable, and sends them in order on connect", async () => {
    const { socket, received } = await setup({});
    socket.emit("a", 1);
    socket.emit("b", Buffer.from([2]));
    expect(socket.sendBuffer.map((p) => (p.data as unknown[])[0])).toEqual(["a", "b"]);
    const acked = socket.emitWithAck("c", 3);
    expect(socket.sendBuffer).toHaveLength(3);
    socket.connect();
    expect(await acked).toBe("ok");
    expect(socket.sendBuffer).toEqual([]);
    expect(received.map((r) => (r as unknown[])[0])).toEqual(["a", "b", "c"]);
  });

  it("refuses the newest emit past maxSendBuffer: error to its ack, the rest kept in order", async () => {
    const { socket, received } = await setup({ maxSendBuffer: 2 });
    socket.emit("first");
    socket.emit("second");
    const refused = socket.emitWithAck("third");
    await expect(refused).rejects.toBeInstanceOf(SendBufferFullError);
    await expect(refused).rejects.toMatchObject({ code: "SEND_BUFFER_FULL", limit: 2 });
    const viaTimeout = new Promise((resolve) =>
      socket.timeout(1000).emit("fourth", (err: unknown) => resolve(err)),
    );
    expect(await viaTimeout).toBeInstanceOf(SendBufferFullError);
    socket.emit("fifth"); // no ack: dropped
    expect(socket.sendBuffer.map((p) => (p.data as unknown[])[0])).toEqual(["first", "second"]);
    socket.connect();
    await once(socket, "connect");
    expect(await socket.emitWithAck("after")).toBe("ok");
    expect(received.map((r) => (r as unknown[])[0])).toEqual(["first", "second", "after"]);
  });

  it("drops the buffer when the app assigns an empty array", async () => {
    const { socket, received } = await setup({});
    socket.emit("stale");
    socket.sendBuffer = [];
    socket.connect();
    await once(socket, "connect");
    expect(await socket.emitWithAck("fresh")).toBe("ok");
    expect(received.map((r) => (r as unknown[])[0])).toEqual(["fresh"]);
  });
});

it("validates maxSendBuffer", () => {
  expect(() => io("http://127.0.0.1:1", { autoConnect: false, maxSendBuffer: -1 })).toThrow(
    InvalidOptionError,
  );
});
