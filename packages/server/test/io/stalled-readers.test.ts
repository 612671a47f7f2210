/**
 * Fairness under stalled readers: clients that stop reading never delay delivery to the others
 * in the same room; each is disconnected with "send buffer overflow" once its own buffer passes
 * maxBufferedBytes, and its session is released.
 */
import { once as onceEvent } from "node:events";
import type { Socket as NetSocket } from "node:net";
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

interface RawPeer {
  ws: WebSocket;
  received: number;
}

/** A raw WebSocket Socket.IO client in the main namespace; `stall` stops reading once joined. */
async function peer(port: number, stall: boolean): Promise<RawPeer> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  ws.on("error", () => {});
  sockets.push(ws);
  const p: RawPeer = { ws, received: 0 };
  await new Promise<void>((resolve) => {
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith("0")) ws.send("40");
      else if (text.startsWith("40")) {
        if (stall) (ws as unknown as { _socket: NetSocket })._socket.pause();
        resolve();
      } else if (text === "2") ws.send("3");
      else if (text.startsWith("42")) p.received++;
    });
  });
  return p;
}

describe("stalled readers", () => {
  it("never delay the others; they overflow alone and are released", async () => {
    t = await startServer("websocket", { maxBufferedBytes: 512 * 1024 });
    const reasons: string[] = [];
    t.io.on("connection", (socket) => {
      socket.join("room");
      socket.on("disconnect", (reason) => reasons.push(reason));
    });
    const stalled = [await peer(t.port, true), await peer(t.port, true)];
    const healthy: RawPeer[] = [];
    for (let i = 0; i < 5; i++) healthy.push(await peer(t.port, false));
    const COUNT = 300;
    const ROUND = 10;
    const payload = "x".repeat(32 * 1024);
    /** Resolves once every healthy peer has received `n` messages. */
    const healthyHave = (n: number): Promise<unknown> =>
      Promise.all(
        healthy.map(
          (p) =>
            new Promise<void>((resolve) => {
              const check = (): void => {
                if (p.received >= n) resolve();
                else p.ws.once("message", check);
              };
              check();
            }),
        ),
      );
    // Rounds paced by the healthy peers: if a stalled peer held anyone back, a round would
    // never complete (the test times out) or a healthy peer would overflow.
    for (let sent = 0; sent < COUNT; ) {
      for (let i = 0; i < ROUND; i++) t.io.to("room").emit("m", sent++, payload);
      await healthyHave(sent);
    }
    expect(healthy.map((p) => p.received)).toEqual([COUNT, COUNT, COUNT, COUNT, COUNT]);
    expect(reasons).toEqual(["send buffer overflow", "send buffer overflow"]);
    expect(t.io.engine.clientsCount).toBe(5);
    for (const p of stalled) {
      (p.ws as unknown as { _socket: NetSocket })._socket.resume();
      if (p.ws.readyState !== WebSocket.CLOSED) await onceEvent(p.ws, "close");
    }
  });
});
