/**
 * The WebSocket transport: one Engine.IO packet per frame, binary messages as binary frames.
 * The constructor comes from `#websocket-constructor`: `ws` in Node, the native one in browsers.
 */
import { decodeEnginePacket, type EnginePacket, encodeEnginePacket } from "@volley/protocol";
import { binaryType, createWebSocket, type WebSocketLike } from "#websocket-constructor";
import { Transport } from "./transport.js";

export class WebSocketTransport extends Transport {
  readonly name = "websocket";
  #ws: WebSocketLike | undefined;

  open(): void {
    this.readyState = "opening";
    let ws: WebSocketLike;
    try {
      ws = createWebSocket(this.url("ws"), this.options.extraHeaders);
    } catch (error) {
      // Blocked by the page (an extension, a CSP, a stub): report it asynchronously, like a
      // connection error, so the session can fall back to polling.
      setTimeout(() => this.fail("websocket error", error), 0);
      return;
    }
    this.#ws = ws;
    ws.binaryType = binaryType;
    ws.onopen = () => {
      if (this.readyState !== "opening") return;
      this.readyState = "open";
      this.writable = true;
      this.emitLocal("open");
    };
    ws.onclose = (event) =>
      this.readyState === "opening"
        ? this.fail("websocket error", event)
        : this.closedByPeer(event);
    ws.onerror = (event) => this.fail("websocket error", event);
    ws.onmessage = (event) => {
      if (this.readyState === "closed") return;
      let packet: EnginePacket;
      try {
        packet = decodeEnginePacket(event.data);
      } catch (error) {
        this.fail("parse error", error);
        return;
      }
      this.emitLocal("packet", packet);
    };
  }

  send(packets: EnginePacket[]): void {
    const ws = this.#ws;
    if (!ws) return;
    this.writable = false;
    try {
      for (const packet of packets) ws.send(encodeFrame(packet));
    } catch (error) {
      this.fail("websocket write error", error);
      return;
    }
    // Frames are queued by the WebSocket; emits made in the same tick batch up meanwhile.
    queueMicrotask(() => {
      if (this.readyState === "closed") return;
      this.writable = true;
      this.emitLocal("drain");
    });
  }

  close(): void {
    this.readyState = "closed";
    this.writable = false;
    this.off();
    const ws = this.#ws;
    if (!ws) return;
    ws.onopen = ws.onclose = ws.onerror = ws.onmessage = null;
    ws.onerror = () => {}; // `ws` reports a close before the handshake as an error
    try {
      ws.close();
    } catch {
      // already closed
    }
  }
}

/** A binary message travels as its raw bytes; a Blob (browsers) is sent as is. */
function encodeFrame(packet: EnginePacket): string | ArrayBuffer | ArrayBufferView | Blob {
  const data: unknown = packet.data;
  if (typeof Blob !== "undefined" && data instanceof Blob) return data;
  return encodeEnginePacket(packet);
}
