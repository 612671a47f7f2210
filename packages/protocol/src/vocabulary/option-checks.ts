/**
 * The checks options are declared with (see options.ts): small composable predicates, each with
 * the words its error message uses. Imported as `check` (`check.number(0)`).
 */
import type { OptionCheck } from "./options.js";

/** A finite number in [min, max]. */
export function number(
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): OptionCheck {
  const range =
    min === Number.NEGATIVE_INFINITY
      ? max === Number.POSITIVE_INFINITY
        ? ""
        : ` ≤ ${max}`
      : max === Number.POSITIVE_INFINITY
        ? ` ≥ ${min}`
        : ` from ${min} to ${max}`;
  return {
    test: (v) => typeof v === "number" && !Number.isNaN(v) && v >= min && v <= max,
    expected: `a number${range}`,
  };
}

/** A boolean. */
export const boolean: OptionCheck = { test: (v) => typeof v === "boolean", expected: "a boolean" };

/** A string. */
export const string: OptionCheck = { test: (v) => typeof v === "string", expected: "a string" };

/** A function. */
export const func: OptionCheck = { test: (v) => typeof v === "function", expected: "a function" };

/** A plain object (not an array). */
export const object: OptionCheck = {
  test: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  expected: "an object",
};

/** Anything (the option is checked where it is used). */
export const anything: OptionCheck = { test: () => true, expected: "any value" };

/** One of a closed list of strings. */
export function oneOf(values: readonly string[]): OptionCheck {
  return {
    test: (v) => typeof v === "string" && values.includes(v),
    expected: values.map((v) => JSON.stringify(v)).join(" or "),
    values,
  };
}

/** A non-empty array of values from a closed list of strings. */
export function listOf(values: readonly string[]): OptionCheck {
  return {
    test: (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((item) => typeof item === "string" && values.includes(item)),
    expected: `a non-empty array of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    values,
  };
}

/** Passes when any of `checks` passes. */
export function either(...checks: OptionCheck[]): OptionCheck {
  return {
    test: (v) => checks.some((c) => c.test(v)),
    expected: checks.map((c) => c.expected).join(" or "),
  };
}

/** A parser in socket.io's shape: an object with `Encoder` and `Decoder` constructors. */
export const parser: OptionCheck = {
  test: (v) =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as { Encoder?: unknown }).Encoder === "function" &&
    typeof (v as { Decoder?: unknown }).Decoder === "function",
  expected: "a parser ({ Encoder, Decoder }, as socket.io-msgpack-parser exports)",
};
