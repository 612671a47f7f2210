/**
 * Memory bounds: volatile drops past the soft bound, a close with "send buffer overflow" past
 * the hard bound, for polling and for a WebSocket client that stopped reading.
 */

import type { Socket as NetSocket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { EngineSession } from "../../src/engine/index.js";
import {
  nextSession,
  PATH,
  rawHandshake,
  rawRequest,
  startEngine,
  type TestEngine,
} from "./helpers.js";

let t: TestEngine | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

function closeReason(session: EngineSession): Promise<string> {
  return new Promise((r) => session.once("close", (reason) => r(reason)));
}

describe("backpressure", () => {
  it("drops volatile messages past the soft bound (polling)", async () => {
    t = await startEngine({ volatileBufferedBytes: 1000 });
    const sessionP = nextSession(t.engine);
    const { sid } = await rawHandshake(t.port);
    const session = await sessionP;
    session.send("v1", { volatile: true });
    session.send("x".repeat(2000));
    session.send("v2", { volatile: true });
    const body = (await rawRequest(t.port, { query: `EIO=4&transport=polling&sid=${sid}` })).body;
    expect(body.split("\x1e").map((p) => p.slice(0, 3))).toEqual(["4v1", "4xx"]);
    session.send("v3", { volatile: true });
    expect((await rawRequest(t.port, { query: `EIO=4&transport=polling&sid=${sid}` })).body).toBe(
      "4v3",
    );
  });

  it("closes a polling session that never polls past maxBufferedBytes", async () => {
    t = await startEngine({ maxBufferedBytes: 10_000 });
    const sessionP = nextSession(t.engine);
    await rawHandshake(t.port);
    const session = await sessionP;
    const reason = closeReason(session);
    for (let i = 0; i < 20 && session.readyState === "open"; i++) session.send("y".repeat(1000));
    expect(await reason).toBe("send buffer overflow");
    expect(session.bufferedBytes).toBe(0);
  });

  it("closes a websocket session whose client stopped reading", async () => {
    t = await startEngine({ maxBufferedBytes: 256 * 1024 });
    const sessionP = nextSession(t.engine);
    const ws = new WebSocket(`ws://127.0.0.1:${t.port}${PATH}?EIO=4&transport=websocket`);
    ws.on("error", () => {});
    await new Promise((r) => ws.once("message", r));
    const session = await sessionP;
    (ws as unknown as { _socket: NetSocket })._socket.pause();
    const reason = closeReason(session);
    const chunk = Buffer.alloc(64 * 1024, 1);
    // Keep writing across ticks until the kernel buffers fill and the bound trips.
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        for (let i = 0; i < 8 && session.readyState === "open"; i++) session.send(chunk);
        if (session.readyState === "open") setImmediate(pump);
        else resolve();
      };
      pump();
    });
    expect(await reason).toBe("send buffer overflow");
    ws.terminate();
  });

  it("sends one message larger than maxBufferedBytes (and what follows it) to a reading client", async () => {
    t = await startEngine({ maxBufferedBytes: 10_000 });
    const sessionP = nextSession(t.engine);
    const ws = new WebSocket(`ws://127.0.0.1:${t.port}${PATH}?EIO=4&transport=websocket`);
    ws.on("error", () => {});
    const got: string[] = [];
    const all = new Promise<void>((resolve) =>
      ws.on("message", (data: Buffer) => {
        got.push(data.toString().slice(0, 2));
        if (got.length === 7) resolve();
      }),
    );
    const session = await sessionP;
    session.send("a"); // already queued: the CONNECT reply in the io layer's case
    session.send("b".repeat(200_000)); // a snapshot 20 times the bound: taken
    session.send("c"); // an ack or a ping while the snapshot goes out
    session.send("d".repeat(200_000)); // more large ones right behind it (up to 4 at once)
    session.send("d".repeat(15_000));
    session.send("e");
    await all;
    expect(got).toEqual(["0{", "4a", "4b", "4c", "4d", "4d", "4e"]);
    expect(session.readyState).toBe("open");
    ws.terminate();
  });

  it("a client that stops reading trips the bound even with large messages", async () => {
    t = await startEngine({ maxBufferedBytes: 10_000 });
    const sessionP = nextSession(t.engine);
    await rawHandshake(t.port); // polling, never polls again
    const session = await sessionP;
    const reason = closeReason(session);
    for (let i = 0; i < 10 && session.readyState === "open"; i++) session.send("x".repeat(50_000));
    expect(await reason).toBe("send buffer overflow");
    expect(session.bufferedBytes).toBe(0);
  });

  it("a WebSocket client is told why: close code 1013 with the reason", async () => {
    t = await startEngine({ maxBufferedBytes: 10_000 });
    const sessionP = nextSession(t.engine);
    const ws = new WebSocket(`ws://127.0.0.1:${t.port}${PATH}?EIO=4&transport=websocket`);
    ws.on("error", () => {});
    const closed = new Promise<[number, string]>((resolve) =>
      ws.on("close", (code: number, reason: Buffer) => resolve([code, reason.toString()])),
    );
    const session = await sessionP;
    const reason = closeReason(session);
    // a backlog of small messages past the bound, in one tick
    for (let i = 0; i < 20 && session.readyState === "open"; i++) session.send("z".repeat(1000));
    expect(await reason).toBe("send buffer overflow");
    expect(await closed).toEqual([1013, "send buffer overflow"]);
  });
});
