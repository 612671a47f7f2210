/**
 * Types that let an event map drive `emit`, `on`, acks and `emitWithAck`, mirroring the
 * server's maps: the client's ListenEvents are the server's EmitEvents and vice versa.
 */

/** An event map: event name → listener signature (an interface or a type literal). */
// biome-ignore lint/suspicious/noExplicitAny: `any` lets interfaces qualify as maps
export type EventsMap = { [event: string]: any };

/** The map used when none is given: any event, any arguments. */
// biome-ignore lint/suspicious/noExplicitAny: deliberately untyped default
export type DefaultEventsMap = { [event: string]: (...args: any[]) => void };

export type EventNames<M extends EventsMap> = keyof M & string;
export type EventParams<M extends EventsMap, E extends EventNames<M>> = M[E] extends (
  ...args: infer A
) => unknown
  ? A
  : never;

// biome-ignore lint/suspicious/noExplicitAny: matches any callback
type AnyFn = (...args: any[]) => any;

/** All but the last element of a tuple (the arguments before an ack callback). */
export type AllButLast<T extends unknown[]> = T extends [...infer H, unknown] ? H : unknown[];
/** The last element of a tuple (the ack callback). */
export type Last<T extends unknown[]> = T extends [...unknown[], infer L] ? L : never;
/** The first parameter of a function (the ack reply). */
export type FirstArg<F> = F extends (first: infer A, ...rest: infer _R) => unknown ? A : unknown;

/** Turns the last callback `(...a) => R` into `(err: Error | null, ...a) => R`, as `timeout()` does. */
export type DecorateAck<P extends unknown[]> = P extends [...infer H, infer L]
  ? L extends (...a: infer A) => infer R
    ? [...H, (err: Error | null, ...a: A) => R]
    : P
  : P;

/** The event map seen through `socket.timeout(ms)`: ack callbacks receive an error first. */
export type DecorateAcknowledgements<M extends EventsMap> = {
  [K in keyof M]: M[K] extends AnyFn
    ? (...args: DecorateAck<EventParams<M, K & string>>) => void
    : M[K];
};

/** Arguments of `emitWithAck(event, ...args)`: the event's parameters without the callback. */
export type EmitWithAckArgs<M extends EventsMap, E extends EventNames<M>> = AllButLast<
  EventParams<M, E>
>;

/** What `emitWithAck` resolves to: the first argument of the event's ack callback. */
export type AckReply<M extends EventsMap, E extends EventNames<M>> = FirstArg<
  Last<EventParams<M, E>>
>;

/**
 * Arguments of `emit(event, ...args)`; with `WithTimeout` (after `timeout(ms)`), the ack
 * callback receives an error first. `emitWithAck` always uses the plain map, so its reply type
 * stays the server's reply under `timeout()`.
 */
export type EmitArgs<
  M extends EventsMap,
  E extends EventNames<M>,
  WithTimeout extends boolean,
> = WithTimeout extends true ? DecorateAck<EventParams<M, E>> : EventParams<M, E>;
