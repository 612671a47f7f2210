/**
 * One error policy: whatever a user callback does (throw, reject, call back into the library),
 * the library finishes its own work first and reports the error to `io.on("error")`; nothing
 * is swallowed and nothing escapes as an uncaught exception.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  connected,
  nextConnection,
  once,
  startServer,
  type TestServer,
  TRANSPORTS,
} from "./helpers.js";

describe.each(TRANSPORTS)("error policy over %s", (transport) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  /** Resolves with the next error reported through io.on("error"). */
  function nextError(): Promise<Error> {
    return new Promise((resolve) => server.io.once("error", (err) => resolve(err)));
  }

  it("a disconnecting listener that disconnects again: one disconnect, cleanup done once", async () => {
    server = await startServer(transport);
    const errors: Error[] = [];
    server.io.on("error", (err) => errors.push(err));
    const connection = nextConnection(server.io);
    const client = await connected(server.client());
    const socket = await connection;
    let disconnecting = 0;
    let disconnects = 0;
    socket.on("disconnecting", () => {
      disconnecting++;
      socket.disconnect();
    });
    socket.on("disconnect", () => disconnects++);
    const gone = once(client, "disconnect");
    socket.disconnect();
    await gone;
    expect([disconnecting, disconnects]).toEqual([1, 1]);
    expect(server.io.sockets.sockets.size).toBe(0);
    expect(server.io.sockets.adapter.sids.size).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a broadcast ack callback that throws on timeout is reported, not uncaught", async () => {
    server = await startServer(transport);
    const connection = nextConnection(server.io);
    const client = await connected(server.client());
    await connection;
    const asked = once(client, "silent");
    const reported = nextError();
    server.io.timeout(10).emit("silent", () => {
      throw new Error("ack callback");
    });
    await asked;
    expect((await reported).message).toBe("ack callback");
  });

  it("a middleware that throws after next(): connected, and the error reported", async () => {
    server = await startServer(transport);
    server.io.use((_socket, next) => {
      next();
      throw new Error("after next");
    });
    const reported = nextError();
    const client = await connected(server.client());
    expect(client.connected).toBe(true);
    expect((await reported).message).toBe("after next");
  });

  it("a packet middleware that rejects after next(): dispatched, and the error reported", async () => {
    server = await startServer(transport);
    const connection = nextConnection(server.io);
    const client = await connected(server.client());
    const socket = await connection;
    socket.use(async (_event, next) => {
      next();
      throw new Error("late rejection");
    });
    const got = once(socket, "ping");
    const reported = nextError();
    client.emit("ping", 1);
    expect(await got).toEqual([1]);
    expect((await reported).message).toBe("late rejection");
  });

  it("a throwing namespace matcher refuses that namespace and is reported", async () => {
    server = await startServer(transport);
    server.io.of(() => {
      throw new Error("matcher");
    });
    const reported = nextError();
    const client = server.client("/dyn");
    const [err] = await once<[Error]>(client, "connect_error");
    expect(err.message).toBe("Invalid namespace");
    expect((await reported).message).toBe("matcher");
  });

  it("a throwing connection handler leaves the socket registered and answered", async () => {
    server = await startServer(transport);
    server.io.on("connection", () => {
      throw new Error("handler");
    });
    const reported = nextError();
    const client = await connected(server.client());
    expect((await reported).message).toBe("handler");
    expect(server.io.sockets.sockets.has(client.id!)).toBe(true);
  });
});
