/**
 * The types of an event contract: which events each side sends, the Standard Schema of each
 * argument and of the acknowledgement, and the event maps both sides infer from it (so nobody
 * writes an event interface twice). Types only: nothing here reaches a bundle. Any schema
 * library that implements Standard Schema (zod, valibot, arktype, …) works; Volley depends on
 * none of them.
 */
import type { StandardSchemaV1 } from "./standard-schema.js";

export type { StandardSchemaV1 };

/**
 * One event: the schema of each argument, in order, and, when the event is acknowledged, the
 * schema of the answer.
 * @example { args: [z.string().max(500)], ack: z.object({ ok: z.boolean() }) }
 */
export interface EventContract {
  /** One schema per argument. Missing arguments are validated as `undefined`; extra ones are refused. */
  readonly args: readonly StandardSchemaV1[];
  /** The schema of the acknowledgement's answer; absent when the event is not acknowledged. */
  readonly ack?: StandardSchemaV1 | undefined;
}

/** The events one side sends, by name. */
export type EventContracts = { readonly [event: string]: EventContract };

type Outputs<T extends readonly StandardSchemaV1[]> = {
  -readonly [K in keyof T]: T[K] extends StandardSchemaV1
    ? StandardSchemaV1.InferOutput<T[K]>
    : never;
};
type Inputs<T extends readonly StandardSchemaV1[]> = {
  -readonly [K in keyof T]: T[K] extends StandardSchemaV1
    ? StandardSchemaV1.InferInput<T[K]>
    : never;
};

/** A listener taking `Args`, then `Ack` when the event is acknowledged. */
type ListenerOf<Args, Ack> = Args extends unknown[]
  ? [Ack] extends [undefined]
    ? (...args: Args) => void
    : (...args: [...Args, Ack]) => void
  : never;

/** The listener a receiver registers: parsed arguments, and an ack that answers the schema's input. */
type ReceiverListener<E extends EventContract> = ListenerOf<
  Outputs<E["args"]>,
  E["ack"] extends StandardSchemaV1
    ? (answer: StandardSchemaV1.InferInput<E["ack"]>) => void
    : undefined
>;

/** What a sender passes to `emit`: the schemas' inputs, and an ack that receives the answer. */
type SenderListener<E extends EventContract> = ListenerOf<
  Inputs<E["args"]>,
  E["ack"] extends StandardSchemaV1
    ? (answer: StandardSchemaV1.InferOutput<E["ack"]>) => void
    : undefined
>;

/** The event map of the side that receives `C` (arguments as the schemas output them). */
export type ReceivedEvents<C extends EventContracts> = {
  [K in keyof C & string]: ReceiverListener<C[K]>;
};

/** The event map of the side that sends `C` (arguments as the schemas accept them). */
export type SentEvents<C extends EventContracts> = {
  [K in keyof C & string]: SenderListener<C[K]>;
};

/**
 * Both directions of a contract, as `defineEvents` returns it. `~types` is never set at run
 * time: it carries the inferred event maps so that `new Server(http, { events })` and
 * `io(url, { events })` infer their generics from the contract.
 */
export interface EventsContract<
  ClientToServer extends EventContracts = EventContracts,
  ServerToClient extends EventContracts = EventContracts,
> {
  /** What clients send (validated by the server as input). */
  readonly clientToServer: ClientToServer;
  /** What the server sends (validated in development; by clients when they opt in). */
  readonly serverToClient: ServerToClient;
  /** Type-only: the event maps each side infers. Never present at run time. */
  readonly "~types"?: ContractSides<ClientToServer, ServerToClient>;
}

/** The event maps of each side of a contract. */
export interface ContractSides<
  ClientToServer extends EventContracts,
  ServerToClient extends EventContracts,
> {
  server: { listen: ReceivedEvents<ClientToServer>; emit: SentEvents<ServerToClient> };
  client: { listen: ReceivedEvents<ServerToClient>; emit: SentEvents<ClientToServer> };
}

/**
 * A contract as the server's `events` option takes it: its `~types` give the Server its
 * `ListenEvents` and `EmitEvents`.
 */
export interface ServerContract<Listen, Emit> {
  readonly clientToServer: EventContracts;
  readonly serverToClient: EventContracts;
  readonly "~types"?: { server: { listen: Listen; emit: Emit } };
}

/** A contract as the client's `events` option takes it (the reverse of ServerContract). */
export interface ClientContract<Listen, Emit> {
  readonly clientToServer: EventContracts;
  readonly serverToClient: EventContracts;
  readonly "~types"?: { client: { listen: Listen; emit: Emit } };
}

/** The two directions of a contract, whatever its inferred types. */
export interface ContractDirections {
  readonly clientToServer: EventContracts;
  readonly serverToClient: EventContracts;
}

/** The server's `ListenEvents` for a contract (`typeof contract`). */
export type ServerListenEvents<C extends ContractDirections> = ReceivedEvents<C["clientToServer"]>;
/** The server's `EmitEvents` for a contract. */
export type ServerEmitEvents<C extends ContractDirections> = SentEvents<C["serverToClient"]>;
/** The client's `ListenEvents` for a contract. */
export type ClientListenEvents<C extends ContractDirections> = ReceivedEvents<C["serverToClient"]>;
/** The client's `EmitEvents` for a contract. */
export type ClientEmitEvents<C extends ContractDirections> = SentEvents<C["clientToServer"]>;

/**
 * One problem with an event's arguments, as sent to the client: where (argument index first,
 * then the keys inside it) and what the schema said. Never the value itself.
 */
export interface ContractIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** The answer to an acknowledged event whose arguments did not match the contract. */
export interface InvalidArgumentsAnswer {
  readonly error: "invalid_arguments" | "unknown_event";
  readonly issues: ContractIssue[];
}
