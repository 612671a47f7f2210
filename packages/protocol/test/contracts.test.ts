/**
 * Contracts without a schema library: hand-made Standard Schema objects pin what checkArgs does
 * (sync path in place, async path in order, issues without values, limits) and what
 * defineEvents refuses. The vendored Standard Schema types must match @standard-schema/spec.
 */
import type { StandardSchemaV1 as Spec } from "@standard-schema/spec";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ContractViolationError,
  checkArgs,
  defineEvents,
  eventTable,
  MAX_ISSUES,
  type StandardSchemaV1,
} from "../src/index.js";

function schema<T>(
  test: (v: unknown) => T | undefined,
  message = "bad",
  async = false,
): StandardSchemaV1<unknown, T> {
  return {
    "~standard": {
      version: 1,
      vendor: "test",
      validate(value) {
        const out = test(value);
        const result: StandardSchemaV1.Result<T> =
          out === undefined
            ? { issues: [{ message, path: ["field", { key: 0 }] }] }
            : { value: out };
        return async ? Promise.resolve(result) : result;
      },
    },
  };
}
const upper = schema((v) => (typeof v === "string" ? v.toUpperCase() : undefined), "not a string");
const num = schema((v) => (typeof v === "number" ? v : undefined), "not a number");
const asyncNum = schema((v) => (typeof v === "number" ? v * 2 : undefined), "not a number", true);

describe("checkArgs", () => {
  it("replaces arguments in place with the output, synchronously", () => {
    const args = ["ev", "hi", 1];
    expect(checkArgs([upper, num], args, 1)).toBeUndefined();
    expect(args).toEqual(["ev", "HI", 1]);
  });

  it("reports where and what, never the value", () => {
    const args = ["ev", "secret-value", "x"];
    const issues = checkArgs([upper, num], args, 1);
    expect(issues).toEqual([{ path: [1, "field", 0], message: "not a number" }]);
    expect(JSON.stringify(issues)).not.toContain("secret");
  });

  it("refuses more arguments than schemas and validates missing ones as undefined", () => {
    expect(checkArgs([upper], ["ev", "a", "b"], 1)).toEqual([
      { path: [1], message: "Expected at most 1 argument(s), received 2" },
    ]);
    expect(checkArgs([upper], ["ev"], 1)).toEqual([
      { path: [0, "field", 0], message: "not a string" },
    ]);
  });

  it("goes async at the first async schema and keeps argument order", async () => {
    const args = ["ev", 2, "x", 3];
    const result = checkArgs([asyncNum, upper, asyncNum], args, 1);
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBeUndefined();
    expect(args).toEqual(["ev", 4, "X", 6]);
    expect(await checkArgs([asyncNum], ["ev", "no"], 1)).toEqual([
      { path: [0, "field", 0], message: "not a number" },
    ]);
  });

  it("turns a throwing or rejecting schema into an issue", async () => {
    const throws: StandardSchemaV1 = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate() {
          throw new Error("internal detail");
        },
      },
    };
    const rejects: StandardSchemaV1 = {
      "~standard": { version: 1, vendor: "test", validate: () => Promise.reject(new Error("x")) },
    };
    expect(checkArgs([throws], ["ev", 1], 1)).toEqual([
      { path: [0], message: "Validation failed" },
    ]);
    expect(await checkArgs([rejects], ["ev", 1], 1)).toEqual([
      { path: [0], message: "Validation failed" },
    ]);
  });

  it("caps the number of issues and the length of messages", () => {
    const many: StandardSchemaV1 = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate: () => ({
          issues: Array.from({ length: 500 }, () => ({ message: "m".repeat(10_000) })),
        }),
      },
    };
    const issues = checkArgs([many], ["ev", 1], 1) as { message: string }[];
    expect(issues).toHaveLength(MAX_ISSUES);
    expect(issues[0]!.message.length).toBeLessThan(300);
  });
});

describe("defineEvents", () => {
  it("returns both directions and looks events up without the prototype", () => {
    const contract = defineEvents({ clientToServer: { chat: { args: [upper], ack: num } } });
    expect(contract.serverToClient).toEqual({});
    const table = eventTable(contract.clientToServer);
    expect(table.get("chat")?.args).toEqual([upper]);
    expect(table.get("constructor")).toBeUndefined();
    expect(table.get("__proto__")).toBeUndefined();
  });

  it("refuses what is not { args: [schemas], ack? }", () => {
    expect(() => defineEvents({ clientToServer: { chat: { args: [1] } } } as never)).toThrow(
      expect.objectContaining({ code: "INVALID_CONTRACT" }),
    );
    expect(() =>
      defineEvents({ clientToServer: { chat: { args: [], ack: {} } } } as never),
    ).toThrow(/chat\.ack/);
    expect(() => defineEvents({ serverToClient: [] as never })).toThrow(/serverToClient/);
  });

  it("infers the event maps of both sides", () => {
    const contract = defineEvents({
      clientToServer: { chat: { args: [upper, num], ack: num } },
      serverToClient: { tick: { args: [num] } },
    });
    type Sides = NonNullable<(typeof contract)["~types"]>;
    expectTypeOf<Sides["server"]["listen"]["chat"]>().toEqualTypeOf<
      (args_0: string, args_1: number, args_2: (answer: unknown) => void) => void
    >();
    expectTypeOf<Sides["client"]["listen"]["tick"]>().toEqualTypeOf<(args_0: number) => void>();
  });

  it("names the event in a ContractViolationError", () => {
    const err = new ContractViolationError("INVALID_OUTGOING_EVENT", "chat", [
      { path: [0], message: "bad" },
    ]);
    expect(err.code).toBe("INVALID_OUTGOING_EVENT");
    expect(err.message).toBe('event "chat" does not match its contract at [0]: bad');
  });
});

describe("the vendored Standard Schema types", () => {
  it("match @standard-schema/spec both ways", () => {
    expectTypeOf<StandardSchemaV1<string, number>>().toExtend<Spec<string, number>>();
    expectTypeOf<Spec<string, number>>().toExtend<StandardSchemaV1<string, number>>();
  });
});
