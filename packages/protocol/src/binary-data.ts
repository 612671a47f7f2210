/**
 * The binary value types that travel between layers, and the cheap checks and conversions
 * on them. Isomorphic: no Node `Buffer` (a Buffer is a Uint8Array and passes through as one).
 */

/** Binary values as they travel between layers. */
export type BinaryData = ArrayBuffer | ArrayBufferView;

/** A binary value inside Socket.IO packet data: also `Blob` (and `File`) in browsers. */
export type Attachment = BinaryData | Blob;

const BlobCtor: typeof Blob | undefined = typeof Blob === "function" ? Blob : undefined;

/** True for ArrayBuffer, any ArrayBufferView (typed arrays, DataView, Buffer) and Blob. */
export function isBinary(value: unknown): value is Attachment {
  return (
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (BlobCtor !== undefined && value instanceof BlobCtor)
  );
}

/** True for ArrayBuffer and any ArrayBufferView (not Blob). */
export function isBinaryData(value: unknown): value is BinaryData {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/**
 * A Uint8Array over the same memory: the same object when it already is a Uint8Array
 * (or Buffer), a view otherwise. Never copies.
 */
export function toUint8Array(data: BinaryData): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
