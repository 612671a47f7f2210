/**
 * WebSocket for Node: the `ws` package, which also sends `extraHeaders` on the handshake.
 * Binary arrives as Buffer, as socket.io-client delivers it in Node. Never bundled for
 * browsers: chosen through the package.json `imports` condition `node`.
 */
import WebSocket from "ws";
import type { WebSocketLike } from "./websocket-constructor.browser.js";

export type { WebSocketLike };

export const binaryType = "nodebuffer";

/** Opens a WebSocket with `ws`, sending `headers` on the HTTP upgrade request. */
export function createWebSocket(url: string, headers: Record<string, string>): WebSocketLike {
  return new WebSocket(url, { headers }) as unknown as WebSocketLike;
}

/**
 * `autoUnref`: the TCP socket under the WebSocket no longer keeps the process alive. `ws` has
 * no public API for it; socket.io-client reaches `_socket` the same way.
 */
export function unrefWebSocket(ws: WebSocketLike): void {
  (ws as unknown as { _socket?: { unref?: () => void } })._socket?.unref?.();
}

/** Received binary data as the application sees it: a Buffer. */
export function toReceivedBinary(data: ArrayBuffer | ArrayBufferView): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
