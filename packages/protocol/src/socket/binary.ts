/**
 * Binary values inside Socket.IO packet data: finding them (hasBinary), swapping them for
 * `{"_placeholder":true,"num":i}` before serializing (deconstruct), and putting the attachments
 * back after decoding (findPlaceholders / fillPlaceholders). Every walk is iterative with an
 * explicit stack, so hostile nesting can never overflow the call stack, and assignments never
 * go through a `__proto__` setter.
 */

import { errorTexts } from "#error-texts";
import { type Attachment, isBinary } from "../binary-data.js";
import { DEFAULTS } from "../defaults.js";
import { ProtocolError, ProtocolErrorCode } from "../errors.js";

function tooDeep(maxDepth: number): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.MAX_DEPTH_EXCEEDED,
    errorTexts()?.tooDeep(maxDepth) ?? "",
  );
}

interface WithToJSON {
  toJSON(): unknown;
}

function callToJSON(node: WithToJSON): unknown {
  try {
    return node.toJSON();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ProtocolError(
      ProtocolErrorCode.INVALID_JSON,
      errorTexts()?.toJsonThrew(reason) ?? "",
      {
        cause: err,
      },
    );
  }
}

/**
 * True when `value` holds a binary value (ArrayBuffer, typed array, DataView, Buffer, Blob)
 * anywhere in its arrays and own enumerable properties (following `toJSON`, as
 * `JSON.stringify` does).
 *
 * @example hasBinary(["upload", { file: new Uint8Array(4) }]) // true
 * @throws {ProtocolError} `MAX_DEPTH_EXCEEDED` when nested deeper than `maxDepth` (or circular),
 * `INVALID_JSON` when a `toJSON()` throws
 */
export function hasBinary(value: unknown, maxDepth: number = DEFAULTS.maxDepth): boolean {
  if (value === null || typeof value !== "object") return false;
  // One explicit stack of [node, depth] pairs: no recursion, one allocation per call.
  const stack: unknown[] = [value, 1];
  // Objects produced by toJSON() are not asked for toJSON again (as JSON.stringify does not).
  let fromToJSON: object | undefined;
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const node = stack.pop() as object;
    if (depth > maxDepth) throw tooDeep(maxDepth);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (item !== null && typeof item === "object") stack.push(item, depth + 1);
      }
      continue;
    }
    if (isBinary(node)) return true;
    if (node instanceof Date) continue;
    if (typeof (node as Partial<WithToJSON>).toJSON === "function" && node !== fromToJSON) {
      const replaced = callToJSON(node as WithToJSON);
      if (replaced !== null && typeof replaced === "object") {
        fromToJSON = replaced;
        stack.push(replaced, depth);
      }
      continue;
    }
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      const item: unknown = (node as Record<string, unknown>)[key];
      if (item !== null && typeof item === "object") stack.push(item, depth + 1);
    }
  }
  return false;
}

/**
 * A copy of `data` with every binary value replaced by `{"_placeholder":true,"num":i}` and
 * pushed to `attachments`, numbered depth first in key order (the official parser's numbering).
 * Follows `toJSON` like the official parser. Iterative: one explicit stack of
 * [value, target, key, depth, fromToJSON] frames; the copy is ready for `JSON.stringify`.
 *
 * @throws {ProtocolError} `MAX_DEPTH_EXCEEDED`, `INVALID_JSON` (a throwing `toJSON`)
 */
export function deconstruct(
  data: unknown,
  attachments: Attachment[],
  maxDepth: number = DEFAULTS.maxDepth,
): unknown {
  const root: Record<string, unknown> = { value: undefined };
  const stack: unknown[] = [data, root, "value", 1, false];
  while (stack.length > 0) {
    const fromToJSON = stack.pop() as boolean;
    const depth = stack.pop() as number;
    const key = stack.pop() as string | number;
    const target = stack.pop() as Record<string | number, unknown>;
    const value = stack.pop();
    let out: unknown = value;
    if (value !== null && typeof value === "object") {
      if (depth > maxDepth) throw tooDeep(maxDepth);
      if (Array.isArray(value)) {
        const copy: unknown[] = new Array(value.length);
        out = copy;
        // Children are pushed last to first so they are visited (and numbered) first to last.
        for (let i = value.length - 1; i >= 0; i--) stack.push(value[i], copy, i, depth + 1, false);
      } else if (isBinary(value)) {
        out = { _placeholder: true, num: attachments.length };
        attachments.push(value);
      } else if (!(value instanceof Date)) {
        if (!fromToJSON && typeof (value as Partial<WithToJSON>).toJSON === "function") {
          stack.push(callToJSON(value as WithToJSON), target, key, depth, true);
          continue;
        }
        const copy: Record<string, unknown> = {};
        out = copy;
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const k = keys[i]!;
          stack.push((value as Record<string, unknown>)[k], copy, k, depth + 1, false);
        }
      }
    }
    setOwn(target, key, out);
  }
  return root.value;
}

/** `target[key] = value`, except that a "__proto__" key is defined, never sent to the setter. */
function setOwn(
  target: Record<string | number, unknown>,
  key: string | number,
  value: unknown,
): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** Where decoded JSON holds placeholders: parallel arrays of holder, key and attachment index. */
export interface PlaceholderSlots {
  holders: object[];
  keys: (string | number)[];
  nums: number[];
}

function badPlaceholder(num: unknown, attachments: number): ProtocolError {
  return new ProtocolError(
    ProtocolErrorCode.INVALID_PLACEHOLDER,
    errorTexts()?.badPlaceholder(num, attachments) ?? "",
  );
}

function isPlaceholder(value: object): value is { _placeholder: true; num: unknown } {
  return (value as { _placeholder?: unknown })._placeholder === true;
}

/**
 * Find the placeholders in freshly parsed JSON `data` (a container, never itself a placeholder)
 * and check each `num` is an integer in `[0, attachments)`.
 *
 * @throws {ProtocolError} `INVALID_PLACEHOLDER`
 */
export function findPlaceholders(data: object, attachments: number): PlaceholderSlots {
  const slots: PlaceholderSlots = { holders: [], keys: [], nums: [] };
  const stack: object[] = [data];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) visit(node, i, node[i]);
    } else {
      for (const key of Object.keys(node)) visit(node, key, (node as Record<string, unknown>)[key]);
    }
  }
  return slots;

  function visit(holder: object, key: string | number, item: unknown): void {
    if (item === null || typeof item !== "object") return;
    if (isPlaceholder(item)) {
      const num = item.num;
      if (typeof num !== "number" || !Number.isInteger(num) || num < 0 || num >= attachments) {
        throw badPlaceholder(num, attachments);
      }
      slots.holders.push(holder);
      slots.keys.push(key);
      slots.nums.push(num);
    } else {
      stack.push(item);
    }
  }
}

/** Put the attachments in place of the placeholders found by {@link findPlaceholders}. */
export function fillPlaceholders(slots: PlaceholderSlots, buffers: readonly Uint8Array[]): void {
  const { holders, keys, nums } = slots;
  for (let i = 0; i < holders.length; i++) {
    setOwn(holders[i] as Record<string | number, unknown>, keys[i]!, buffers[nums[i]!]);
  }
}
