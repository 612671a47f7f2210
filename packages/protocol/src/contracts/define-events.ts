/**
 * `defineEvents`: the one place an app declares its events, for both sides. It checks the shape
 * once (so a typo fails at start-up, not on the first packet) and returns the contract as given,
 * typed so that the Server and the client infer their event maps from it.
 */
import { VolleyError } from "../vocabulary/errors.js";
import type { EventContract, EventContracts, EventsContract } from "./types.js";

/**
 * Declares the events of both directions with Standard Schema schemas (zod, valibot, arktype…).
 * Pass the result to `new Server(http, { events })` and `io(url, { events })`.
 * @throws {VolleyError} code `INVALID_CONTRACT` when an event is not `{ args: [schemas], ack? }`
 * @example
 * import { z } from "zod";
 * export const events = defineEvents({
 *   clientToServer: {
 *     chat: { args: [z.string().min(1).max(500)], ack: z.object({ ok: z.boolean() }) },
 *   },
 *   serverToClient: {
 *     chat: { args: [z.object({ from: z.string(), text: z.string() })] },
 *   },
 * });
 */
export function defineEvents<
  const ClientToServer extends EventContracts = Record<never, never>,
  const ServerToClient extends EventContracts = Record<never, never>,
>(contract: {
  clientToServer?: ClientToServer;
  serverToClient?: ServerToClient;
}): EventsContract<ClientToServer, ServerToClient> {
  const clientToServer = checkDirection(contract.clientToServer, "clientToServer");
  const serverToClient = checkDirection(contract.serverToClient, "serverToClient");
  return { clientToServer, serverToClient } as EventsContract<ClientToServer, ServerToClient>;
}

/** Whether a value looks like a contract (for the `events` option checks). */
export function isEventsContract(value: unknown): value is EventsContract {
  if (typeof value !== "object" || value === null) return false;
  const { clientToServer, serverToClient } = value as Partial<EventsContract>;
  return (
    typeof clientToServer === "object" &&
    clientToServer !== null &&
    typeof serverToClient === "object" &&
    serverToClient !== null
  );
}

function checkDirection(events: unknown, where: string): EventContracts {
  if (events === undefined) return {};
  if (typeof events !== "object" || events === null || Array.isArray(events)) {
    throw invalid(`${where} must be an object of events`);
  }
  for (const [name, event] of Object.entries(events)) checkEvent(event, `${where}.${name}`);
  return events as EventContracts;
}

function checkEvent(event: unknown, where: string): void {
  const { args, ack } = (event ?? {}) as Partial<EventContract>;
  if (!Array.isArray(args)) throw invalid(`${where}.args must be an array of schemas`);
  args.forEach((schema, i) => {
    if (!isSchema(schema)) throw invalid(`${where}.args[${i}] is not a Standard Schema`);
  });
  if (ack !== undefined && !isSchema(ack)) throw invalid(`${where}.ack is not a Standard Schema`);
}

function isSchema(value: unknown): boolean {
  const standard = (value as { "~standard"?: { validate?: unknown } } | null)?.["~standard"];
  return typeof standard?.validate === "function";
}

function invalid(message: string): VolleyError {
  return new VolleyError("INVALID_CONTRACT", `defineEvents: ${message}`);
}
