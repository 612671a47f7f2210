/**
 * notepack's browser build writes only an `ArrayBuffer` as msgpack `bin`: a typed array or a
 * DataView would go out as a map of its indices (the official parser has this flaw). In
 * browsers the Encoder first swaps each view for an ArrayBuffer of exactly its bytes, copying
 * only the containers on the way to one (the app's objects are never modified). Node's build
 * handles views itself, so this never runs there.
 */

/** Whether this runtime uses notepack's browser build (no Node `Buffer`). */
export const needsViewConversion = typeof Buffer !== "function";

/** `value` with every ArrayBufferView replaced by an ArrayBuffer copy of its bytes. */
export function viewsToArrayBuffers(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice().buffer;
  }
  // as deep as notepack itself recurses; deeper data fails there the same way
  if (depth > 1000) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const converted = viewsToArrayBuffers(item, depth + 1);
      if (converted !== item) {
        copy ??= value.slice();
        copy[i] = converted;
      }
    }
    return copy ?? value;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const converted = viewsToArrayBuffers(item, depth + 1);
    if (converted !== item) {
      copy ??= { ...record };
      copy[key] = converted;
    }
  }
  return copy ?? value;
}
