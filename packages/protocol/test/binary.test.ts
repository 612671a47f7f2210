import { describe, expect, it } from "vitest";
import { DEFAULTS, hasBinary, isBinary, toUint8Array } from "../src/index.js";
import { codeOf } from "./helpers.js";

describe("hasBinary", () => {
  it.each<[string, unknown, boolean]>([
    ["undefined", undefined, false],
    ["null", null, false],
    ["string", "abc", false],
    ["number", 1, false],
    ["empty array", [], false],
    ["plain JSON", ["a", { b: [1, { c: "d" }] }], false],
    ["Date", [new Date()], false],
    ["Map", [new Map([["a", new Uint8Array(1)]])], false],
    ["Uint8Array", new Uint8Array(1), true],
    ["Buffer", ["a", Buffer.from("x")], true],
    ["ArrayBuffer", [{ a: new ArrayBuffer(1) }], true],
    ["Float64Array", [[[new Float64Array(1)]]], true],
    ["DataView", { x: new DataView(new ArrayBuffer(1)) }, true],
    ["Blob", ["a", new Blob(["x"])], true],
    ["deep in object", { a: { b: { c: { d: [0, 1, new Uint8Array(0)] } } } }, true],
    ["via toJSON", [{ toJSON: () => ({ bin: new Uint8Array(1) }) }], true],
    ["toJSON hiding binary", [{ bin: new Uint8Array(1), toJSON: () => "text" }], false],
  ])("%s -> %s", (_name, value, expected) => {
    expect(hasBinary(value)).toBe(expected);
  });

  it("ignores inherited properties", () => {
    const proto = { bin: new Uint8Array(1) };
    expect(hasBinary([Object.create(proto) as object])).toBe(false);
  });

  it("refuses data deeper than maxDepth, and circular data", () => {
    expect(DEFAULTS.maxDepth).toBe(1000);
    expect(hasBinary([[["x"]]], 3)).toBe(false);
    expect(codeOf(() => hasBinary([[["x"]]], 2))).toBe("MAX_DEPTH_EXCEEDED");
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(codeOf(() => hasBinary(cyclic))).toBe("MAX_DEPTH_EXCEEDED");
  });

  it("turns a throwing toJSON into INVALID_JSON", () => {
    const bad = {
      toJSON() {
        throw new Error("no");
      },
    };
    expect(codeOf(() => hasBinary([bad]))).toBe("INVALID_JSON");
  });
});

describe("isBinary / toUint8Array", () => {
  it("recognizes binary values", () => {
    expect(isBinary(new Uint8Array(1))).toBe(true);
    expect(isBinary(new ArrayBuffer(1))).toBe(true);
    expect(isBinary(new Blob([]))).toBe(true);
    expect(isBinary({ byteLength: 1 })).toBe(false);
    expect(isBinary([1, 2])).toBe(false);
  });

  it("views without copying", () => {
    const u8 = new Uint8Array([1, 2, 3]);
    expect(toUint8Array(u8)).toBe(u8);
    const buf = Buffer.from([1]);
    expect(toUint8Array(buf)).toBe(buf);
    const ab = new ArrayBuffer(4);
    expect(toUint8Array(ab).buffer).toBe(ab);
    const dv = new DataView(ab, 1, 2);
    const view = toUint8Array(dv);
    expect([view.buffer === ab, view.byteOffset, view.byteLength]).toEqual([true, 1, 2]);
  });
});
