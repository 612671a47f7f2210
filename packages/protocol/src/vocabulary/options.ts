/**
 * One way to declare and resolve options, for the server's engine and io layers and for the
 * client: each option is declared once (check, expected type, default), and `resolveOptions`
 * applies the defaults and refuses an unknown name, a wrong type or an unknown value with an
 * `InvalidOptionError` (a TypeError) that names the option, the value, what was expected and,
 * for a typo, the closest valid name. Hand-written rather than a schema library: it runs in
 * the browser bundle, where a few hundred bytes matter.
 */

/** How one option is checked. */
export interface OptionCheck {
  /** Whether `value` (never undefined) is acceptable. */
  test: (value: unknown) => boolean;
  /** What was expected, for the error message ("a number ≥ 0", `"polling" or "websocket"`). */
  expected: string;
  /** Valid values, when they are a closed list (used to suggest the closest one). */
  values?: readonly string[];
}

/** Declarations of every option of one API: name -> check. */
export type OptionChecks<T> = { readonly [K in keyof T]-?: OptionCheck };

/** An option has an unknown name, a wrong type or an unknown value. */
export class InvalidOptionError extends TypeError {
  readonly code = "INVALID_OPTION";
  constructor(
    /** The option's name (`transports[0]` for an array element). */
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
    where: string,
    suggestion?: string,
  ) {
    super(
      `${where}: option "${option}" ${describe(value)}, expected ${expected}` +
        (suggestion === undefined ? "" : ` (did you mean ${JSON.stringify(suggestion)}?)`),
    );
    this.name = "InvalidOptionError";
  }
}

function describe(value: unknown): string {
  if (value === null) return "is null";
  if (typeof value === "string") return `is the string ${JSON.stringify(value)}`;
  if (typeof value === "function") return "is a function";
  if (Array.isArray(value)) return "is an array";
  if (typeof value === "object") return "is an object";
  return `is the ${typeof value} ${String(value)}`;
}

/**
 * Checks `input` against `checks` and returns it merged over `defaults`. Keys whose value is
 * `undefined` count as absent. `where` names the API in messages (`new Server()`).
 * @throws {InvalidOptionError}
 */
export function resolveOptions<T extends object>(
  checks: OptionChecks<T>,
  defaults: Partial<T>,
  input: object | undefined,
  where: string,
): T {
  const resolved: Record<string, unknown> = { ...defaults };
  if (input !== undefined && (typeof input !== "object" || input === null)) {
    throw new InvalidOptionError("options", input, "an object", where);
  }
  for (const [name, value] of Object.entries(input ?? {})) {
    const check = (checks as Record<string, OptionCheck>)[name];
    if (!check) {
      const known = Object.keys(checks);
      throw new InvalidOptionError(
        name,
        value,
        `one of the known options`,
        where,
        closest(name, known),
      );
    }
    if (value === undefined) continue;
    if (!check.test(value)) {
      const bad = Array.isArray(value) ? value.findIndex((v) => !check.values?.includes(v)) : -1;
      if (bad !== -1 && check.values) {
        const element = value[bad];
        throw new InvalidOptionError(
          `${name}[${bad}]`,
          element,
          `one of ${check.values.map((v) => JSON.stringify(v)).join(", ")}`,
          where,
          typeof element === "string" ? closest(element, check.values) : undefined,
        );
      }
      const suggestion =
        typeof value === "string" && check.values ? closest(value, check.values) : undefined;
      throw new InvalidOptionError(name, value, check.expected, where, suggestion);
    }
    resolved[name] = value;
  }
  return resolved as T;
}

/** The candidate nearest to `word` (edit distance ≤ 1/3 of its length), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
