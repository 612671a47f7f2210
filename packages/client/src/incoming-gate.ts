/**
 * Holds a socket's incoming events while they are checked against its contract (development),
 * so that listeners see them in arrival order, also behind an async schema. Only a socket with
 * a contract and `validateIncoming` has one; sync schemas deliver at once.
 *
 * The check is imported statically: a dynamic `import()` would keep it out of the main chunk,
 * but makes Vite add its preload helper (~2.3 KB) to every app, contract or not.
 */
import type { ContractDirections, ContractIssue } from "@volley/protocol";
import { createIncomingCheck, type IncomingCheck } from "./incoming-check.js";

/** An event's `[name, ...args]` and the server's ack id. */
type Held = [args: unknown[], ackId: number | undefined];

/** What the gate does with a checked event. */
export interface GateActions {
  deliver(args: unknown[], ackId: number | undefined): void;
  refuse(args: unknown[], ackId: number | undefined, issues: ContractIssue[]): void;
}

export class IncomingGate {
  readonly #queue: Held[] = [];
  readonly #actions: GateActions;
  readonly #check: IncomingCheck;
  #busy = false;

  constructor(contract: ContractDirections, actions: GateActions) {
    this.#actions = actions;
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
    if (verdict === true) this.#actions.deliver(args, ackId);
    else this.#actions.refuse(args, ackId, verdict);
  }
}
