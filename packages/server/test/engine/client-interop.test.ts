/**
 * Interop with the official engine.io-client over loopback: polling, WebSocket, upgrade,
 * text and binary both ways, server and client closes.
 */

import { afterEach, describe, expect, it } from "vitest";
import type { EngineSession } from "../../src/engine/index.js";
import {
  clientEvent,
  closeClients,
  connectClient,
  nextSession,
  startEngine,
  type TestEngine,
} from "./helpers.js";

let t: TestEngine | undefined;

afterEach(async () => {
  closeClients();
  await t?.close();
  t = undefined;
});

function echo(session: EngineSession): void {
  session.on("message", (data) => session.send(data));
}

describe("engine.io-client interop", () => {
  for (const transports of [["polling"], ["websocket"]] as const) {
    it(`connects over ${transports[0]} and echoes text and binary`, async () => {
      t = await startEngine();
      const sessionP = nextSession(t.engine);
      const client = connectClient(t.port, { transports: [...transports], upgrade: false });
      await clientEvent(client, "open");
      const session = await sessionP;
      echo(session);
      expect(session.transportName).toBe(transports[0]);
      expect(client.id).toBe(session.id);
      expect(session.id).toMatch(/^[A-Za-z0-9_-]{20}$/);

      const received: unknown[] = [];
      const done = new Promise<void>((resolve) =>
        client.on("message", (data) => {
          received.push(data);
          if (received.length === 3) resolve();
        }),
      );
      client.send("hello");
      client.send(new Uint8Array([1, 2, 3]));
      client.send("é\u{1F600}");
      await done;
      expect(received[0]).toBe("hello");
      expect(new Uint8Array(received[1] as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
      expect(received[2]).toBe("é\u{1F600}");
    });
  }

  it("server receives binary as Buffer and text as string", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const client = connectClient(t.port, { transports: ["polling"], upgrade: false });
    const session = await sessionP;
    const got: (string | Buffer)[] = [];
    const two = new Promise<void>((r) => session.on("message", (d) => got.push(d) === 2 && r()));
    client.send("txt");
    client.send(new Uint8Array([9, 8]).buffer);
    await two;
    expect(got[0]).toBe("txt");
    expect(Buffer.isBuffer(got[1])).toBe(true);
    expect([...(got[1] as Buffer)]).toEqual([9, 8]);
  });

  it("upgrades polling to websocket without losing or reordering messages", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const client = connectClient(t.port);
    const session = await sessionP;
    expect(session.transportName).toBe("polling");
    const upgraded = new Promise<void>((r) => session.once("upgrade", () => r()));
    // Stream messages from the server while the upgrade happens.
    let n = 0;
    const timer = setInterval(() => {
      for (let i = 0; i < 5; i++) session.send(String(n++));
    }, 2);
    const received: string[] = [];
    client.on("message", (d) => received.push(d as string));
    await Promise.all([upgraded, clientEvent(client, "upgrade")]);
    expect(session.transportName).toBe("websocket");
    expect(client.transport.name).toBe("websocket");
    await new Promise((r) => setTimeout(r, 20));
    clearInterval(timer);
    const last = String(n - 1);
    session.send("end");
    await new Promise<void>((r) => {
      const check = (): void => (received.includes("end") ? r() : void setTimeout(check, 5));
      check();
    });
    const numbers = received.filter((x) => x !== "end");
    expect(numbers).toEqual(Array.from({ length: n }, (_, i) => String(i)));
    expect(numbers.at(-1)).toBe(last);
  });

  it("client messages keep their order across the upgrade", async () => {
    t = await startEngine();
    const sessionP = nextSession(t.engine);
    const client = connectClient(t.port);
    const session = await sessionP;
    const got: string[] = [];
    session.on("message", (d) => got.push(d as string));
    let n = 0;
    const timer = setInterval(() => client.send(String(n++)), 1);
    await clientEvent(client, "upgrade");
    await new Promise((r) => setTimeout(r, 20));
    clearInterval(timer);
    client.send("end");
    await new Promise<void>((r) => {
      const check = (): void => (got.includes("end") ? r() : void setTimeout(check, 5));
      check();
    });
    expect(got.filter((x) => x !== "end")).toEqual(Array.from({ length: n }, (_, i) => String(i)));
  });

  it("handshake advertises exactly the five keys; upgrades [] on websocket", async () => {
    t = await startEngine({ pingInterval: 12345, pingTimeout: 6789, maxHttpBufferSize: 4321 });
    const ws = connectClient(t.port, { transports: ["websocket"] });
    const hs = await clientEvent<Record<string, unknown>>(ws, "handshake");
    expect(Object.keys(hs)).toEqual([
      "sid",
      "upgrades",
      "pingInterval",
      "pingTimeout",
      "maxPayload",
    ]);
    expect(hs).toMatchObject({
      upgrades: [],
      pingInterval: 12345,
      pingTimeout: 6789,
      maxPayload: 4321,
    });
    const poll = connectClient(t.port, { transports: ["polling"] });
    const hs2 = await clientEvent<Record<string, unknown>>(poll, "handshake");
    expect(hs2.upgrades).toEqual(["websocket", "sse"]);
  });

  it("upgrades is [] when upgrades are disabled", async () => {
    t = await startEngine({ allowUpgrades: false });
    const poll = connectClient(t.port, { transports: ["polling"] });
    const hs = await clientEvent<Record<string, unknown>>(poll, "handshake");
    expect(hs.upgrades).toEqual([]);
  });

  for (const transports of [["polling"], ["websocket"]] as const) {
    it(`client close is seen as "transport close" (${transports[0]})`, async () => {
      t = await startEngine();
      const sessionP = nextSession(t.engine);
      const client = connectClient(t.port, { transports: [...transports] });
      const session = await sessionP;
      await clientEvent(client, "open");
      const closed = new Promise<string>((r) => session.once("close", (reason) => r(reason)));
      client.close();
      expect(await closed).toBe("transport close");
      expect(t.engine.clientsCount).toBe(0);
    });

    it(`server close() reaches the client (${transports[0]})`, async () => {
      t = await startEngine();
      const sessionP = nextSession(t.engine);
      const client = connectClient(t.port, { transports: [...transports] });
      const session = await sessionP;
      await clientEvent(client, "open");
      const clientClosed = clientEvent(client, "close");
      const reasons: string[] = [];
      session.on("close", (reason) => reasons.push(reason));
      session.send("last words");
      const lastWords = clientEvent(client, "message");
      session.close();
      expect(await lastWords).toBe("last words");
      await clientClosed;
      expect(reasons).toEqual(["forced close"]);
    });
  }
});
