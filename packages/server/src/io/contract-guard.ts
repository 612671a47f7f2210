/**
 * The server side of event contracts: checks what clients send before any listener, catch-all
 * listener or packet middleware sees it, and (in development) what the server sends. Built once
 * per server from the `events` option; a server without a contract has none, and its sockets
 * pay one `undefined` check per event.
 *
 * Invalid input never reaches a handler: an acknowledged event is answered with
 * `{ error: "invalid_arguments" | "unknown_event", issues }` (where and what, never the value),
 * and `io.on("invalid_event")` is told.
 */
import {
  type ArgsCheck,
  type ContractDirections,
  type ContractIssue,
  ContractViolationError,
  checkArgs,
  type EventContract,
  eventTable,
  type InvalidArgumentsAnswer,
  type Packet,
} from "@volley/protocol";

/** What a guard needs of the socket whose event it checks. */
export interface GuardedSocket {
  /** Answers the client's acknowledgement request `id`. */
  answer(id: number, args: unknown[]): void;
  /** Tells the app about a refused event (`io.on("invalid_event")`). */
  refused(event: string, answer: InvalidArgumentsAnswer): void;
}

/** Given to the handler of an acknowledged event when the client did not ask for an ack. */
function ignoreAnswer(): void {}

/** The checks of one server's contract. */
export class ContractGuard {
  private readonly incoming: Map<string, EventContract>;
  /** serverToClient events, when outgoing checks are on. */
  private readonly outgoing: Map<string, EventContract> | undefined;
  /** serverToClient events whose ack schema says what the client answers (input: always checked). */
  private readonly answers: Map<string, EventContract>;
  private readonly rejectUnknown: boolean;

  constructor(contract: ContractDirections, rejectUnknown: boolean, validateOutgoing: boolean) {
    this.incoming = eventTable(contract.clientToServer);
    this.outgoing = validateOutgoing ? eventTable(contract.serverToClient) : undefined;
    this.answers = new Map(
      [...eventTable(contract.serverToClient)].filter(([, event]) => event.ack !== undefined),
    );
    this.rejectUnknown = rejectUnknown;
  }

  /**
   * Checks an incoming event packet (`data` is `[name, ...args]`, no ack callback yet). True:
   * deliver it (its arguments now hold the schemas' output). False: it was refused (answered
   * and reported). A promise: an async schema is running; it settles to one of those.
   */
  check(packet: Packet, socket: GuardedSocket): boolean | Promise<boolean> {
    const args = packet.data as [string, ...unknown[]];
    const event = this.incoming.get(args[0]);
    if (event === undefined) {
      if (!this.rejectUnknown) return true;
      return refuse(packet, socket, "unknown_event", [{ path: [], message: "Unknown event" }]);
    }
    const result = checkArgs(event.args, args, 1);
    if (result === undefined) return accept(packet, event);
    if (result instanceof Promise) {
      return result.then((issues) => decide(packet, socket, event, issues));
    }
    return refuse(packet, socket, "invalid_arguments", result);
  }

  /**
   * Development check of an outgoing event (`data` is `[name, ...args]`, an ack callback
   * already removed). A sync mismatch throws where the emit happened; an async schema's
   * mismatch is handed to `report` (it cannot throw into the emit any more).
   * @throws {ContractViolationError} code INVALID_OUTGOING_EVENT
   */
  checkOutgoing(data: readonly unknown[], report: (err: unknown) => void): void {
    const outgoing = this.outgoing;
    if (outgoing === undefined) return;
    const name = data[0] as string;
    const event = outgoing.get(name);
    if (event === undefined) return;
    // a copy: the check replaces arguments with the schemas' output, the wire gets what was given
    const result = checkArgs(event.args, data.slice(), 1);
    if (result === undefined) return;
    if (result instanceof Promise) {
      result.then((issues) => {
        if (issues) report(new ContractViolationError("INVALID_OUTGOING_EVENT", name, issues));
      }, report);
      return;
    }
    throw new ContractViolationError("INVALID_OUTGOING_EVENT", name, result);
  }

  /**
   * Wraps the ack callback of an emit whose event declares what the client answers: the answer
   * is checked (it is input) and handed over as the schema's output. A refused answer is
   * reported (as the event `<name> (ack)`) and, for `(err, …)` callbacks (`timeout()`), handed over as a
   * ContractViolationError (code INVALID_INCOMING_EVENT); a plain callback is not called.
   * Returns `fn` itself for other events (no closure).
   */
  guardAnswer(
    name: string,
    fn: (...args: unknown[]) => unknown,
    withError: boolean,
    socket: GuardedSocket,
  ): (...args: unknown[]) => unknown {
    const ack = this.answers.get(name)?.ack;
    if (ack === undefined) return fn;
    const schemas = [ack];
    return (...args: unknown[]) => {
      if (withError && args[0]) return fn(...args); // a timeout or a disconnect
      const answer = withError ? args.slice(1) : args;
      const deliver = (issues: ContractIssue[] | undefined): unknown => {
        if (issues === undefined) return withError ? fn(null, ...answer) : fn(...answer);
        socket.refused(`${name} (ack)`, { error: "invalid_arguments", issues });
        if (withError) fn(new ContractViolationError("INVALID_INCOMING_EVENT", name, issues));
        return undefined;
      };
      const result = checkArgs(schemas, answer, 0);
      return result instanceof Promise ? result.then(deliver) : deliver(result);
    };
  }

  /**
   * Development check of the server's answer to a client's acked event, against that event's
   * `ack` schema (what the server answers). A sync mismatch throws from `ack(…)`, inside the
   * handler that called it (so `io.on("error")` gets it and nothing is sent).
   * @throws {ContractViolationError} code INVALID_OUTGOING_EVENT, event `<name> (ack)`
   */
  checkAnswer(name: unknown, answer: readonly unknown[], report: (err: unknown) => void): void {
    if (this.outgoing === undefined || typeof name !== "string") return;
    const ack = this.incoming.get(name)?.ack;
    if (ack === undefined) return;
    const result = checkArgs([ack], answer.slice(), 0);
    if (result === undefined) return;
    const event = `${name} (ack)`;
    if (result instanceof Promise) {
      result.then((issues) => {
        if (issues) report(new ContractViolationError("INVALID_OUTGOING_EVENT", event, issues));
      }, report);
      return;
    }
    throw new ContractViolationError("INVALID_OUTGOING_EVENT", event, result);
  }

  /** Whether outgoing events are checked (development). */
  get checksOutgoing(): boolean {
    return this.outgoing !== undefined;
  }
}

function decide(
  packet: Packet,
  socket: GuardedSocket,
  event: EventContract,
  issues: ArgsCheck,
): boolean {
  return issues === undefined
    ? accept(packet, event)
    : refuse(packet, socket, "invalid_arguments", issues);
}

/**
 * A valid event: when its listener takes an ack, the ack goes in its place (after every
 * declared argument, missing ones as `undefined`), and one that the client did not ask for is
 * a no-op, so a handler typed `(text, ack)` always gets a function.
 */
function accept(packet: Packet, event: EventContract): true {
  if (packet.id === undefined && event.ack === undefined) return true;
  const args = packet.data as unknown[];
  const wanted = 1 + event.args.length;
  while (args.length < wanted) args.push(undefined);
  if (packet.id === undefined) args.push(ignoreAnswer);
  return true;
}

function refuse(
  packet: Packet,
  socket: GuardedSocket,
  error: InvalidArgumentsAnswer["error"],
  issues: ContractIssue[],
): false {
  const answer: InvalidArgumentsAnswer = { error, issues };
  if (packet.id !== undefined) socket.answer(packet.id, [answer]);
  socket.refused(String((packet.data as unknown[])[0]), answer);
  return false;
}
