/**
 * Unit tests of the EngineSession state machine against fake transports: queueing and
 * per-tick batching, bounds, close paths, incoming packet rules and the upgrade switch.
 */

import type { IncomingMessage } from "node:http";
import type { EnginePacket } from "@volley/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  EngineSession,
  type OutboundPacket,
  type SessionSettings,
  type Transport,
  type TransportHandler,
  type TransportName,
} from "../../src/engine/index.js";

class FakeTransport implements Transport {
  handler!: TransportHandler;
  writable = true;
  bufferedBytes = 0;
  needsDrain = false;
  writes: OutboundPacket[][] = [];
  noops = 0;
  closed: boolean | undefined;
  constructor(readonly name: TransportName) {}
  get pulled(): boolean {
    return this.name === "polling";
  }
  write(packets: readonly OutboundPacket[]): void {
    this.writes.push(packets.map((p) => ({ type: p.type, data: p.data })));
    if (this.name === "polling") this.writable = false;
  }
  /** Polling answers its pending GET with a noop; a stream has nothing pending. */
  release(): void {
    if (!this.pulled || !this.writable) return;
    this.noops++;
    this.writable = false;
  }
  pause(): void {
    this.release();
  }
  resume(): void {}
  close(graceful: boolean): void {
    this.closed = graceful;
  }
  whenClosed(): Promise<void> {
    return Promise.resolve();
  }
  /** Simulate a GET arriving (polling). */
  poll(): void {
    this.writable = true;
    this.handler.onWritable(this);
  }
  receive(packet: EnginePacket): void {
    this.handler.onPacket(this, packet);
  }
}

const SETTINGS: SessionSettings = {
  pingInterval: 25_000,
  pingTimeout: 20_000,
  upgradeTimeout: 10_000,
  maxPayload: 1e6,
  maxBufferedBytes: 1000,
  volatileBufferedBytes: 100,
  upgrades: ["websocket"],
};

const REQ = {} as IncomingMessage;
const tick = (): Promise<void> => new Promise((r) => process.nextTick(r));
const sessions: EngineSession[] = [];

function make(name: TransportName = "polling", settings: Partial<SessionSettings> = {}) {
  const transport = new FakeTransport(name);
  const session = new EngineSession("sid123", REQ, transport, { ...SETTINGS, ...settings });
  sessions.push(session);
  const closes: [string, string | undefined][] = [];
  session.on("close", (r, d) => closes.push([r, d]));
  return { transport, session, closes };
}

afterEach(() => {
  for (const s of sessions.splice(0)) s.close("server shutting down");
  vi.useRealTimers();
});

describe("EngineSession", () => {
  it("opens with the handshake packet", async () => {
    const { transport, session } = make();
    expect(session.readyState).toBe("open");
    expect(session.transportName).toBe("polling");
    await tick();
    expect(transport.writes).toHaveLength(1);
    const open = transport.writes[0]![0]!;
    expect(open.type).toBe("open");
    expect(JSON.parse(open.data as string)).toEqual({
      sid: "sid123",
      upgrades: ["websocket"],
      pingInterval: 25_000,
      pingTimeout: 20_000,
      maxPayload: 1e6,
    });
  });

  it("batches the sends of one tick into one write", async () => {
    const { transport, session } = make("websocket");
    await tick();
    session.send("a");
    session.send("b");
    session.send(new Uint8Array([1]));
    expect(transport.writes).toHaveLength(1);
    await tick();
    expect(transport.writes).toHaveLength(2);
    expect(transport.writes[1]!.map((p) => p.data)).toEqual(["a", "b", new Uint8Array([1])]);
  });

  it("emits drain after a flush without backpressure, later when the transport drains", async () => {
    const { transport, session } = make("websocket");
    let drains = 0;
    session.on("drain", () => drains++);
    await tick();
    expect(drains).toBe(1); // open packet
    transport.needsDrain = true;
    session.send("a");
    await tick();
    expect(drains).toBe(1);
    transport.needsDrain = false;
    transport.handler.onWritable(transport);
    expect(drains).toBe(2);
  });

  it("queues while polling has no GET, flushes on the next GET", async () => {
    const { transport, session } = make();
    await tick(); // open packet consumed the GET
    session.send("x");
    session.send("y");
    await tick();
    expect(transport.writes).toHaveLength(1);
    expect(session.bufferedBytes).toBe(2);
    transport.poll();
    expect(transport.writes[1]!.map((p) => p.data)).toEqual(["x", "y"]);
    expect(session.bufferedBytes).toBe(0);
  });

  it("drops volatile past the soft bound and closes past the hard bound", async () => {
    const { transport, session, closes } = make();
    await tick();
    session.send("v".repeat(50), { volatile: true });
    session.send("z".repeat(100));
    session.send("dropped", { volatile: true });
    expect(session.bufferedBytes).toBe(150);
    session.send("w".repeat(900));
    expect(closes).toEqual([["send buffer overflow", "more than 1000 bytes unsent"]]);
    expect(session.readyState).toBe("closed");
    expect(transport.closed).toBe(false);
  });

  it("ignores sends after close; close is idempotent and emits once", async () => {
    const { transport, session, closes } = make("websocket");
    await tick();
    session.close();
    session.close("ping timeout");
    session.send("late");
    await tick();
    expect(closes).toEqual([["forced close", undefined]]);
    expect(transport.writes.at(-1)).toEqual([{ type: "close", data: undefined }]);
    expect(transport.closed).toBe(true);
  });

  it("forced close on polling: the queue on the next GET, then noop and close on another (or pingTimeout)", async () => {
    vi.useFakeTimers();
    const { transport, session, closes } = make("polling", { pingTimeout: 500 });
    await vi.advanceTimersByTimeAsync(0);
    session.send("bye");
    session.close();
    expect(session.readyState).toBe("closing");
    expect(closes).toEqual([]);
    transport.poll();
    expect(transport.writes.at(-1)!.map((p) => p.type)).toEqual(["message"]);
    expect(closes).toEqual([]);
    transport.poll();
    expect(transport.writes.at(-1)!.map((p) => p.type)).toEqual(["noop", "close"]);
    expect(closes).toEqual([["forced close", undefined]]);

    const b = make("polling", { pingTimeout: 500 });
    await vi.advanceTimersByTimeAsync(0);
    b.session.close();
    await vi.advanceTimersByTimeAsync(500);
    expect(b.closes).toEqual([["forced close", undefined]]);

    // the client closing too (it will not poll again) ends the wait at once
    const c = make("polling", { pingTimeout: 500 });
    await vi.advanceTimersByTimeAsync(0);
    c.session.send("bye");
    c.session.close();
    c.transport.receive({ type: "close" });
    expect(c.closes).toEqual([["forced close", undefined]]);
    expect(c.session.readyState).toBe("closed");
  });

  it("server shutdown finishes a session waiting to deliver its close packet", async () => {
    const { session, closes } = make();
    await tick();
    session.close();
    session.close("server shutting down");
    expect(closes).toEqual([["forced close", undefined]]);
    expect(session.readyState).toBe("closed");
  });

  it("applies the incoming packet rules", async () => {
    const got: unknown[] = [];
    const a = make("websocket");
    a.session.on("message", (d) => got.push(d));
    a.transport.receive({ type: "message", data: "hi" });
    a.transport.receive({ type: "message", data: new Uint8Array([1, 2]) });
    a.transport.receive({ type: "noop" });
    a.transport.receive({ type: "pong" });
    expect(got[0]).toBe("hi");
    expect(Buffer.isBuffer(got[1])).toBe(true);
    expect(a.session.readyState).toBe("open");

    const b = make("websocket");
    b.transport.receive({ type: "ping" });
    expect(b.closes).toEqual([["transport error", "invalid heartbeat direction"]]);

    const c = make("websocket");
    c.transport.receive({ type: "open" });
    expect(c.closes[0]![0]).toBe("parse error");

    const d = make("polling");
    await tick();
    d.transport.writable = true;
    d.transport.receive({ type: "close" });
    expect(d.closes[0]![0]).toBe("transport close");
    expect(d.transport.noops).toBe(1);

    const e = make("websocket");
    e.transport.handler.onParseError(e.transport, "bad");
    expect(e.closes).toEqual([["parse error", "bad"]]);
  });

  it("upgrades: probe, noop to the pending GET, switch on 5, flush the rest in order", async () => {
    const { transport: polling, session } = make();
    await tick();
    const ws = new FakeTransport("websocket");
    const events: string[] = [];
    session.on("upgrading", () => events.push("upgrading"));
    session.on("upgrade", (t) => events.push(`upgrade:${t.name}`));
    expect(session.attachProbe(ws)).toBe(true);
    expect(session.upgrading).toBe(true);
    expect(session.attachProbe(new FakeTransport("websocket"))).toBe(false);

    session.send("1");
    polling.poll(); // queue non-empty: answered with data
    expect(polling.writes.at(-1)!.map((p) => p.data)).toEqual(["1"]);

    polling.writable = true; // a GET is pending when the probe arrives
    ws.receive({ type: "ping", data: "probe" });
    expect(ws.writes).toEqual([[{ type: "pong", data: "probe" }]]); // 3probe
    expect(polling.noops).toBe(1);

    session.send("2");
    session.send("3");
    ws.receive({ type: "upgrade" });
    expect(events).toEqual(["upgrading", "upgrade:websocket"]);
    expect(session.transportName).toBe("websocket");
    expect(polling.closed).toBe(true);
    expect(ws.writes.at(-1)!.map((p) => p.data)).toEqual(["2", "3"]);
    session.send("4");
    await tick();
    expect(ws.writes.at(-1)!.map((p) => p.data)).toEqual(["4"]);
  });

  it("a bad packet, error or close on the probe aborts only the upgrade", async () => {
    const { session } = make();
    await tick();
    for (const fail of [
      (p: FakeTransport) => p.receive({ type: "message", data: "x" }),
      (p: FakeTransport) => p.handler.onTransportError(p, "boom"),
      (p: FakeTransport) => p.handler.onTransportClose(p),
    ]) {
      const probe = new FakeTransport("websocket");
      expect(session.attachProbe(probe)).toBe(true);
      fail(probe);
      expect(probe.closed).toBe(true);
      expect(session.upgrading).toBe(false);
      expect(session.readyState).toBe("open");
    }
  });

  it("heartbeat: ping is queued after pingInterval, no pong closes", async () => {
    vi.useFakeTimers();
    const { transport, closes } = make("websocket", { pingInterval: 100, pingTimeout: 50 });
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.writes.at(-1)).toEqual([{ type: "ping", data: undefined }]);
    transport.receive({ type: "pong" });
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.writes.filter((w) => w[0]!.type === "ping")).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(closes).toEqual([["ping timeout", undefined]]);
    expect(transport.closed).toBe(false);
  });
});
