/**
 * The development check of server events against a contract's `serverToClient`: which events
 * are declared, their schemas run in place, the ack put in its declared place.
 */
import {
  type ContractDirections,
  type ContractIssue,
  checkArgs,
  eventTable,
} from "@volley/protocol";

/**
 * Checks `[event, ...args]` (the server's ack id aside) in place: `true` to deliver (the
 * arguments hold the schemas' output), the issues to refuse, or a promise of either.
 */
export type IncomingCheck = (
  args: unknown[],
  ackId: number | undefined,
) => true | ContractIssue[] | Promise<true | ContractIssue[]>;

/** Given to a listener typed with an ack when the server asked for none. */
function ignoreAnswer(): void {}

/** Builds the check of one contract (events the contract does not declare pass unchecked). */
export function createIncomingCheck(contract: ContractDirections): IncomingCheck {
  const events = eventTable(contract.serverToClient);
  return (args, ackId) => {
    const event = events.get(String(args[0]));
    if (event === undefined) return true;
    const result = checkArgs(event.args, args, 1);
    const accept = (issues: ContractIssue[] | undefined): true | ContractIssue[] => {
      if (issues !== undefined) return issues;
      if (ackId === undefined && event.ack === undefined) return true;
      // the ack goes in its declared place; one the server did not ask for is a no-op
      while (args.length < 1 + event.args.length) args.push(undefined);
      if (ackId === undefined) args.push(ignoreAnswer);
      return true;
    };
    return result instanceof Promise ? result.then(accept) : accept(result);
  };
}
