/**
 * The public API monitoring tools use (the admin UI, @volley/metrics): prependListener on the
 * server and namespaces, io.namespaces (and Socket.IO's io._nsps), io.counters and
 * socket.pendingAckCount.
 */
import { afterEach, describe, expect, it } from "vitest";
import { connected, startServer, type TestServer } from "./helpers.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("monitoring API", () => {
  it("runs prepended connection listeners first, on the server and on a namespace", async () => {
    server = await startServer("websocket");
    const order: string[] = [];
    server.io.on("connection", () => order.push("io.on"));
    server.io.prependListener("connection", () => order.push("io.prepend"));
    const chat = server.io.of("/chat");
    chat.on("connection", () => order.push("chat.on"));
    chat.prependListener("connection", () => order.push("chat.prepend"));
    await connected(server.client("/"));
    await connected(server.client("/chat"));
    expect(order).toEqual(["io.prepend", "io.on", "chat.prepend", "chat.on"]);
  });

  it("lists every namespace, dynamic children included, under both names", async () => {
    server = await startServer("websocket");
    server.io.of("/static");
    server.io.of(/^\/team-\d+$/);
    await connected(server.client("/team-7"));
    expect([...server.io.namespaces.keys()].sort()).toEqual(["/", "/static", "/team-7"]);
    expect(server.io._nsps).toBe(server.io.namespaces);
  });

  it("counts broadcasts, their recipients and timed-out acks; tells pending acks", async () => {
    server = await startServer("websocket");
    const a = await connected(server.client("/"));
    await connected(server.client("/"));
    const received = new Promise((resolve) => a.once("news", resolve));
    server.io.emit("news", 1);
    await received;
    expect(server.io.counters).toMatchObject({ broadcasts: 1, broadcastRecipients: 2 });

    const socket = server.io.sockets.sockets.get(a.id!)!;
    socket.emit("no-listener", () => {});
    expect(socket.pendingAckCount).toBe(1);
    await new Promise((resolve) => socket.timeout(10).emit("no-listener", resolve));
    expect(server.io.counters.acksTimedOut).toBe(1);
    expect(socket.pendingAckCount).toBe(1);
  });
});
