/**
 * What the metrics learn from the engine: sessions opened and closed (by reason), handshakes
 * refused (by code and message), upgrades done and failed (by transport), and — with
 * `traffic` — messages and bytes both ways from the sessions' `packet`/`packetCreate` events.
 * Every session gets the same shared listeners (no closure per session or per packet).
 */
import type { EngineConnectionError, EngineSession } from "@volley/server";
import { Tally } from "./tally.js";

/** The engine-level totals, read at scrape time. */
export interface EngineTotals {
  connections: number;
  /** Closed sessions by close reason ("transport close", "send buffer overflow", …). */
  disconnections: Tally;
  /** Refused handshakes and requests by `code message`. */
  handshakeFailures: Map<string, { code: string; message: string; count: number }>;
  /** Completed upgrades by the transport upgraded to. */
  upgrades: Tally;
  /** Failed upgrades by the transport that was probing. */
  upgradeFailures: Tally;
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
}

interface PacketEvent {
  type: string;
  data?: unknown;
}

interface EngineLike {
  on(event: "connection", listener: (session: EngineSession) => void): unknown;
  on(event: "connection_error", listener: (err: EngineConnectionError) => void): unknown;
  off(event: "connection", listener: (session: EngineSession) => void): unknown;
  off(event: "connection_error", listener: (err: EngineConnectionError) => void): unknown;
}

function sizeOf(data: unknown): number {
  if (typeof data === "string") return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** Subscribes to an engine; `stop()` unsubscribes it and every session it watches. */
export function watchEngine(
  engine: EngineLike,
  traffic: boolean,
): { totals: EngineTotals; stop(): void } {
  const totals: EngineTotals = {
    connections: 0,
    disconnections: new Tally(),
    handshakeFailures: new Map(),
    upgrades: new Tally(),
    upgradeFailures: new Tally(),
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  const watched = new Set<EngineSession>();

  const onPacketIn = (packet: PacketEvent): void => {
    if (packet.type !== "message") return;
    totals.messagesIn++;
    totals.bytesIn += sizeOf(packet.data);
  };
  const onPacketOut = (packet: PacketEvent): void => {
    if (packet.type !== "message") return;
    totals.messagesOut++;
    totals.bytesOut += sizeOf(packet.data);
  };
  const onUpgrade = (transport: { name: string }): void => totals.upgrades.add(transport.name);
  const onUpgradeError = (transport: { name: string }): void =>
    totals.upgradeFailures.add(transport.name);
  function onClose(this: EngineSession, reason: string): void {
    totals.disconnections.add(reason);
    unwatch(this);
  }

  const unwatch = (session: EngineSession): void => {
    if (!watched.delete(session)) return;
    session.off("close", onClose);
    session.off("upgrade", onUpgrade);
    session.off("upgradeError", onUpgradeError);
    if (traffic) {
      session.off("packet", onPacketIn);
      session.off("packetCreate", onPacketOut);
    }
  };

  const onConnection = (session: EngineSession): void => {
    totals.connections++;
    watched.add(session);
    session.on("close", onClose);
    session.on("upgrade", onUpgrade);
    session.on("upgradeError", onUpgradeError);
    if (traffic) {
      session.on("packet", onPacketIn);
      session.on("packetCreate", onPacketOut);
    }
  };
  const onConnectionError = (err: EngineConnectionError): void => {
    const code = String(err.code);
    const key = `${code} ${err.message}`;
    const entry = totals.handshakeFailures.get(key);
    if (entry) entry.count++;
    else totals.handshakeFailures.set(key, { code, message: err.message, count: 1 });
  };

  engine.on("connection", onConnection);
  engine.on("connection_error", onConnectionError);
  return {
    totals,
    stop() {
      engine.off("connection", onConnection);
      engine.off("connection_error", onConnectionError);
      for (const session of [...watched]) unwatch(session);
    },
  };
}
