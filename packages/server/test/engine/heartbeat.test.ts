/**
 * Heartbeat: the timer unit (fake timers) and the real thing over loopback with short
 * intervals. Timings are never asserted; tests wait on events.
 */

import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { type EngineSession, HeartbeatTimer } from "../../src/engine/index.js";
import {
  closeClients,
  connectClient,
  nextSession,
  PATH,
  rawHandshake,
  startEngine,
  type TestEngine,
} from "./helpers.js";

let t: TestEngine | undefined;

afterEach(async () => {
  vi.useRealTimers();
  closeClients();
  await t?.close();
  t = undefined;
});

function closeReason(session: EngineSession): Promise<string> {
  return new Promise((r) => session.once("close", (reason) => r(reason)));
}

describe("HeartbeatTimer", () => {
  it("pings every interval while pongs arrive, times out without one", () => {
    vi.useFakeTimers();
    const events: string[] = [];
    const hb = new HeartbeatTimer(
      { onPingDue: () => events.push("ping"), onPingTimeout: () => events.push("timeout") },
      100,
      50,
    );
    vi.advanceTimersByTime(99);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(["ping"]);
    vi.advanceTimersByTime(30);
    hb.onPong();
    vi.advanceTimersByTime(60); // the stale pong timer expiry is ignored
    expect(events).toEqual(["ping"]);
    vi.advanceTimersByTime(40);
    expect(events).toEqual(["ping", "ping"]);
    vi.advanceTimersByTime(50);
    expect(events).toEqual(["ping", "ping", "timeout"]);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(["ping", "ping", "timeout"]);
  });

  it("stop() silences everything; unsolicited pongs are ignored", () => {
    vi.useFakeTimers();
    const events: string[] = [];
    const hb = new HeartbeatTimer(
      { onPingDue: () => events.push("ping"), onPingTimeout: () => events.push("timeout") },
      10,
      10,
    );
    hb.onPong();
    vi.advanceTimersByTime(10);
    hb.stop();
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(["ping"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("heartbeat over loopback", () => {
  for (const transport of ["polling", "websocket"] as const) {
    it(`keeps an answering engine.io-client alive across several pings (${transport})`, async () => {
      // Generous pingTimeout: the client's own deadline is pingInterval + pingTimeout.
      t = await startEngine({ pingInterval: 20, pingTimeout: 2000 });
      const sessionP = nextSession(t.engine);
      const client = connectClient(t.port, { transports: [transport] });
      const session = await sessionP;
      let beats = 0;
      const outcome = await new Promise<string>((r) => {
        session.on("heartbeat", () => ++beats === 4 && r("alive"));
        session.once("close", (reason) => r(reason));
      });
      expect(outcome).toBe("alive");
      expect(session.readyState).toBe("open");
      expect(client.readyState).toBe("open");
    });
  }

  it("closes a polling session that stops answering with ping timeout", async () => {
    t = await startEngine({ pingInterval: 20, pingTimeout: 20 });
    const sessionP = nextSession(t.engine);
    await rawHandshake(t.port);
    expect(await closeReason(await sessionP)).toBe("ping timeout");
    expect(t.engine.clientsCount).toBe(0);
  });

  it("closes a websocket session that ignores pings with ping timeout", async () => {
    t = await startEngine({ pingInterval: 20, pingTimeout: 20 });
    const sessionP = nextSession(t.engine);
    const ws = new WebSocket(`ws://127.0.0.1:${t.port}${PATH}?EIO=4&transport=websocket`);
    ws.on("error", () => {});
    const pings: string[] = [];
    ws.on("message", (d: Buffer) => pings.push(d.toString()));
    const session = await sessionP;
    const wsClosed = new Promise((r) => ws.once("close", r));
    expect(await closeReason(session)).toBe("ping timeout");
    await wsClosed;
    expect(pings).toContain("2");
  });
});
