/**
 * A typed test client around a @volley/client Socket: `connect()` that resolves once connected
 * (or rejects with the server's CONNECT_ERROR), `emitWithAck` with a deadline, `waitFor` with a
 * predicate over a mailbox (events that arrived before the call count), the last N events, and
 * the next heartbeat. Every wait runs on real time, even under fake timers.
 */
import {
  type AckResult,
  type DefaultEventsMap,
  type EmitArgs,
  type EmitWithAckArgs,
  type EventNames,
  type EventParams,
  type EventsMap,
  type IoOptions,
  io,
  type Socket,
} from "@volley/client";
import { Mailbox, type ReceivedEvent } from "./mailbox.js";
import { withDeadline } from "./real-timers.js";

/** The event a TestServer sends to a client to know everything sent before it was handled. */
export const SYNC_EVENT = "volley-testing:sync";

export interface TestClientOptions extends IoOptions {
  /** Namespace to connect to (default "/"). */
  namespace?: string;
  /** Deadline of connect(), emitWithAck(), waitFor() and nextPing(), in real ms (default 5000). */
  timeoutMs?: number;
  /** How many received events recent() keeps (default 1000). */
  historySize?: number;
}

/** Test client defaults: WebSocket only (no upgrade dance), no reconnection, its own Manager. */
export const CLIENT_DEFAULTS = {
  transports: ["websocket"],
  reconnection: false,
  forceNew: true,
  timeoutMs: 5_000,
  historySize: 1_000,
} as const satisfies TestClientOptions;

export class TestClient<
  ListenEvents extends EventsMap = DefaultEventsMap,
  EmitEvents extends EventsMap = DefaultEventsMap,
> {
  /** The underlying @volley/client socket, for anything not wrapped here. */
  readonly socket: Socket<ListenEvents, EmitEvents>;
  readonly timeoutMs: number;
  private readonly mailbox: Mailbox;

  constructor(url: string, options: TestClientOptions = {}) {
    const { namespace = "/", timeoutMs, historySize, ...ioOptions } = options;
    this.timeoutMs = timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
    this.mailbox = new Mailbox(historySize ?? CLIENT_DEFAULTS.historySize);
    const { transports, reconnection, forceNew } = CLIENT_DEFAULTS;
    this.socket = io<ListenEvents, EmitEvents>(`${url}${namespace === "/" ? "" : namespace}`, {
      transports: [...transports],
      reconnection,
      forceNew,
      ...ioOptions,
      autoConnect: false,
    });
    this.socket.onAny((event: string, ...args: unknown[]) => {
      if (event !== SYNC_EVENT) this.mailbox.push(event, args);
    });
    // The server's sync probe: answered at once, after everything the server sent before it.
    (this.socket as unknown as Socket).on(SYNC_EVENT, (ack: () => void) => ack());
  }

  /** The socket id (the same on the server) while connected. */
  get id(): string | undefined {
    return this.socket.id;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /**
   * Connects and resolves once connected; rejects with the server's error (a middleware's
   * `next(new Error(…))`, with `data`) or a TestTimeoutError.
   */
  connect(): Promise<this> {
    if (this.socket.connected) return Promise.resolve(this);
    const socket = this.socket as unknown as Socket;
    const outcome = new Promise<this>((resolve, reject) => {
      const onConnect = () => {
        socket.off("connect_error", onError);
        resolve(this);
      };
      const onError = (error: Error) => {
        socket.off("connect", onConnect);
        reject(error);
      };
      socket.once("connect", onConnect);
      socket.once("connect_error", onError);
    });
    this.socket.connect();
    return withDeadline(outcome, this.timeoutMs, "the connection").catch((error: unknown) => {
      this.socket.disconnect();
      throw error;
    });
  }

  /** Sends an event (no ack). */
  emit<E extends EventNames<EmitEvents>>(event: E, ...args: EmitArgs<EmitEvents, E, false>): this {
    this.socket.emit(event, ...args);
    return this;
  }

  /** Sends an event and resolves with the server's ack, or rejects after `timeoutMs`. */
  emitWithAck<E extends EventNames<EmitEvents>>(
    event: E,
    ...args: EmitWithAckArgs<EmitEvents, E>
  ): Promise<AckResult<EmitEvents, E>> {
    return withDeadline(
      this.socket.emitWithAck(event, ...args),
      this.timeoutMs,
      `the ack of "${event}"`,
    );
  }

  /**
   * Resolves with the arguments of the oldest `event` received and not yet waited for that
   * passes `predicate` (already received, or the next one); rejects after `timeoutMs`.
   *
   * @example
   * const [message] = await bob.waitFor("message:new", (m) => m.room === "lobby");
   */
  async waitFor<E extends EventNames<ListenEvents>>(
    event: E,
    predicate?: (...args: EventParams<ListenEvents, E>) => boolean,
    timeoutMs: number = this.timeoutMs,
  ): Promise<EventParams<ListenEvents, E>> {
    const test =
      predicate && ((args: unknown[]) => predicate(...(args as EventParams<ListenEvents, E>)));
    const taken = this.mailbox.take(event, test);
    if ("now" in taken) return taken.now as EventParams<ListenEvents, E>;
    try {
      return (await withDeadline(taken.later, timeoutMs, `"${event}"`)) as EventParams<
        ListenEvents,
        E
      >;
    } finally {
      taken.cancel();
    }
  }

  /** The last `n` events received (all that are kept without `n`), oldest first. */
  received(n?: number): ReceivedEvent[] {
    return this.mailbox.recent(n);
  }

  /** Forgets the events received so far (waitFor then only sees new ones). */
  clearReceived(): void {
    this.mailbox.clear();
  }

  /** Resolves at the next heartbeat ping from the server. */
  nextPing(timeoutMs: number = this.timeoutMs): Promise<void> {
    const manager = this.socket.io;
    const ping = new Promise<void>((resolve) => manager.once("ping", () => resolve()));
    return withDeadline(ping, timeoutMs, "the next ping");
  }

  /** Resolves with the reason of the next disconnection (call it before causing one). */
  waitForDisconnect(timeoutMs: number = this.timeoutMs): Promise<string> {
    const socket = this.socket as unknown as Socket;
    const reason = new Promise<string>((resolve) =>
      socket.once("disconnect", (why: string) => resolve(why)),
    );
    return withDeadline(reason, timeoutMs, "the disconnection");
  }

  /** Disconnects (idempotent). */
  disconnect(): void {
    this.socket.disconnect();
  }
}
