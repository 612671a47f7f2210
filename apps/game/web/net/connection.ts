/**
 * The browser's one connection to the game server, typed by the shared contract (`gameEvents`).
 *
 * The game uses events, volatile emits (inputs), acks with timeouts (join, ping) and the
 * socket's reactive `status`/`transport` signals for the HUD.
 */
import { type ClientEmitEvents, type ClientListenEvents, io, type Socket } from "@volley/client";
import { gameEvents } from "../../shared/events.js";

export type { ConnectionStatus } from "@volley/client";

/** The game's socket: listens to server events, emits client events, all typed. */
export type ClientSocket = Socket<ClientListenEvents<typeof gameEvents>, ClientToServerEvents>;
/** What the browser emits, as the contract accepts it. */
type ClientToServerEvents = ClientEmitEvents<typeof gameEvents>;

type Last<T extends unknown[]> = T extends [...unknown[], infer L] ? L : never;
type WithoutLast<T extends unknown[]> = T extends [...infer Head, unknown] ? Head : [];
/** Client events the server answers with an ack. */
export type RequestEvent = "lobby:watch" | "match:create" | "match:join" | "game:ping";
export type RequestArgs<E extends RequestEvent> = WithoutLast<Parameters<ClientToServerEvents[E]>>;
/** What the server's ack carries for a request event. */
export type Reply<E extends RequestEvent> = Parameters<
  Extract<Last<Parameters<ClientToServerEvents[E]>>, (...args: never[]) => unknown>
>[0];

/**
 * Sends a request and resolves with the server's reply, rejecting after `timeoutMs`.
 *
 * The cast works around @volley/client's typing of `timeout(ms).emitWithAck`, which types the
 * reply as the decorated callback's first argument (`Error | null`) instead of the server's
 * reply; at runtime it resolves with the reply (or rejects on timeout), as Socket.IO does.
 */
export function request<E extends RequestEvent>(
  socket: ClientSocket,
  timeoutMs: number,
  event: E,
  ...args: RequestArgs<E>
): Promise<Reply<E>> {
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: E, ...args: RequestArgs<E>): Promise<unknown>;
  };
  return timed.emitWithAck(event, ...args) as Promise<Reply<E>>;
}

/** Connects to the page's own origin (the Vite dev server proxies `/socket.io` in development). */
export function connect(): ClientSocket {
  // server events are not re-checked here: their schemas only carry types (see gameEvents)
  return io(window.location.origin, { events: gameEvents, validateIncoming: false });
}
