/**
 * Standard base64 (RFC 4648 §4) for Engine.IO polling's `b` packets, without Node's Buffer so
 * it runs unchanged in browsers. Table-driven loops over typed arrays: the encoder writes two
 * ASCII chars per 12-bit lookup and makes the string with one native TextDecoder call; the
 * decoder reads ASCII bytes from one native TextEncoder call. Both stay fast for multi-megabyte
 * binaries. Uses the native `Uint8Array#toBase64` when present.
 */

import { ProtocolError, ProtocolErrorCode } from "./errors.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const EQ = 61; // "="

/** ASCII code of each 6-bit value. */
const ENCODE = new Uint8Array(64);
/** 6-bit value of each byte / char code below 256, or -1. */
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  const c = ALPHABET.charCodeAt(i);
  ENCODE[i] = c;
  DECODE[c] = i;
}
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Two ASCII chars (as one native-endian uint16) for each 12-bit value. */
const PAIRS = new Uint16Array(4096);
for (let i = 0; i < 4096; i++) {
  const hi = ENCODE[i >>> 6]!;
  const lo = ENCODE[i & 63]!;
  PAIRS[i] = LITTLE_ENDIAN ? hi | (lo << 8) : (hi << 8) | lo;
}
/** Below this many chars, a charCodeAt loop beats a TextEncoder round trip. */
const SMALL = 64;

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
}
const nativeToBase64 = (Uint8Array.prototype as NativeBase64).toBase64;

const asciiDecoder = new TextDecoder();
const asciiEncoder = new TextEncoder();

/**
 * Encode bytes as padded standard base64.
 *
 * @example encodeBase64(new Uint8Array([1, 2, 3])) // "AQID"
 */
export function encodeBase64(bytes: Uint8Array): string {
  if (nativeToBase64 !== undefined) return nativeToBase64.call(bytes);
  const len = bytes.length;
  if (len === 0) return "";
  const out = new Uint8Array(Math.ceil(len / 3) * 4);
  const pairs = new Uint16Array(out.buffer, 0, out.length >>> 1);
  const full = len - (len % 3);
  let p = 0;
  let i = 0;
  for (; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    pairs[p] = PAIRS[n >>> 12]!;
    pairs[p + 1] = PAIRS[n & 4095]!;
    p += 2;
  }
  const o = p * 2;
  const rest = len - full;
  if (rest === 1) {
    const n = bytes[i]!;
    out[o] = ENCODE[n >>> 2]!;
    out[o + 1] = ENCODE[(n & 3) << 4]!;
    out[o + 2] = EQ;
    out[o + 3] = EQ;
  } else if (rest === 2) {
    const n = (bytes[i]! << 8) | bytes[i + 1]!;
    out[o] = ENCODE[n >>> 10]!;
    out[o + 1] = ENCODE[(n >>> 4) & 63]!;
    out[o + 2] = ENCODE[(n & 15) << 2]!;
    out[o + 3] = EQ;
  }
  return asciiDecoder.decode(out);
}

function invalid(reason: string): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.INVALID_BASE64, `Invalid base64: ${reason}`);
}

/**
 * Decode standard base64 (padding optional) from `text[start, end)`.
 * Strict: any char outside the alphabet, misplaced padding or an impossible length throws.
 *
 * @throws {ProtocolError} `INVALID_BASE64`
 */
export function decodeBase64(text: string, start = 0, end = text.length): Uint8Array {
  // Strip up to two trailing "=", only when the padded length is a multiple of 4.
  if (end > start && text.charCodeAt(end - 1) === EQ) {
    if ((end - start) % 4 !== 0) throw invalid("bad padding");
    end--;
    if (text.charCodeAt(end - 1) === EQ) end--;
  }
  const n = end - start;
  if (n % 4 === 1) throw invalid("bad length");
  if (n < SMALL) return decodeSmall(text, start, end);
  // One native call turns the (ASCII) text into bytes; any non-ASCII char stops it short.
  const src = new Uint8Array(n);
  const { read } = asciiEncoder.encodeInto(
    start === 0 && end === text.length ? text : text.slice(start, end),
    src,
  );
  if (read !== n) throw invalid("non-ASCII character");
  const out = new Uint8Array((n * 3) >>> 2);
  const full = n - (n % 4);
  let bad = 0;
  let o = 0;
  let i = 0;
  for (; i < full; i += 4) {
    const a = DECODE[src[i]!]!;
    const b = DECODE[src[i + 1]!]!;
    const c = DECODE[src[i + 2]!]!;
    const d = DECODE[src[i + 3]!]!;
    bad |= a | b | c | d;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 255;
    out[o + 2] = v & 255;
    o += 3;
  }
  if (bad < 0) throw invalid("unexpected character");
  const rest = n - full;
  if (rest === 2) {
    out[o] = (byteSextet(src[i]!) << 2) | (byteSextet(src[i + 1]!) >>> 4);
  } else if (rest === 3) {
    const v =
      (byteSextet(src[i]!) << 12) | (byteSextet(src[i + 1]!) << 6) | byteSextet(src[i + 2]!);
    out[o] = v >>> 10;
    out[o + 1] = (v >>> 2) & 255;
  }
  return out;
}

function byteSextet(byte: number): number {
  const v = DECODE[byte]!;
  if (v < 0) throw invalid("unexpected character");
  return v;
}

/** charCodeAt version of the decoder for short input. */
function decodeSmall(text: string, start: number, end: number): Uint8Array {
  const n = end - start;
  const out = new Uint8Array((n * 3) >>> 2);
  const full = start + n - (n % 4);
  let o = 0;
  let i = start;
  for (; i < full; i += 4) {
    const v =
      (sextet(text, i) << 18) |
      (sextet(text, i + 1) << 12) |
      (sextet(text, i + 2) << 6) |
      sextet(text, i + 3);
    out[o] = v >>> 16;
    out[o + 1] = (v >>> 8) & 255;
    out[o + 2] = v & 255;
    o += 3;
  }
  const rest = end - full;
  if (rest === 2) {
    out[o] = (sextet(text, i) << 2) | (sextet(text, i + 1) >>> 4);
  } else if (rest === 3) {
    const v = (sextet(text, i) << 12) | (sextet(text, i + 1) << 6) | sextet(text, i + 2);
    out[o] = v >>> 10;
    out[o + 1] = (v >>> 2) & 255;
  }
  return out;
}

function sextet(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const v = c < 256 ? DECODE[c]! : -1;
  if (v < 0) throw invalid(`unexpected character at ${i}`);
  return v;
}
