/**
 * Emitting an event to the targets of a broadcast, with or without acknowledgements gathered
 * from every recipient on every node. Shared by BroadcastOperator (`io.to(room).emit`) and
 * RemoteSocket (`(await io.fetchSockets())[0].emit`), which both hold only an adapter.
 */
import {
  AckTimeoutError,
  assertEmittable,
  type Packet,
  PacketType,
  toError,
} from "@volley/protocol";
import type { Adapter } from "./adapter.js";
import type { BroadcastOptions } from "./adapter-types.js";
import { callSafely } from "./handlers.js";

/** The callback of a broadcast with acknowledgements: `(err, responses)`. */
export type BroadcastAckCallback = (err: Error | null, responses: unknown[]) => void;

/**
 * Emits `[ev, ...args]` to the targets of `opts`. A function as last argument asks every
 * recipient for an acknowledgement (see collectAcks).
 * @throws {VolleyError} RESERVED_EVENT for a reserved name
 */
export function broadcastEvent(
  adapter: Adapter,
  opts: BroadcastOptions,
  ev: string,
  args: readonly unknown[],
): void {
  assertEmittable(ev);
  const data: unknown[] = [ev, ...args];
  const packet: Packet = { type: PacketType.EVENT, nsp: adapter.nsp.name, data };
  const last = data[data.length - 1];
  const withAck = typeof last === "function";
  if (withAck) data.pop();
  adapter.nsp.checkOutgoing?.(data); // development contract check; off: one undefined read
  if (!withAck) {
    adapter.broadcast(packet, opts);
    return;
  }
  collectAcks(adapter, packet, opts, last as BroadcastAckCallback);
}

/**
 * Sends a packet asking for acknowledgements and calls `ack(null, responses)` once every
 * recipient on every node answered, or `ack(AckTimeoutError)` when `flags.timeout` passes first
 * (the error's `responses` holds the partial list). `ack` is user code: what it throws is
 * reported to `io.on("error")`, from a timer as from anywhere else.
 */
export function collectAcks(
  adapter: Adapter,
  packet: Packet,
  opts: BroadcastOptions,
  ack: BroadcastAckCallback,
): void {
  const responses: unknown[] = [];
  let done = false;
  let expectedServers = -1;
  let servers = 0;
  let expectedClients = 0;
  const finish = (err: Error | null): void => {
    done = true;
    if (timer) clearTimeout(timer);
    const report = (e: unknown) => adapter.nsp.reportError(e);
    callSafely(ack, undefined, [err, err ? responses.slice() : responses], report);
  };
  const timeout = opts.flags.timeout;
  const timer =
    timeout === undefined
      ? undefined
      : setTimeout(() => {
          if (!done) finish(new AckTimeoutError("operation has timed out", responses.slice()));
        }, timeout);
  const check = (): void => {
    if (!done && expectedServers === servers && responses.length === expectedClients) finish(null);
  };
  adapter.broadcastWithAck(
    packet,
    opts,
    (clientCount) => {
      expectedClients += clientCount;
      servers++;
      check();
    },
    (response) => {
      if (done) return;
      responses.push(response);
      check();
    },
  );
  adapter.serverCount().then(
    (count) => {
      expectedServers = count;
      check();
    },
    (err: unknown) => {
      if (!done) finish(toError(err));
    },
  );
}

/** `emit` with a final `(err, responses)` callback, as a promise of the responses. */
export function emitWithAckPromise<T>(
  emit: (ev: string, ...args: unknown[]) => unknown,
  ev: string,
  args: readonly unknown[],
): Promise<T> {
  return new Promise((resolve, reject) => {
    const ack: BroadcastAckCallback = (err, responses) =>
      err ? reject(err) : resolve(responses as T);
    emit(ev, ...args, ack);
  });
}
