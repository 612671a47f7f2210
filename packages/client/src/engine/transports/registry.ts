/**
 * The transports a session can use, by name: the one place that knows them all. A new
 * transport is a file that extends `Transport` plus one line here (and its name in
 * `TRANSPORT_NAMES`, options.ts).
 */
import type { TransportName } from "../../options.js";
import { PollingTransport } from "./polling.js";
import { SseTransport } from "./sse.js";
import type { TransportClass } from "./transport.js";
import { WebSocketTransport } from "./websocket.js";

export const TRANSPORTS: Record<TransportName, TransportClass> = {
  polling: PollingTransport,
  websocket: WebSocketTransport,
  sse: SseTransport,
};
