/**
 * The development checks of every client option: what `io()`, `new Manager()`,
 * `manager.socket()` and the Manager's setters accept. A wrong one throws an
 * `InvalidOptionError` naming the option, the value, what was expected and, for a typo, the
 * closest valid name. `options.ts` calls these only when `process.env.NODE_ENV` is not
 * "production", so a production build leaves this file (and the suggestion code) out.
 */
import { check, isEventsContract, type OptionCheck, resolveOptions } from "@volley/protocol";
import { TRANSPORT_NAMES } from "./transport-names.js";

type Table = Record<string, OptionCheck>;

let tables: { all: Table; socket: Table } | undefined;

/**
 * One check per option (a test compares its keys with `DEFAULTS`'). Built on first use: a
 * module-level table would be kept by bundlers (its calls may have effects).
 */
export function optionChecks(): { all: Table; socket: Table } {
  if (tables) return tables;
  const never: OptionCheck = { test: (v) => v === false, expected: "false" };
  const milliseconds = check.number(0);
  const socket: Table = {
    auth: check.either(check.object, check.func),
    retries: check.number(0),
    ackTimeout: milliseconds,
    maxSendBuffer: check.number(0),
    events: { test: isEventsContract, expected: "a contract from defineEvents()" },
    validateIncoming: check.boolean,
  };
  const all: Table = {
    path: check.string,
    transports: check.listOf(TRANSPORT_NAMES),
    tryAllTransports: check.boolean,
    upgrade: check.boolean,
    rememberUpgrade: check.boolean,
    withCredentials: check.boolean,
    extraHeaders: check.object,
    query: check.object,
    timeout: check.either(milliseconds, never),
    reconnection: check.boolean,
    reconnectionAttempts: check.number(0),
    reconnectionDelay: milliseconds,
    reconnectionDelayMax: milliseconds,
    randomizationFactor: check.number(0, 1),
    autoConnect: check.boolean,
    parser: check.parser,
    autoUnref: check.boolean,
    closeOnBeforeunload: check.boolean,
    useNativeTimers: check.boolean,
    onError: check.func,
    logger: check.func,
    ...socket,
    forceNew: check.boolean,
    multiplex: check.boolean,
  };
  tables = { all, socket };
  return tables;
}

/** @throws {InvalidOptionError} an unknown option (with the closest name), a wrong type */
export function checkClientOptions(input: object | undefined, where: string): void {
  resolveOptions(optionChecks().all, {}, input, where);
}

/** @throws {InvalidOptionError} a wrong type or range */
export function checkOneOption(name: string, value: unknown, where: string): void {
  resolveOptions({ [name]: optionChecks().all[name]! }, {}, { [name]: value }, where);
}

/** @throws {InvalidOptionError} an unknown or mistyped socket option */
export function checkSocketOptions(input: object | undefined, where: string): void {
  resolveOptions({ ...optionChecks().socket, autoConnect: check.boolean }, {}, input, where);
}
