/**
 * The transport registry: every transport the engine can serve, in the order the handshake's
 * `upgrades` lists them. The engine server and sessions only see the interfaces of
 * transport.ts; adding a transport is its own file plus one line in `TRANSPORTS` below.
 */

import { polling } from "./polling.js";
import { sse } from "./sse.js";
import { websocket } from "./websocket.js";

/** Registered transports (the `transports` option accepts their names). */
export const TRANSPORTS = [polling, websocket, sse] as const;

/** The name of a registered transport. */
export type TransportName = (typeof TRANSPORTS)[number]["name"];

/** Names of the registered transports, in registration order. */
export const TRANSPORT_NAMES: readonly TransportName[] = Object.freeze(
  TRANSPORTS.map((t) => t.name),
);
