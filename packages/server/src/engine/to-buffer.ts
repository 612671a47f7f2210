import type { BinaryData } from "@volley/protocol";

/** `data` as a Buffer over the same memory (no copy) when it is a view. */
export function toBuffer(data: BinaryData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
