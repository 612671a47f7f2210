/**
 * Event-map types shared by server and client: how a user's event interfaces drive the
 * signatures of `on`, `emit`, acknowledgements, `timeout()` and `emitWithAck`. An
 * acknowledgement is the last parameter of an event when that parameter is a function. Types
 * only: nothing here reaches a bundle.
 */

/** A listener whose parameters are checked bivariantly, so `(msg: string) => void` fits it. */
export type UntypedListener = {
  bivariant(...args: unknown[]): unknown;
}["bivariant"];

/**
 * Any event map: an interface or type whose values are listener signatures.
 * @example interface ServerToClientEvents { hello: (name: string) => void }
 */
export type EventsMap = object;

/** The map used when no generics are given: any event, any arguments. */
export interface DefaultEventsMap {
  [event: string]: UntypedListener;
}

/**
 * `socket.data` when no SocketData type is given: a bag of named values
 * (`socket.data.user = name` compiles; reading gives `unknown`).
 */
export type DefaultSocketData = Record<string, unknown>;

/** Names of the events of a map. */
export type EventNames<Map extends EventsMap> = keyof Map & string;

/** The parameters of the listener of `Ev`. */
export type EventParams<Map extends EventsMap, Ev extends EventNames<Map>> = Map[Ev] extends (
  ...args: infer P
) => unknown
  ? P
  : never;

/** The last element of a tuple (`unknown` for plain arrays). */
export type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L]
  ? L
  : T extends readonly (infer E)[]
    ? E
    : never;

/** Every element but the last (for plain arrays, the array itself). */
export type AllButLast<T extends readonly unknown[]> = T extends readonly [...infer H, unknown]
  ? H
  : T;

type IsErrorArg<T> = [T] extends [Error | null]
  ? [Error | null] extends [T]
    ? true
    : false
  : false;

/**
 * The first argument of an acknowledgement that is not the `(err, …)` error slot added by
 * `timeout()` (`unknown` when there is none).
 */
export type FirstNonErrorArg<F> = F extends (...args: infer P) => unknown
  ? P extends [infer A, ...infer Rest]
    ? IsErrorArg<A> extends true
      ? Rest extends [infer B, ...unknown[]]
        ? B
        : unknown
      : A
    : unknown
  : unknown;

/** The first parameter of a function type (`unknown` when it takes none). */
export type FirstArg<F> = F extends (first: infer A, ...rest: never[]) => unknown ? A : unknown;

/** Events whose last parameter is an acknowledgement callback. */
export type EventNamesWithAck<Map extends EventsMap> = {
  [K in EventNames<Map>]: Map[K] extends (...args: infer P) => unknown
    ? number extends P["length"]
      ? K
      : Last<P> extends (...args: never[]) => unknown
        ? K
        : never
    : never;
}[EventNames<Map>];

/** The value `emitWithAck` resolves with: the first argument of the acknowledgement. */
export type AckResult<Map extends EventsMap, Ev extends EventNames<Map>> = FirstNonErrorArg<
  Last<EventParams<Map, Ev>>
>;

type PrependTimeoutError<T extends unknown[]> = {
  [K in keyof T]: T[K] extends (...args: infer P) => infer R
    ? P extends [infer A, ...unknown[]]
      ? IsErrorArg<A> extends true
        ? T[K]
        : (err: Error | null, ...args: P) => R
      : (err: Error | null, ...args: P) => R
    : T[K];
};

type MultipleResponses<T extends unknown[]> = {
  [K in keyof T]: T[K] extends (...args: infer P) => infer R
    ? P extends [infer A, ...unknown[]]
      ? IsErrorArg<A> extends true
        ? T[K]
        : (err: Error | null, responses: FirstArg<(...args: P) => R>[]) => R
      : (err: Error | null, responses: FirstArg<(...args: P) => R>[]) => R
    : T[K];
};

/** The map seen through `timeout(ms)`: each acknowledgement becomes `(err, ...args)`. */
export type DecorateAcknowledgements<Map extends EventsMap> = {
  [K in keyof Map]: Map[K] extends (...args: infer P) => infer R
    ? (...args: PrependTimeoutError<P>) => R
    : Map[K];
};

/** The map seen by broadcasts: each acknowledgement becomes `(err, responses[])`. */
export type DecorateAcknowledgementsWithMultipleResponses<Map extends EventsMap> = {
  [K in keyof Map]: Map[K] extends (...args: infer P) => infer R
    ? (...args: MultipleResponses<P>) => R
    : Map[K];
};

/** Reserved names first, then the user's events. */
export type ReservedOrUserEventNames<Reserved extends EventsMap, User extends EventsMap> =
  | EventNames<Reserved>
  | EventNames<User>;

/** The listener type of a reserved or user event. */
export type ReservedOrUserListener<
  Reserved extends EventsMap,
  User extends EventsMap,
  Ev extends string,
> =
  Ev extends EventNames<Reserved>
    ? Reserved[Ev]
    : Ev extends EventNames<User>
      ? User[Ev]
      : UntypedListener;

/** The arguments of `emitWithAck(ev, ...args)`: the event's parameters without the callback. */
export type EmitWithAckArgs<Map extends EventsMap, Ev extends EventNames<Map>> = AllButLast<
  EventParams<Map, Ev>
>;
