/**
 * Where a socket gets its incoming-event gate (the contract check behind `validateIncoming`).
 * Development builds always have it; a production build (`process.env.NODE_ENV` replaced by
 * "production") leaves the check code out unless the app imports
 * `@volley/client/validate-incoming`, which registers it, so apps that never validate in
 * production do not carry it.
 */
import { type ContractDirections, InvalidOptionError } from "@volley/protocol";
import { type Deliver, IncomingGate } from "./incoming-gate.js";
import type { SocketHost } from "./socket-host.js";

/** Builds the gate of one socket. */
export type GateFactory = (
  contract: ContractDirections,
  io: Pick<SocketHost, "packet" | "report">,
  nsp: string,
  deliver: Deliver,
) => IncomingGate;

let registered: GateFactory | undefined;

/** What `@volley/client/validate-incoming` calls. */
export function registerIncomingGate(): void {
  registered = (contract, io, nsp, deliver) => new IncomingGate(contract, io, nsp, deliver);
}

/**
 * The gate factory a socket with these options needs: none without `events` or with
 * `validateIncoming: false` (its default in production).
 * @throws {InvalidOptionError} `validateIncoming: true` in a production build without
 * `@volley/client/validate-incoming`
 */
export function gateFactoryFor(options: {
  events?: ContractDirections | undefined;
  validateIncoming?: boolean | undefined;
}): GateFactory | undefined {
  if (options.events === undefined) return undefined;
  let factory = registered;
  let development = false;
  try {
    // replaced by bundlers: a production build drops this branch and the gate with it
    if (process.env.NODE_ENV !== "production") {
      development = true;
      factory = (contract, io, nsp, deliver) => new IncomingGate(contract, io, nsp, deliver);
    }
  } catch (error) {
    // no bundler and no `process` (a browser): production
    if (!(error instanceof ReferenceError)) throw error;
  }
  if (!(options.validateIncoming ?? development)) return undefined;
  if (factory === undefined) {
    throw new InvalidOptionError(
      "validateIncoming",
      true,
      'false in production builds, unless the app imports "@volley/client/validate-incoming"',
      "io()",
    );
  }
  return factory;
}
