/**
 * Clients share one Decoder for plain text packets and get their own only for a binary packet
 * and its attachments: a client halfway through a binary event must not disturb the others.
 */
import { once as onceEvent } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startServer, type TestServer } from "./helpers.js";

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
