/**
 * WebSocket for browsers (and any runtime with a global WebSocket): the native constructor,
 * looked up at call time so a page that replaces or removes it is honoured. Binary arrives as
 * ArrayBuffer. Chosen through the package.json `imports` condition `browser` / `default`.
 */

/** The part of the WHATWG WebSocket API the transport uses (the `ws` package has it too). */
export interface WebSocketLike {
  binaryType: string;
  send(data: string | ArrayBuffer | ArrayBufferView | Blob, options?: { compress?: boolean }): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: string | ArrayBuffer | ArrayBufferView }) => void) | null;
}

export const binaryType = "arraybuffer";

/** Opens a WebSocket; headers cannot be set by browsers and are ignored. */
export function createWebSocket(url: string, _headers: Record<string, string>): WebSocketLike {
  const WebSocketCtor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike })
    .WebSocket;
  if (!WebSocketCtor) throw new Error("WebSocket is not available in this environment");
  return new WebSocketCtor(url);
}

/** Browsers have no process to keep alive: nothing to do. */
export function unrefWebSocket(_ws: WebSocketLike): void {}

/** Received binary data as the application sees it: an ArrayBuffer. */
export function toReceivedBinary(data: ArrayBuffer | ArrayBufferView): ArrayBuffer | Uint8Array {
  if (data instanceof ArrayBuffer) return data;
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) {
    return data.buffer as ArrayBuffer;
  }
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}
