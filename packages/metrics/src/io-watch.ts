/**
 * What the metrics learn from the io layer's events: incoming events per namespace (one
 * catch-all listener per namespace, shared by its sockets), the adapters' `request` events
 * (the Redis adapter's cluster requests: latency and failures), and the server's
 * `limit_exceeded` (flood control) and `invalid_event` (event contracts) announcements, counted
 * when a server emits them (listening to an event nobody emits costs nothing).
 */
import type { Namespace, Server, Socket } from "@volley/server";
import { Tally } from "./tally.js";

/** A cluster request ended (the Redis adapter's `request` event). */
export interface AdapterRequestEvent {
  /** `fetchSockets`, `serverSideEmit`, `broadcastWithAck`, … */
  operation: string;
  durationMs: number;
  /** Null when every node answered; the timeout or close error otherwise. */
  error: Error | null;
}

/** Observes one request (the metrics' histogram and failure counter). */
export type RequestSink = (namespace: string, request: AdapterRequestEvent) => void;

/** The io-level totals, read at scrape time. */
export interface IoTotals {
  /** Incoming events by namespace. */
  eventsIn: Tally;
  /** `limit_exceeded` announcements by `limit action`. */
  limitsExceeded: Map<string, { limit: string; action: string; count: number }>;
  invalidEvents: number;
}

type Listener = (...args: unknown[]) => void;
type AnyServer = Server;
type AnyNamespace = Namespace;

interface Registration {
  target: { off(event: string, listener: Listener): unknown };
  event: string;
  listener: Listener;
}

/** Subscribes to a server's namespaces and announcements; `stop()` undoes it. */
export function watchIo(
  io: AnyServer,
  options: { events: boolean; onRequest: RequestSink },
): { totals: IoTotals; stop(): void } {
  const totals: IoTotals = { eventsIn: new Tally(), limitsExceeded: new Map(), invalidEvents: 0 };
  const registrations: Registration[] = [];
  const anyListeners = new Map<AnyNamespace, (event: string) => void>();
  const listen = (
    target: { on(event: string, l: Listener): unknown; off(event: string, l: Listener): unknown },
    event: string,
    listener: Listener,
  ): void => {
    target.on(event, listener);
    registrations.push({ target, event, listener });
  };
  const asEmitter = (value: unknown) =>
    value as { on(event: string, l: Listener): unknown; off(event: string, l: Listener): unknown };

  const watchNamespace = (nsp: AnyNamespace): void => {
    const name = nsp.name;
    listen(asEmitter(nsp.adapter), "request", (request) =>
      options.onRequest(name, request as AdapterRequestEvent),
    );
    if (!options.events) return;
    const countEvent = (): void => totals.eventsIn.add(name);
    anyListeners.set(nsp, countEvent);
    for (const socket of nsp.sockets.values()) socket.onAny(countEvent);
    listen(asEmitter(nsp), "connection", (socket) => (socket as Socket).onAny(countEvent));
  };

  for (const nsp of io.namespaces.values()) watchNamespace(nsp);
  listen(asEmitter(io), "new_namespace", (nsp) => watchNamespace(nsp as AnyNamespace));
  listen(asEmitter(io), "limit_exceeded", (info) => {
    const { limit, action } = (info ?? {}) as { limit?: unknown; action?: unknown };
    const key = `${String(limit)} ${String(action)}`;
    const entry = totals.limitsExceeded.get(key);
    if (entry) entry.count++;
    else totals.limitsExceeded.set(key, { limit: String(limit), action: String(action), count: 1 });
  });
  listen(asEmitter(io), "invalid_event", () => {
    totals.invalidEvents++;
  });

  return {
    totals,
    stop() {
      for (const { target, event, listener } of registrations) target.off(event, listener);
      for (const [nsp, listener] of anyListeners) {
        for (const socket of nsp.sockets.values()) socket.offAny(listener);
      }
    },
  };
}
