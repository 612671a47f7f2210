/**
 * Server options: Socket.IO's names and defaults, so a Socket.IO configuration ports unchanged.
 * Every io option is declared once here (its check in IO_OPTION_CHECKS, its default in
 * DEFAULTS); `resolveServerOptions` validates them and hands the rest to the engine. The
 * constructor, `attach` and `listen` all resolve through it, and the adapter, the recovery
 * store and the engine are built from what it returns.
 */
import type { IncomingMessage } from "node:http";
import {
  type ContractDirections,
  check,
  defaultParser,
  encoderOf,
  isEventsContract,
  type OptionChecks,
  type PacketEncode,
  type Parser,
  resolveOptions,
  type ServerContract,
} from "@volley/protocol";
import { type AllowRequest, ENGINE_OPTION_CHECKS, type EngineOptions } from "../engine/index.js";
import { type Logger, type ScopedLog, scopedLog } from "../logger.js";
import type { AdapterFactory } from "./adapter.js";
import type { ConnectionStateRecoveryOptions } from "./adapter-types.js";
import { ContractGuard } from "./contract-guard.js";
import {
  LIMITS_CHECK,
  type LimitsOptions,
  type ResolvedLimits,
  resolveLimits,
} from "./limits/options.js";

/** Socket.IO's `allowRequest`: call back `(err, success)`; `err` (a string) is the message. */
export type AllowRequestCallback = (
  req: IncomingMessage,
  fn: (err: string | null | undefined, success: boolean) => void,
) => void;

/** The io layer's own options (the `ServerOptions` that are not the engine's). */
export interface IoOwnOptions {
  /** Socket.IO's callback form or the engine's `(req) => boolean | string | Promise<…>` form. */
  allowRequest: AllowRequestCallback | AllowRequest | undefined;
  /** Ms a session may stay without joining any namespace before it is closed. Default 45000. */
  connectTimeout: number;
  /** Connection state recovery; off unless given (`{}` turns it on with the defaults). */
  connectionStateRecovery: Partial<ConnectionStateRecoveryOptions> | undefined;
  /** The adapter of every namespace (a factory or a class). Default: InMemoryAdapter. */
  adapter: AdapterFactory | undefined;
  /** Remove a dynamic child namespace once its last socket leaves. Default false. */
  cleanupEmptyChildNamespaces: boolean;
  /**
   * Budget, in bytes, for one connection's binary packet being assembled (its text part plus
   * every attachment received so far, the last one included). A client that announces
   * attachments and delivers them slowly holds server memory until they complete; past this
   * budget the connection is closed ("parse error", described as a pending-binary overflow).
   * Default: `maxHttpBufferSize`.
   */
  maxPendingBinaryBytes: number | undefined;
  /**
   * Flood control: events and bytes per second per connection, pending acks, rooms per
   * socket, namespaces tried, new sessions per address, app rules (per user, across nodes).
   * On with generous defaults (see DEFAULT_LIMITS); `false` turns every limit off.
   */
  limits: LimitsOptions | false | undefined;
  /**
   * The packet parser, in socket.io's `{ Encoder, Decoder }` shape (`@volley/msgpack-parser`,
   * `socket.io-msgpack-parser`, …). Every client must use the same one. Default: the built-in
   * Socket.IO v5 text codec.
   */
  parser: Parser | undefined;
  /**
   * Receives the io layer's debug lines (`volley:io`: refused connections, invalid namespaces,
   * parse errors, disconnect reasons, recovery hits and misses). Default: the `debug` package,
   * on with `DEBUG=volley:*`; nothing is formatted when neither is on.
   */
  logger: Logger | undefined;
  /**
   * The event contract (`defineEvents({ clientToServer, serverToClient })`): every incoming
   * event of a declared name is validated before any listener, catch-all listener or packet
   * middleware; listeners receive the schemas' output. Applies to every namespace. Default: none.
   */
  events: ContractDirections | undefined;
  /**
   * With a contract, refuse events it does not declare (answered `{ error: "unknown_event" }`
   * and reported to `io.on("invalid_event")`). Default false: undeclared events pass unchecked.
   */
  rejectUnknownEvents: boolean;
  /**
   * With a contract, check what the server emits against `serverToClient` (a mismatch throws a
   * ContractViolationError from `emit`). Default: on unless `NODE_ENV` is "production".
   */
  validateOutgoing: boolean;
}

/**
 * Every option of `new Server(…, options)`: the engine's (path, pingInterval, pingTimeout,
 * upgradeTimeout, maxHttpBufferSize, transports, allowUpgrades, perMessageDeflate, cors, cookie,
 * …; see the engine's options) plus the io layer's.
 */
export interface ServerOptions
  extends Omit<EngineOptions, "allowRequest" | "logger">,
    Omit<
      IoOwnOptions,
      | "connectionStateRecovery"
      | "adapter"
      | "logger"
      | "maxPendingBinaryBytes"
      | "limits"
      | "parser"
      | "events"
      | "validateOutgoing"
    > {
  /** See IoOwnOptions.limits. Default: every limit on with its default; `false`: all off. */
  limits?: LimitsOptions | false | undefined;
  /** See IoOwnOptions.parser. Default: the built-in Socket.IO v5 text codec. */
  parser?: Parser | undefined;
  /** The event contract from `defineEvents` (see IoOwnOptions.events). */
  events?: ContractDirections | undefined;
  /** See IoOwnOptions.validateOutgoing. Default: on unless `NODE_ENV` is "production". */
  validateOutgoing?: boolean | undefined;
  /** See IoOwnOptions.maxPendingBinaryBytes. Default: `maxHttpBufferSize`. */
  maxPendingBinaryBytes?: number | undefined;
  /** Connection state recovery; off unless given (`{}` turns it on with the defaults). */
  connectionStateRecovery?: Partial<ConnectionStateRecoveryOptions> | undefined;
  /** The adapter of every namespace (a factory or a class). Default: InMemoryAdapter. */
  adapter?: AdapterFactory | undefined;
  /** See IoOwnOptions.logger. */
  logger?: Logger | undefined;
}

/**
 * The options of `new Server()` with the contract's inferred types: given `events` from
 * `defineEvents`, the Server takes its `ListenEvents` and `EmitEvents` from it.
 */
export type TypedServerOptions<ListenEvents, EmitEvents> = Partial<ServerOptions> & {
  events?: ServerContract<ListenEvents, EmitEvents> | undefined;
};

/** io-layer defaults (engine defaults are Socket.IO's as well and live in the engine). */
export const DEFAULTS = {
  connectTimeout: 45_000,
  cleanupEmptyChildNamespaces: false,
  rejectUnknownEvents: false,
  connectionStateRecovery: {
    maxDisconnectionDuration: 2 * 60 * 1000,
    skipMiddlewares: true,
    maxPackets: 10_000,
  } satisfies ConnectionStateRecoveryOptions,
} as const;

/** The checks of every io option (the engine has its own map; see resolveServerOptions). */
export const IO_OPTION_CHECKS: OptionChecks<IoOwnOptions> = {
  allowRequest: check.func,
  connectTimeout: check.number(0),
  connectionStateRecovery: check.object,
  adapter: check.func,
  cleanupEmptyChildNamespaces: check.boolean,
  maxPendingBinaryBytes: check.number(1),
  limits: LIMITS_CHECK,
  parser: check.parser,
  logger: check.func,
  events: { test: isEventsContract, expected: "a contract from defineEvents()" },
  rejectUnknownEvents: check.boolean,
  validateOutgoing: check.boolean,
};

const RECOVERY_CHECKS: OptionChecks<ConnectionStateRecoveryOptions> = {
  maxDisconnectionDuration: check.number(0),
  skipMiddlewares: check.boolean,
  maxPackets: check.number(1),
};

/** Every option of `new Server()`: the engine's and the io layer's, declared once each. */
const SERVER_OPTION_CHECKS: OptionChecks<ServerOptions> = {
  ...ENGINE_OPTION_CHECKS,
  ...IO_OPTION_CHECKS,
};

/** io-layer options after validation and defaults. */
export interface IoOptions {
  connectTimeout: number;
  /** Set when recovery is on, with every default applied. */
  connectionStateRecovery: ConnectionStateRecoveryOptions | undefined;
  adapter: AdapterFactory | undefined;
  cleanupEmptyChildNamespaces: boolean;
  /** Pending-binary budget per connection; `undefined`: the engine's `maxHttpBufferSize`. */
  maxPendingBinaryBytes: number | undefined;
  /** The `volley:io` log (from `logger` or `DEBUG`), undefined when off. */
  log: ScopedLog | undefined;
  /** The limits, resolved; `undefined` when `limits: false`. */
  limits: ResolvedLimits | undefined;
  /** The `parser` option; undefined for the built-in codec (its fast paths are used then). */
  parser: Parser | undefined;
  /** How packets are encoded: the parser's one Encoder, else the built-in `encodePacket`. */
  encode: PacketEncode;
  /** The checks of the `events` contract; undefined without one. */
  contract: ContractGuard | undefined;
}

/**
 * Validates the io options of `input` (a wrong type throws InvalidOptionError naming the option,
 * the value and what was expected) and applies their defaults; every other key is returned
 * for the engine, which validates its own. `where` names the call in messages ("new Server()").
 * @throws {InvalidOptionError}
 */
export function resolveServerOptions(
  input: Partial<ServerOptions> | undefined,
  where: string,
): { io: IoOptions; engine: Partial<EngineOptions> } {
  // one pass over every key: an unknown one (in neither layer) is refused with the closest
  // name of either layer, a wrong type with the option's own words
  resolveOptions(SERVER_OPTION_CHECKS, {}, input, where);
  const ioInput: Record<string, unknown> = {};
  const engineInput: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (Object.hasOwn(IO_OPTION_CHECKS, key)) ioInput[key] = value;
    else engineInput[key] = value;
  }
  const own = resolveOptions(IO_OPTION_CHECKS, {}, ioInput, where);
  // both layers log through the same sink
  if (own.logger !== undefined) engineInput.logger = own.logger;
  const recovery =
    own.connectionStateRecovery === undefined
      ? undefined
      : resolveOptions(
          RECOVERY_CHECKS,
          DEFAULTS.connectionStateRecovery,
          own.connectionStateRecovery,
          `${where} connectionStateRecovery`,
        );
  const io: IoOptions = {
    connectTimeout: own.connectTimeout ?? DEFAULTS.connectTimeout,
    connectionStateRecovery: recovery,
    adapter: own.adapter,
    cleanupEmptyChildNamespaces:
      own.cleanupEmptyChildNamespaces ?? DEFAULTS.cleanupEmptyChildNamespaces,
    maxPendingBinaryBytes: own.maxPendingBinaryBytes,
    log: scopedLog("volley:io", own.logger),
    limits: resolveLimits(own.limits, where),
    parser: parserOf(own.parser),
    encode: encoderOf(parserOf(own.parser)),
    contract:
      own.events === undefined
        ? undefined
        : new ContractGuard(
            own.events,
            own.rejectUnknownEvents ?? DEFAULTS.rejectUnknownEvents,
            own.validateOutgoing ?? isDevelopment(),
          ),
  };
  const engine = engineInput as Partial<EngineOptions>;
  if (own.allowRequest) engine.allowRequest = toEngineAllowRequest(own.allowRequest);
  return { io, engine };
}

/** The custom parser of the options, undefined for the built-in one (given or not). */
function parserOf(parser: Parser | undefined): Parser | undefined {
  return parser === defaultParser ? undefined : parser;
}

/** Adapts Socket.IO's callback `allowRequest` to the engine's promise form. */
function toEngineAllowRequest(fn: AllowRequestCallback | AllowRequest): AllowRequest {
  if (fn.length < 2) return fn as AllowRequest;
  const callbackStyle = fn as AllowRequestCallback;
  return (req: IncomingMessage) =>
    new Promise<boolean | string>((resolve) => {
      callbackStyle(req, (err, success) => {
        if (success) resolve(true);
        else resolve(typeof err === "string" && err.length > 0 ? err : false);
      });
    });
}

/** `validateOutgoing`'s default: development unless NODE_ENV says production. */
function isDevelopment(): boolean {
  return process.env.NODE_ENV !== "production";
}
