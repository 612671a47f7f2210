/**
 * Runs an event's argument schemas, shared by the server (input and development checks of
 * output) and the client (development checks of input). Synchronous schemas take a synchronous
 * path with no promise and no closure; the first schema that answers with a promise switches
 * the rest of the check to async, still in argument order. Issues name where (argument index,
 * then keys) and what the schema said, never the value.
 */
import type { StandardSchemaV1 } from "./standard-schema.js";
import type { ContractIssue, EventContract, EventContracts } from "./types.js";

/** At most this many issues are reported per event (a huge bad object gives a short answer). */
export const MAX_ISSUES = 20;
/** Issue messages are cut to this many characters. */
const MAX_MESSAGE = 200;

/** `undefined` when the arguments are valid (and were replaced by the schemas' output). */
export type ArgsCheck = ContractIssue[] | undefined;

/**
 * The events of one direction in a Map, so that a name like `__proto__` or `constructor` is
 * just an unknown event, never an inherited property.
 */
export function eventTable(events: EventContracts): Map<string, EventContract> {
  return new Map(Object.entries(events));
}

/**
 * Validates `args[from…]` against `schemas`, replacing each argument in place with the
 * schema's output (transforms and defaults applied). Missing arguments are validated as
 * `undefined`; more arguments than schemas is an issue.
 */
export function checkArgs(
  schemas: readonly StandardSchemaV1[],
  args: unknown[],
  from: number,
): ArgsCheck | Promise<ArgsCheck> {
  const count = args.length - from;
  if (count > schemas.length) {
    return [
      {
        path: [schemas.length],
        message: `Expected at most ${schemas.length} argument(s), received ${count}`,
      },
    ];
  }
  let issues: ContractIssue[] | undefined;
  for (let i = 0; i < schemas.length; i++) {
    const result = validate(schemas[i]!, args[from + i]);
    if (result instanceof Promise) return checkRest(schemas, args, from, i, result, issues);
    issues = apply(result, args, from, i, issues);
  }
  return issues;
}

/** The async remainder of checkArgs, from argument `i` whose result is pending. */
async function checkRest(
  schemas: readonly StandardSchemaV1[],
  args: unknown[],
  from: number,
  first: number,
  pending: Promise<StandardSchemaV1.Result<unknown>>,
  issues: ContractIssue[] | undefined,
): Promise<ArgsCheck> {
  issues = apply(await settle(pending), args, from, first, issues);
  for (let i = first + 1; i < schemas.length; i++) {
    const result = validate(schemas[i]!, args[from + i]);
    issues = apply(
      result instanceof Promise ? await settle(result) : result,
      args,
      from,
      i,
      issues,
    );
  }
  return issues;
}

const THREW: StandardSchemaV1.FailureResult = { issues: [{ message: "Validation failed" }] };

/** A schema that throws fails the value rather than the caller. */
function validate(
  schema: StandardSchemaV1,
  value: unknown,
): StandardSchemaV1.Result<unknown> | Promise<StandardSchemaV1.Result<unknown>> {
  try {
    return schema["~standard"].validate(value);
  } catch {
    return THREW;
  }
}

function settle(
  pending: Promise<StandardSchemaV1.Result<unknown>>,
): Promise<StandardSchemaV1.Result<unknown>> {
  return pending.catch(() => THREW);
}

function apply(
  result: StandardSchemaV1.Result<unknown>,
  args: unknown[],
  from: number,
  index: number,
  issues: ContractIssue[] | undefined,
): ContractIssue[] | undefined {
  if (result.issues === undefined) {
    // a valid trailing `undefined` that was never sent stays unsent (no new argument appears)
    if (from + index < args.length || result.value !== undefined) args[from + index] = result.value;
    return issues;
  }
  issues ??= [];
  for (const issue of result.issues) {
    if (issues.length >= MAX_ISSUES) break;
    issues.push({ path: [index, ...pathOf(issue.path)], message: messageOf(issue.message) });
  }
  return issues;
}

function pathOf(path: StandardSchemaV1.Issue["path"]): (string | number)[] {
  if (path === undefined) return [];
  return path.map((segment) => {
    const key = typeof segment === "object" && segment !== null ? segment.key : segment;
    return typeof key === "number" ? key : String(key);
  });
}

function messageOf(message: unknown): string {
  const text = typeof message === "string" ? message : "Invalid value";
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
