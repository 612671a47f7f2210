/**
 * Event contracts: one definition of the events, with Standard Schema schemas, for the types
 * and the run-time validation of both sides. The server and the client re-export it.
 */
export { type ArgsCheck, checkArgs, eventTable, MAX_ISSUES } from "./check-args.js";
export { ContractViolationError } from "./contract-error.js";
export { defineEvents, isEventsContract } from "./define-events.js";
export type {
  ClientContract,
  ClientEmitEvents,
  ClientListenEvents,
  ContractDirections,
  ContractIssue,
  ContractSides,
  EventContract,
  EventContracts,
  EventsContract,
  InvalidArgumentsAnswer,
  ReceivedEvents,
  SentEvents,
  ServerContract,
  ServerEmitEvents,
  ServerListenEvents,
  StandardSchemaV1,
} from "./types.js";
