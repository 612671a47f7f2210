/**
 * Where a request on the engine path goes, decided from the protocol rules and the transports'
 * capabilities alone (never their names): a refusal with its Engine.IO error, a new session on
 * a transport that opens sessions, a request for a session's current or probing transport, or
 * the start of an upgrade probe. Also builds, once per engine, the table of served transports
 * with the settings (and handshake `upgrades`) of sessions opened on each.
 */

import type { IncomingMessage } from "node:http";
import { EngineErrorCode } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import { HeartbeatSchedule } from "./heartbeat-schedule.js";
import type { EngineOptions } from "./options.js";
import type { EngineQuery } from "./query.js";
import type { EngineSession, SessionSettings } from "./session.js";
import { pollingCompression } from "./transports/http-compression.js";
import { TRANSPORTS } from "./transports/index.js";
import type { TransportDefinition, TransportFactory } from "./transports/transport.js";

/** A refusal found by verification. */
export interface Refusal {
  code: EngineErrorCode;
  message?: string;
  context: Record<string, unknown>;
}

/** A transport allowed by the options, as one engine serves it. */
export interface Kind {
  readonly definition: TransportDefinition;
  readonly factory: TransportFactory;
  /** Settings of sessions opened on it (its handshake's `upgrades` differ per transport). */
  readonly settings: SessionSettings;
}

/** Where a request goes. */
export type Route =
  | { readonly refusal: Refusal }
  | { readonly open: Kind }
  | { readonly session: EngineSession; readonly kind: Kind; readonly probe: boolean };

/** What routing reads from the engine. */
export interface RoutingState {
  readonly kinds: ReadonlyMap<string, Kind>;
  readonly sessions: ReadonlyMap<string, EngineSession>;
  readonly allowUpgrades: boolean;
  /** The engine is closing: no new sessions. */
  readonly closing: boolean;
}

/**
 * The transports `options.transports` allows, by name in registration order, each set up once
 * for this engine with one frozen settings object shared by all its sessions.
 */
export function servedTransports(
  o: Readonly<EngineOptions>,
  log: ScopedLog | undefined,
  closed: (session: EngineSession) => void,
): ReadonlyMap<string, Kind> {
  const base = {
    pingInterval: o.pingInterval,
    pingTimeout: o.pingTimeout,
    upgradeTimeout: o.upgradeTimeout,
    maxPayload: o.maxHttpBufferSize,
    maxBufferedBytes: o.maxBufferedBytes,
    volatileBufferedBytes: o.volatileBufferedBytes,
    log,
    closed,
    heartbeats: new HeartbeatSchedule(o.pingInterval, o.pingTimeout),
  };
  const transportSettings = {
    maxHttpBufferSize: o.maxHttpBufferSize,
    maxPacketsPerPayload: o.maxPacketsPerPayload,
    perMessageDeflate: o.perMessageDeflate,
    httpCompression: pollingCompression(o.httpCompression),
    log,
  };
  const allowed = TRANSPORTS.filter((t) => o.transports.includes(t.name));
  const kinds = new Map<string, Kind>();
  for (const definition of allowed) {
    const upgrades = o.allowUpgrades
      ? allowed.filter((t) => t.upgradesFrom.includes(definition.name)).map((t) => t.name)
      : [];
    kinds.set(definition.name, {
      definition,
      factory: definition.setup(transportSettings),
      settings: Object.freeze({ ...base, upgrades: Object.freeze(upgrades) as string[] }),
    });
  }
  return kinds;
}

/** Check a request (`opensWith`: a plain request or an HTTP upgrade) and decide where it goes. */
export function routeRequest(
  state: RoutingState,
  req: IncomingMessage,
  query: EngineQuery,
  opensWith: "request" | "upgrade",
): Route {
  if (query.duplicate !== null) {
    return refuse(EngineErrorCode.BAD_REQUEST, {
      name: "DUPLICATE_QUERY_PARAMETER",
      parameter: query.duplicate,
    });
  }
  if (query.eio !== "4") {
    return refuse(EngineErrorCode.UNSUPPORTED_PROTOCOL_VERSION, { protocol: query.eio });
  }
  const transport = query.transport;
  const kind = transport === null ? undefined : state.kinds.get(transport);
  if (kind === undefined) return refuse(EngineErrorCode.UNKNOWN_TRANSPORT, { transport });
  if (kind.factory.opensWith !== opensWith) {
    return refuse(EngineErrorCode.BAD_REQUEST, { name: "TRANSPORT_HANDSHAKE_ERROR", transport });
  }
  if (query.sid !== null) {
    const session = state.sessions.get(query.sid);
    if (!session) return refuse(EngineErrorCode.UNKNOWN_SID, { sid: query.sid });
    const current = session.transportName;
    if (
      opensWith === "request" &&
      (current === transport || session.probingTransportName === transport)
    ) {
      return { session, kind, probe: false };
    }
    const upgradeAttempt =
      kind.definition.upgradesFrom.includes(current) &&
      (opensWith === "upgrade" || req.method === "GET");
    if (upgradeAttempt || opensWith === "upgrade") {
      return mayUpgrade(state.allowUpgrades, session, kind)
        ? { session, kind, probe: true }
        : { refusal: upgradeRefusal(session, kind) };
    }
    return refuse(EngineErrorCode.BAD_REQUEST, {
      name: "TRANSPORT_MISMATCH",
      transport,
      previousTransport: current,
    });
  }
  if (!kind.definition.handshake) {
    return refuse(EngineErrorCode.BAD_REQUEST, { name: "TRANSPORT_HANDSHAKE_ERROR", transport });
  }
  if (opensWith === "request" && req.method !== "GET") {
    return refuse(EngineErrorCode.BAD_HANDSHAKE_METHOD, { method: req.method });
  }
  if (state.closing) return refuse(EngineErrorCode.BAD_REQUEST, { name: "SERVER_CLOSING" });
  return { open: kind };
}

/** Whether `session` may start an upgrade to `kind` now. */
export function mayUpgrade(allowUpgrades: boolean, session: EngineSession, kind: Kind): boolean {
  return (
    allowUpgrades &&
    !session.upgrading &&
    session.readyState === "open" &&
    kind.definition.upgradesFrom.includes(session.transportName)
  );
}

/** The refusal of an upgrade the session cannot take now. */
export function upgradeRefusal(session: EngineSession, kind: Kind): Refusal {
  return {
    code: EngineErrorCode.BAD_REQUEST,
    context: {
      name: "UPGRADE_REFUSED",
      sid: session.id,
      transport: session.transportName,
      to: kind.definition.name,
    },
  };
}

function refuse(code: EngineErrorCode, context: Record<string, unknown>): Route {
  return { refusal: { code, context } };
}
