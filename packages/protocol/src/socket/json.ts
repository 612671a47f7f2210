/**
 * Parsing the JSON part of a Socket.IO packet safely: a cheap nesting-depth pre-scan (skipped
 * for short input, which cannot be deep) so hostile nesting is refused before anyone walks it,
 * and JSON errors turned into ProtocolError.
 */

import { errorTexts } from "#error-texts";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/**
 * Throw when the JSON in `text[start, …)` nests arrays/objects deeper than `maxDepth`.
 * Reaching depth d takes at least 2d chars, so shorter text is never scanned.
 *
 * @throws {ProtocolError} `MAX_DEPTH_EXCEEDED`
 */
export function checkJsonDepth(text: string, start: number, maxDepth: number): void {
  const len = text.length;
  if (len - start <= 2 * maxDepth) return;
  let depth = 0;
  let inString = false;
  for (let i = start; i < len; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) {
        throw new ProtocolError(
          ProtocolErrorCode.MAX_DEPTH_EXCEEDED,
          errorTexts()?.jsonTooDeep(maxDepth) ?? "",
        );
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
}

/**
 * Parse the JSON in `text[start, …)` after checking its depth.
 *
 * @throws {ProtocolError} `INVALID_JSON`, `MAX_DEPTH_EXCEEDED`
 */
export function parseJson(text: string, start: number, maxDepth: number): unknown {
  checkJsonDepth(text, start, maxDepth);
  try {
    return JSON.parse(start === 0 ? text : text.slice(start));
  } catch (err) {
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_JSON,
      errorTexts()?.badJson(err instanceof Error ? err.message : String(err)) ?? "",
      { cause: err },
    );
  }
}
