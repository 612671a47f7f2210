/**
 * Every client option in one place, with its default (`DEFAULTS`). The Manager reads the
 * engine and reconnection options; each Socket reads its own (`auth`, `retries`, `ackTimeout`).
 */

/** The two Engine.IO transports. */
export type TransportName = "polling" | "websocket";

/** Options of one Engine.IO session (and of the Manager that owns it). */
export interface ManagerOptions {
  /** Engine.IO endpoint path. Default `"/socket.io/"`. */
  path: string;
  /** Transports to use, in order: the first opens the session, later ones are upgrades. */
  transports: TransportName[];
  /** When the first transport fails to open, try the next one instead of failing. */
  tryAllTransports: boolean;
  /** Whether to upgrade from polling to WebSocket when the server offers it. */
  upgrade: boolean;
  /** After a WebSocket upgrade succeeded once, open the next sessions directly on WebSocket. */
  rememberUpgrade: boolean;
  /** Send cookies with cross-origin polling requests (`fetch` credentials "include"). */
  withCredentials: boolean;
  /** Extra HTTP headers for polling requests and the WebSocket handshake (Node only for WS). */
  extraHeaders: Record<string, string>;
  /** Extra query parameters sent with every Engine.IO request. */
  query: Record<string, string>;
  /** Connect timeout in ms: the handshake must complete within it. `false` disables it. */
  timeout: number | false;
  /** Reconnect automatically after an unexpected disconnection. */
  reconnection: boolean;
  /** How many reconnection attempts before giving up (`reconnect_failed`). */
  reconnectionAttempts: number;
  /** First reconnection delay in ms; doubles at each attempt. */
  reconnectionDelay: number;
  /** Upper bound of the reconnection delay in ms. */
  reconnectionDelayMax: number;
  /** Jitter applied to each delay, between 0 and 1. */
  randomizationFactor: number;
  /** Open the connection as soon as the Manager (or the socket) is created. */
  autoConnect: boolean;
}

/** Options of one namespace socket. */
export interface SocketOptions {
  /** Sent in the CONNECT packet: an object, or a function that hands it to a callback. */
  auth: Record<string, unknown> | ((cb: (data: Record<string, unknown>) => void) => void);
  /** Retry each emit up to this many times when its ack times out (at-least-once delivery). */
  retries: number;
  /** Default ack timeout in ms for emits with a callback (none when undefined). */
  ackTimeout: number | undefined;
}

/** Options accepted by `io()`: engine, reconnection and socket options, plus caching flags. */
export interface IoOptions extends Partial<ManagerOptions>, Partial<SocketOptions> {
  /** Always create a new Manager (no multiplexing). */
  forceNew?: boolean;
  /** Share a Manager between sockets of the same origin and path. Default `true`. */
  multiplex?: boolean;
}

/** Default values of every option. */
export const DEFAULTS = {
  path: "/socket.io/",
  transports: ["polling", "websocket"],
  tryAllTransports: false,
  upgrade: true,
  rememberUpgrade: false,
  withCredentials: false,
  extraHeaders: {},
  query: {},
  timeout: 20_000,
  reconnection: true,
  reconnectionAttempts: Number.POSITIVE_INFINITY,
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 5_000,
  randomizationFactor: 0.5,
  autoConnect: true,
  auth: {},
  retries: 0,
  ackTimeout: undefined,
} as const satisfies ManagerOptions & SocketOptions;
