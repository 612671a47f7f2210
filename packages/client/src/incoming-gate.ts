/**
 * Holds a socket's incoming events while they are checked against its contract (development),
 * so that listeners see them in arrival order, also behind an async schema. Only a socket with
 * a contract and `validateIncoming` has one; sync schemas deliver at once. An event that does
 * not match is refused here: reported (`onError`, source "contract"), its ack answered with the
 * issues, never delivered.
 *
 * The check is imported statically: a dynamic `import()` would keep it out of the main chunk,
 * but makes Vite add its preload helper (~2.3 KB) to every app, contract or not.
 */
import {
  type ContractDirections,
  type ContractIssue,
  ContractViolationError,
  PacketType,
} from "@volley/protocol";
import { createIncomingCheck, type IncomingCheck } from "./incoming-check.js";
import type { SocketHost } from "./socket-host.js";

/** An event's `[name, ...args]` and the server's ack id. */
type Held = [args: unknown[], ackId: number | undefined];

/** Delivers a checked event to the socket's listeners. */
export type Deliver = (args: unknown[], ackId: number | undefined) => void;

export class IncomingGate {
  readonly #queue: Held[] = [];
  readonly #check: IncomingCheck;
  #busy = false;

  constructor(
    contract: ContractDirections,
    private readonly io: Pick<SocketHost, "packet" | "report">,
    private readonly nsp: string,
    private readonly deliver: Deliver,
  ) {
    this.#check = createIncomingCheck(contract);
  }

  /** An event arrived. */
  push(args: unknown[], ackId: number | undefined): void {
    this.#queue.push([args, ackId]);
    this.#drain();
  }

  #drain(): void {
    const check = this.#check;
    if (this.#busy) return;
    for (let held = this.#queue.shift(); held !== undefined; held = this.#queue.shift()) {
      const [args, ackId] = held;
      const verdict = check(args, ackId);
      if (verdict instanceof Promise) {
        this.#busy = true;
        verdict.then((settled) => {
          this.#busy = false;
          this.#settle(settled, args, ackId);
          this.#drain();
        });
        return;
      }
      this.#settle(verdict, args, ackId);
    }
  }

  #settle(verdict: true | ContractIssue[], args: unknown[], ackId: number | undefined): void {
    if (verdict === true) this.deliver(args, ackId);
    else this.#refuse(args, ackId, verdict);
  }

  /** A server event that does not match the contract: reported, answered, never delivered. */
  #refuse(args: unknown[], ackId: number | undefined, issues: ContractIssue[]): void {
    const event = String(args[0]);
    const nsp = this.nsp;
    if (ackId !== undefined) {
      const data = [{ error: "invalid_arguments", issues }];
      this.io.packet({ type: PacketType.ACK, nsp, id: ackId, data });
    }
    const error = new ContractViolationError("INVALID_INCOMING_EVENT", event, issues);
    this.io.report(error, { source: "contract", event, nsp });
  }
}
