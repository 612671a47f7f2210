/**
 * What an adapter sees of its namespace: a name, the sockets it can deliver to, ack ids, a
 * place to report errors, the recovery settings, and where server-side emits from other nodes
 * go. Nothing more: an adapter never reaches the Namespace, the Server or a client, so the
 * adapter layer depends only on this file and the recipients it lists (no back-pointer cycle),
 * and tests can hand an adapter a plain object.
 */
import type { PacketEncode } from "@volley/protocol";
import type { ScopedLog } from "../logger.js";
import type { ConnectionStateRecoveryOptions, SocketId } from "./adapter-types.js";
import type { ServerCounters } from "./counters.js";
import type { Recipient } from "./recipient.js";

/**
 * The namespace as its adapter sees it (`adapter.nsp`).
 * @example
 * class MyAdapter extends InMemoryAdapter {
 *   constructor(nsp: AdapterHost) { super(nsp); console.log("adapter of", nsp.name); }
 * }
 */
export interface AdapterHost {
  /** The namespace's name (`/`, `/chat`). */
  readonly name: string;
  /** This node's connected sockets of the namespace, by id. */
  readonly sockets: ReadonlyMap<SocketId, Recipient>;
  /** Connection state recovery settings; undefined when recovery is off. */
  readonly recovery: ConnectionStateRecoveryOptions | undefined;
  /** The io layer's debug log (`volley:io`), undefined when off. */
  readonly log: ScopedLog | undefined;
  /**
   * How the server encodes packets (its `parser` option); pass it to `prepareBroadcast`.
   * Absent (hosts built by hand in tests): the built-in codec.
   */
  readonly encode?: PacketEncode;
  /** The next acknowledgement id of the namespace (for broadcasts with acknowledgements). */
  nextAckId(): number;
  /**
   * The server's monitoring totals, where the adapter counts its local broadcasts and their
   * recipients; absent when the host is not a Server's namespace (a test's plain object).
   */
  readonly counters?: ServerCounters;
  /** Reports an error (a user listener, a failed background task) to `io.on("error")`. */
  reportError(err: unknown): void;
  /**
   * Hands a server-side emit received from another node to the namespace's listeners
   * (`io.of(name).on(event, …)`); a function as last element is the reply callback.
   */
  onServerSideEmit(args: [string, ...unknown[]]): void;
  /**
   * Development check of a broadcast event `[name, ...args]` against the server's contract
   * (throws ContractViolationError); absent when outgoing checks are off.
   */
  readonly checkOutgoing?: ((data: readonly unknown[]) => void) | undefined;
}
