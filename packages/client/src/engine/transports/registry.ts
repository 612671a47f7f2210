/**
 * The transports a session can use, by name: the one place that knows them. Polling and
 * WebSocket are built in (what socket.io-client does by default); SSE registers itself when the
 * app imports `@volley/client/sse`, so apps that never use it do not carry it. A new transport
 * is a file that extends `Transport` plus a `registerTransport` call (and its name in
 * `TRANSPORT_NAMES`, transport-names.ts).
 */
import { InvalidOptionError } from "@volley/protocol";
import type { TransportName } from "../../transport-names.js";
import { PollingTransport } from "./polling.js";
import type { TransportClass } from "./transport.js";
import { WebSocketTransport } from "./websocket.js";

const TRANSPORTS: Partial<Record<TransportName, TransportClass>> = {
  polling: PollingTransport,
  websocket: WebSocketTransport,
};

/** Makes `name` available to every session created from now on. */
export function registerTransport(name: TransportName, transport: TransportClass): void {
  TRANSPORTS[name] = transport;
}

/** The class registered under `name`, if any. */
export function transportClass(name: TransportName): TransportClass | undefined {
  return TRANSPORTS[name];
}

/**
 * A `transports` list the app wrote may only name registered transports (in every build: SSE
 * without its import would otherwise vanish silently).
 * @throws {InvalidOptionError}
 */
export function assertRegistered(transports: readonly TransportName[] | undefined): void {
  for (const name of transports ?? []) {
    if (transportClass(name) === undefined) {
      throw new InvalidOptionError(
        "transports",
        transports,
        name === "sse"
          ? 'registered transports: "sse" needs `import "@volley/client/sse"` first'
          : 'registered transports ("polling", "websocket")',
        "new Manager()",
      );
    }
  }
}
