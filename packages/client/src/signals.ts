/**
 * Reactive connection state on `@preact/signals-core`: one writable set per socket, exposed
 * read-only (`ReadonlySignal`) so Preact, React or plain code can render it without glue.
 * The library writes them through `write`, so an app effect that throws never interrupts it.
 */
import { type ReadonlySignal, type Signal, signal } from "@preact/signals-core";
import type { Report } from "./error-reporter.js";
import type { TransportName } from "./options.js";

/** Where a socket stands, as a UI would show it. */
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "disconnected";

/** The read-only view exposed on each socket. */
export interface ConnectionState {
  readonly status: ReadonlySignal<ConnectionStatus>;
  readonly transport: ReadonlySignal<TransportName | undefined>;
  readonly lastError: ReadonlySignal<Error | undefined>;
  readonly reconnectAttempt: ReadonlySignal<number>;
}

/** The writable signals behind a `ConnectionState`; only the socket writes them. */
export interface WritableConnectionState {
  readonly status: Signal<ConnectionStatus>;
  readonly transport: Signal<TransportName | undefined>;
  readonly lastError: Signal<Error | undefined>;
  readonly reconnectAttempt: Signal<number>;
}

/** Creates the state of a socket that has not connected yet. */
export function createConnectionState(): WritableConnectionState {
  return {
    status: signal<ConnectionStatus>("disconnected"),
    transport: signal<TransportName | undefined>(undefined),
    lastError: signal<Error | undefined>(undefined),
    reconnectAttempt: signal(0),
  };
}

/**
 * Sets `target` to `value`. Effects run synchronously on a write and the first one that throws
 * is re-thrown once all of them ran: the value is set either way, so the error is only
 * reported (source "effect"), never allowed to interrupt the library's work.
 */
export function write<T>(target: Signal<T>, value: T, report: Report, nsp?: string): void {
  try {
    target.value = value;
  } catch (error) {
    report(error, nsp === undefined ? { source: "effect" } : { source: "effect", nsp });
  }
}
