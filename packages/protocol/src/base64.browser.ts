/**
 * Standard base64 for browsers (the `browser` condition of `#base64`): the native `btoa`/`atob`
 * instead of base64.ts's lookup tables, which cost 2 KB of every client bundle. Same strictness
 * and the same `INVALID_BASE64` errors: `atob` is forgiving (it skips whitespace), so the text
 * is checked against the alphabet first. Node keeps base64.ts, fast for multi-megabyte bodies.
 */

import { errorTexts } from "#error-texts";
import { ProtocolError, ProtocolErrorCode } from "./errors.js";

const EQ = 61; // "="
/** The first char outside the alphabet (padding is stripped before). */
const OUTSIDE_ALPHABET = /[^A-Za-z0-9+/]/;
/** Chars per String.fromCharCode call: well under every engine's argument limit. */
const CHUNK = 0x8000;

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
}
const nativeToBase64 = (Uint8Array.prototype as NativeBase64).toBase64;

function invalid(reason: string): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.INVALID_BASE64, errorTexts()?.base64(reason) ?? "");
}

/**
 * Encode bytes as padded standard base64.
 *
 * @example encodeBase64(new Uint8Array([1, 2, 3])) // "AQID"
 */
export function encodeBase64(bytes: Uint8Array): string {
  if (nativeToBase64 !== undefined) return nativeToBase64.call(bytes);
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
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
  if ((end - start) % 4 === 1) throw invalid("bad length");
  const body = text.slice(start, end);
  const at = body.search(OUTSIDE_ALPHABET);
  if (at !== -1) throw invalid(`unexpected character at ${start + at}`);
  const binary = atob(body);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
