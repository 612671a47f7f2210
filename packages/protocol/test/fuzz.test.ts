/**
 * Bounded fuzz: a million seeded random inputs into every decoder. Anything thrown must be a
 * ProtocolError. Inputs come from a cheap PRNG over protocol-ish tokens and random chars.
 */
import { describe, expect, it } from "vitest";
import { Decoder, decodeEnginePacket, decodePayload, ProtocolError } from "../src/index.js";

const RUNS = 1_000_000;

/** mulberry32: a tiny, fast, seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  ..."0123456789",
  "-",
  "/",
  "/a",
  "/chat",
  ",",
  "[",
  "]",
  "{",
  "}",
  '"',
  '"a"',
  ":",
  "null",
  "true",
  "-1",
  "1.5",
  "e9",
  "9007199254740993",
  '"__proto__"',
  '"connect"',
  '{"_placeholder":true,"num":0}',
  '{"_placeholder":true,"num":1}',
  '"_placeholder"',
  "\x1e",
  "b",
  "AQID",
  "=",
  "é",
  "😀",
  "\\",
  "\u0000",
  " ",
];

function makeInput(rand: () => number): string {
  const n = Math.floor(rand() * 9);
  let s = "";
  for (let i = 0; i < n; i++) {
    s +=
      rand() < 0.85
        ? TOKENS[Math.floor(rand() * TOKENS.length)]
        : String.fromCharCode(Math.floor(rand() * 0x10000));
  }
  return s;
}

describe("fuzz", () => {
  it(`${RUNS.toLocaleString("en")} random inputs throw nothing but ProtocolError`, () => {
    const rand = prng(0x5eed);
    const decoder = new Decoder();
    const chunks = [new Uint8Array(0), new Uint8Array([1, 2, 3]), new ArrayBuffer(2)];
    const failures: string[] = [];
    let decoded = 0;
    const attempt = (fn: () => unknown, input: string): void => {
      try {
        if (fn() !== undefined) decoded++;
      } catch (err) {
        if (!(err instanceof ProtocolError) && failures.length < 5) {
          failures.push(`${JSON.stringify(input)}: ${String(err)}`);
        }
      }
    };
    // Stack traces are most of the cost of a thrown error; none are needed here.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      for (let i = 0; i < RUNS; i++) {
        const input = makeInput(rand);
        const r = rand();
        if (r < 0.6) {
          attempt(() => decoder.add(input), input);
        } else if (r < 0.7) {
          const chunk = chunks[i % chunks.length]!;
          attempt(() => decoder.add(chunk), "<binary>");
        } else if (r < 0.85) {
          attempt(() => decodeEnginePacket(input), input);
        } else {
          attempt(() => decodePayload(input), input);
        }
      }
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    expect(failures).toEqual([]);
    // The generator reaches valid packets too, not only errors.
    expect(decoded).toBeGreaterThan(1000);
    // A few seconds on an idle machine; the generous timeout only absorbs shared-CPU contention.
  }, 120_000);
});
