/**
 * @volley/client: the Socket.IO v5 client of Volley for browsers and Node. `io()` returns a
 * typed namespace socket; sockets of the same origin and path share one Manager (one
 * Engine.IO session) unless `forceNew` or `multiplex: false` is set.
 */
import type { ClientContract, DefaultEventsMap, EventsMap } from "@volley/protocol";
import { gateFactoryFor } from "./incoming-gates.js";
import { Manager } from "./manager.js";
import { type IoOptions, resolveClientOptions } from "./options.js";
import type { Socket } from "./socket.js";
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
 *
 * With `events` (a contract from `defineEvents`, shared with the server) the event maps are
 * inferred from it, and server events are checked in development (`validateIncoming`):
 * @example
 * const socket = io(url, { events }); // Socket<ClientListenEvents<…>, ClientEmitEvents<…>>
 *
 * @throws {InvalidOptionError} an unknown option (with the closest valid name), a wrong type,
 * an unknown transport name
 */
export function io<ListenEvents extends EventsMap, EmitEvents extends EventsMap>(
  uri: string | undefined,
  options: ContractIoOptions<ListenEvents, EmitEvents>,
): Socket<ListenEvents, EmitEvents>;
export function io<ListenEvents extends EventsMap, EmitEvents extends EventsMap>(
  options: ContractIoOptions<ListenEvents, EmitEvents>,
): Socket<ListenEvents, EmitEvents>;
export function io<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = ListenEvents,
>(uri?: string | IoOptions, options?: IoOptions): Socket<ListenEvents, EmitEvents>;
export function io<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = ListenEvents,
>(uri?: string | IoOptions, options?: IoOptions): Socket<ListenEvents, EmitEvents> {
  let url: string | undefined;
  if (typeof uri === "object") options = uri;
  else url = uri;
  const resolved = resolveClientOptions(options, "io()");
  gateFactoryFor(resolved); // throws before a Manager opens, if validateIncoming cannot be met
  const opts = { ...options };
  const parsed = parseUrl(url);
  const key = `${parsed.origin}${resolved.path}`;
  const cached = managers.get(key);
  const fresh = !resolved.multiplex || resolved.forceNew || cached?.nsps.has(parsed.nsp) === true;
  const { forceNew: _forceNew, multiplex: _multiplex, ...managerOptions } = opts;
  managerOptions.query = { ...parsed.query, ...opts.query };
  let manager: Manager;
  if (fresh) {
    manager = new Manager(parsed.origin, managerOptions);
  } else if (cached) {
    manager = cached;
  } else {
    manager = new Manager(parsed.origin, managerOptions);
    managers.set(key, manager);
  }
  const { auth, retries, ackTimeout, maxSendBuffer, autoConnect, events, validateIncoming } = opts;
  return manager.socket<ListenEvents, EmitEvents>(parsed.nsp, {
    auth,
    retries,
    ackTimeout,
    maxSendBuffer,
    autoConnect,
    events,
    validateIncoming,
  });
}

/** `io()`'s options with a contract: the socket's event maps are inferred from `events`. */
export type ContractIoOptions<ListenEvents, EmitEvents> = IoOptions & {
  events: ClientContract<ListenEvents, EmitEvents>;
};

export {
  type AckResult,
  AckTimeoutError,
  type AllButLast,
  type ClientEmitEvents,
  type ClientListenEvents,
  type ContractIssue,
  ContractViolationError,
  type DecorateAcknowledgements,
  type DefaultEventsMap,
  defineEvents,
  type EmitWithAckArgs,
  type EventContract,
  type EventContracts,
  type EventNames,
  type EventNamesWithAck,
  type EventParams,
  type EventsContract,
  type EventsMap,
  type FirstArg,
  type FirstNonErrorArg,
  type InvalidArgumentsAnswer,
  InvalidOptionError,
  type Last,
  SendBufferFullError,
  SocketDisconnectedError,
  type StandardSchemaV1,
  VolleyError,
  VolleyErrorCode,
} from "@volley/protocol";
export { Backoff, type BackoffOptions, backoffDelay } from "./backoff.js";
export type { EngineCloseReason } from "./engine/session.js";
export type { ErrorContext, ErrorHook } from "./error-reporter.js";
export {
  ConnectionError,
  ConnectionErrorCode,
  type ConnectionErrorContext,
  TransportError,
} from "./errors.js";
export { type EventSignal, type EventSource, eventSignal } from "./event-signal.js";
export type { ClientLogScope, Logger } from "./logger.js";
export { Manager, type ManagerEvents } from "./manager.js";
export {
  type CacheOptions,
  DEFAULTS,
  type IoOptions,
  type ManagerOptions,
  type SocketOptions,
  TRANSPORT_NAMES,
  type TransportName,
} from "./options.js";
export type { ConnectionState, ConnectionStatus } from "./signals.js";
export {
  type ConnectError,
  type DisconnectDescription,
  type DisconnectReason,
  type EmitArgs,
  Socket,
  type SocketReservedEvents,
} from "./socket.js";
export type { SocketHost } from "./socket-host.js";
export { io as connect };
/** The Socket.IO protocol revision this client speaks. */
export const protocol = 5;
