/**
 * @volley/client: the Socket.IO v5 client of Volley for browsers and Node. `io()` returns a
 * typed namespace socket; sockets of the same origin and path share one Manager (one
 * Engine.IO session) unless `forceNew` or `multiplex: false` is set.
 */
import { Manager } from "./manager.js";
import type { IoOptions } from "./options.js";
import type { Socket } from "./socket.js";
import type { DefaultEventsMap, EventsMap } from "./typed-events.js";
import { parseUrl } from "./url.js";

const managers = new Map<string, Manager>();

/**
 * Connects to a Socket.IO (or Volley) server and returns the socket of the URL's namespace.
 * Without a URL, connects to the page's origin (browsers).
 *
 * @example
 * interface ServerToClient { "chat:message": (text: string) => void }
 * interface ClientToServer { "chat:send": (text: string, ack: (r: { ok: boolean }) => void) => void }
 *
 * const socket = io<ServerToClient, ClientToServer>("https://example.com/chat", {
 *   auth: { token },
 * });
 * socket.on("chat:message", (text) => console.log(text));
 * const { ok } = await socket.timeout(2000).emitWithAck("chat:send", "hello");
 * effect(() => console.log(socket.status.value)); // "connecting" → "connected"
 */
export function io<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = ListenEvents,
>(uri?: string | IoOptions, options?: IoOptions): Socket<ListenEvents, EmitEvents> {
  let url: string | undefined;
  if (typeof uri === "object") options = uri;
  else url = uri;
  const opts: IoOptions = { ...options };
  const parsed = parseUrl(url);
  const key = `${parsed.origin}${opts.path ?? "/socket.io/"}`;
  const cached = managers.get(key);
  const fresh =
    opts.forceNew === true || opts.multiplex === false || cached?.nsps.has(parsed.nsp) === true;
  let manager: Manager;
  if (fresh) {
    manager = new Manager(parsed.origin, withQuery(opts, parsed.query));
  } else if (cached) {
    manager = cached;
  } else {
    manager = new Manager(parsed.origin, withQuery(opts, parsed.query));
    managers.set(key, manager);
  }
  return manager.socket<ListenEvents, EmitEvents>(parsed.nsp, opts);
}

function withQuery(opts: IoOptions, query: Record<string, string>): IoOptions {
  return { ...opts, query: { ...query, ...opts.query } };
}

export { AckTimeoutError } from "./ack.js";
export { Backoff, type BackoffOptions, backoffDelay } from "./backoff.js";
export type { EngineCloseReason } from "./engine/session.js";
export { type EventSignal, type EventSource, eventSignal } from "./event-signal.js";
export { Manager, type ManagerEvents } from "./manager.js";
export {
  DEFAULTS,
  type IoOptions,
  type ManagerOptions,
  type SocketOptions,
  type TransportName,
} from "./options.js";
export type { ConnectionState, ConnectionStatus } from "./signals.js";
export {
  type ConnectError,
  type DisconnectReason,
  Socket,
  type SocketReservedEvents,
} from "./socket.js";
export type {
  AckReply,
  DecorateAcknowledgements,
  DefaultEventsMap,
  EmitArgs,
  EmitWithAckArgs,
  EventNames,
  EventParams,
  EventsMap,
} from "./typed-events.js";
export { io as connect };
/** The Socket.IO protocol revision this client speaks. */
export const protocol = 5;
