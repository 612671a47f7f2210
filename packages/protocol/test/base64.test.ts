import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as browser from "../src/base64.browser.js";
import * as portable from "../src/base64.js";
import { ProtocolError } from "../src/index.js";

function bytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 131 + seed) & 255;
  return out;
}

// base64.ts (Node, and bundlers without the `browser` condition) and base64.browser.ts (atob/btoa)
describe.each([
  ["base64.ts", portable],
  ["base64.browser.ts", browser],
])("%s", (_name, { decodeBase64, encodeBase64 }) => {
  it("matches Buffer for every length 0..300", () => {
    for (let n = 0; n <= 300; n++) {
      const data = bytes(n);
      const text = encodeBase64(data);
      expect(text).toBe(Buffer.from(data).toString("base64"));
      expect(decodeBase64(text)).toEqual(new Uint8Array(data));
    }
  });

  it("round-trips arbitrary bytes (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const text = encodeBase64(data);
        expect(text).toBe(Buffer.from(data).toString("base64"));
        expect(Array.from(decodeBase64(text))).toEqual(Array.from(data));
      }),
      { numRuns: 300 },
    );
  });

  it("encodes a view of a larger buffer without leaking neighbouring bytes", () => {
    const all = bytes(100);
    const view = all.subarray(10, 20);
    expect(encodeBase64(view)).toBe(Buffer.from(view).toString("base64"));
  });

  it("handles a multi-megabyte binary", () => {
    const data = bytes(3 * 1024 * 1024 + 1);
    const text = encodeBase64(data);
    expect(text).toBe(Buffer.from(data).toString("base64"));
    expect(Buffer.from(decodeBase64(text)).equals(Buffer.from(data))).toBe(true);
  });

  it("decodes a long range inside a larger string, strictly", () => {
    for (const n of [48, 49, 50, 1000, 1001, 1002]) {
      const data = bytes(n, n);
      const text = Buffer.from(data).toString("base64");
      expect(Array.from(decodeBase64(`\x1eb${text}\x1e6`, 2, 2 + text.length))).toEqual(
        Array.from(data),
      );
      const unpadded = text.replace(/=+$/, "");
      expect(Array.from(decodeBase64(unpadded))).toEqual(Array.from(data));
      for (const bad of ["!", "é", "\u0100", "😀", "-", " "]) {
        const broken = `${text.slice(0, 40)}${bad}${text.slice(41)}`;
        expect(() => decodeBase64(broken)).toThrow(ProtocolError);
        const atEnd = `${unpadded.slice(0, -1)}${bad}`;
        expect(() => decodeBase64(atEnd)).toThrow(ProtocolError);
      }
    }
  });

  it("accepts missing padding", () => {
    expect(Array.from(decodeBase64("AQ"))).toEqual([1]);
    expect(Array.from(decodeBase64("AQI"))).toEqual([1, 2]);
    expect(Array.from(decodeBase64(""))).toEqual([]);
    expect(Array.from(decodeBase64("AQ=="))).toEqual([1]);
  });

  it("decodes a range of a string", () => {
    expect(Array.from(decodeBase64("xxAQID!", 2, 6))).toEqual([1, 2, 3]);
  });

  it.each([
    ["A"],
    ["AQ="],
    ["A==="],
    ["AQ=A"],
    ["===="],
    ["AQ-_"],
    ["AQ I"],
    ["AQI\n"],
    ["é123"],
    ["AQID\u0100"],
  ])("rejects %j", (text) => {
    expect(() => decodeBase64(text)).toThrow(ProtocolError);
    try {
      decodeBase64(text);
    } catch (err) {
      expect((err as ProtocolError).code).toBe("INVALID_BASE64");
    }
  });
});
