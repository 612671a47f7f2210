/**
 * Clients share one Decoder for plain text packets and get their own only for a binary packet
 * and its attachments: a client halfway through a binary event must not disturb the others.
 */
import { once as onceEvent } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { nextConnection, startServer, type TestServer } from "./helpers.js";

let t: TestServer | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await t?.close();
  t = undefined;
});

/** A raw WebSocket client connected to the main namespace. */
async function rawClient(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  sockets.push(ws);
  const connected = new Promise<void>((resolve) => {
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith("0")) ws.send("40");
      else if (text.startsWith("40")) resolve();
    });
  });
  await onceEvent(ws, "open");
  await connected;
  return ws;
}

describe("shared text decoder", () => {
  it("keeps a pending binary packet per client while others send text", async () => {
    t = await startServer("websocket");
    const got: unknown[] = [];
    let done: () => void;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    let textSeen: () => void;
    const text = new Promise<void>((resolve) => {
      textSeen = resolve;
    });
    t.io.on("connection", (socket) => {
      socket.on("up", (file: Buffer) => {
        got.push(["up", Buffer.from(file).toString()]);
        if (got.length === 2) done();
      });
      socket.on("text", (n: number) => {
        got.push(["text", n]);
        textSeen();
        if (got.length === 2) done();
      });
    });
    const a = await rawClient(t.port);
    const b = await rawClient(t.port);
    a.send('451-["up",{"_placeholder":true,"num":0}]');
    b.send('42["text",1]');
    await text; // A's binary event is still waiting for its attachment here
    a.send(Buffer.from("bin"));
    await all;
    expect(got).toEqual([
      ["text", 1],
      ["up", "bin"],
    ]);
  });
});

describe("pending binary budget (maxPendingBinaryBytes)", () => {
  it("closes a connection whose incomplete attachments pass the budget", async () => {
    t = await startServer("websocket", { maxPendingBinaryBytes: 1000 });
    const connection = nextConnection(t.io);
    const ws = await rawClient(t.port);
    const socket = await connection;
    const reason = new Promise<unknown[]>((resolve) =>
      socket.on("disconnect", (...args: unknown[]) => resolve(args)),
    );
    const placeholders = Array.from({ length: 9 }, (_, num) => ({ _placeholder: true, num }));
    ws.send(`459-${JSON.stringify(["up", ...placeholders])}`);
    // 400-byte attachments: each fits maxHttpBufferSize, together they pass 1000 bytes
    for (let i = 0; i < 3; i++) ws.send(Buffer.alloc(400));
    const [why, description] = await reason;
    expect(why).toBe("parse error");
    expect(String(description)).toMatch(/maxPendingBinaryBytes \(1000 bytes\)/);
    await onceEvent(ws, "close");
  });

  it("defaults to maxHttpBufferSize, and completed packets do not add up", async () => {
    t = await startServer("websocket", { maxHttpBufferSize: 2000 });
    const connection = nextConnection(t.io);
    const ws = await rawClient(t.port);
    const socket = await connection;
    let received = 0;
    const allReceived = new Promise<void>((resolve) =>
      socket.on("up", () => {
        if (++received === 5) resolve();
      }),
    );
    // five complete 1500-byte packets: 7500 bytes in all, never more than 1500 pending
    for (let i = 0; i < 5; i++) {
      ws.send('451-["up",{"_placeholder":true,"num":0}]');
      ws.send(Buffer.alloc(1500));
    }
    await allReceived;
    expect(socket.connected).toBe(true);
    const reason = new Promise<unknown[]>((resolve) =>
      socket.on("disconnect", (...args: unknown[]) => resolve(args)),
    );
    ws.send('452-["up",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
    ws.send(Buffer.alloc(1500));
    ws.send(Buffer.alloc(1500));
    expect((await reason)[0]).toBe("parse error");
  });
});
