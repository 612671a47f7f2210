/**
 * The error a development check throws (or reports, for async schemas) when this side is about
 * to send, or has received, an event that does not match the contract.
 */
import { VolleyError } from "../vocabulary/errors.js";
import type { ContractIssue } from "./types.js";

/**
 * An event that does not match its contract (code `INVALID_OUTGOING_EVENT` for what this side
 * sends; the client's incoming checks use the same class with code `INVALID_INCOMING_EVENT`).
 * @example
 * try { socket.emit("chat", 42); } catch (err) {
 *   if (err instanceof ContractViolationError) console.log(err.event, err.issues);
 * }
 */
export class ContractViolationError extends VolleyError {
  constructor(
    code: "INVALID_OUTGOING_EVENT" | "INVALID_INCOMING_EVENT",
    /** The event name. */
    readonly event: string,
    /** Where and what (never the value). */
    readonly issues: readonly ContractIssue[],
  ) {
    const first = issues[0];
    const where = first ? ` at [${first.path.join(", ")}]: ${first.message}` : "";
    super(code, `event "${event}" does not match its contract${where}`);
    this.name = "ContractViolationError";
  }
}
