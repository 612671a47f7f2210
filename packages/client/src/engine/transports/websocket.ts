/**
 * The WebSocket transport: one Engine.IO packet per frame, binary messages as binary frames.
 * The constructor comes from `#websocket-constructor`: `ws` in Node, the native one in browsers.
 * Failures carry the close code and reason (and in Node the refused address or HTTP status).
 */
import { decodeEnginePacket, type EnginePacket, encodeEnginePacket } from "@volley/protocol";
import {
  binaryType,
  createWebSocket,
  unrefWebSocket,
  type WebSocketLike,
} from "#websocket-constructor";
import { ConnectionErrorCode, errorTexts, TransportError } from "../../errors.js";
import { webSocketError } from "./failures.js";
import { type OutgoingPacket, Transport } from "./transport.js";

/** `ws` send option for `socket.compress(false)`; browsers ignore a second argument. */
const UNCOMPRESSED = Object.freeze({ compress: false });

export class WebSocketTransport extends Transport {
  readonly name = "websocket";
  #ws: WebSocketLike | undefined;

  open(): void {
    this.readyState = "opening";
    const url = this.url("ws");
    let ws: WebSocketLike;
    try {
      ws = createWebSocket(url, this.options.extraHeaders);
    } catch (error) {
      // Blocked by the page (an extension, a CSP, a stub): report it asynchronously, like a
      // connection error, so the session can fall back.
      const failure = new TransportError(
        "websocket error",
        ConnectionErrorCode.WEBSOCKET_UNAVAILABLE,
        errorTexts()?.webSocketThrew(url, error) ?? "",
        { transport: this.name },
        error,
      );
      setTimeout(() => this.fail(failure), 0);
      return;
    }
    this.#ws = ws;
    ws.binaryType = binaryType;
    // What the error event told (Node: the refused address, the HTTP status); browsers tell
    // nothing there, so the failure is reported from the close event that always follows.
    let failure: { cause: unknown } | undefined;
    ws.onopen = () => {
      if (this.readyState !== "opening") return;
      this.readyState = "open";
      this.writable = true;
      if (this.options.autoUnref) unrefWebSocket(ws);
      this.emitLocal("open");
    };
    ws.onerror = (event) => {
      failure = { cause: (event as { error?: unknown }).error ?? event };
    };
    ws.onclose = (event) => {
      const closeEvent = event as { code?: number; reason?: string };
      if (this.readyState === "opening" || failure) {
        this.fail(webSocketError("websocket error", url, closeEvent, failure?.cause));
      } else {
        // socket.io-client's details for "transport close" on a WebSocket
        this.closedByPeer({ description: "websocket connection closed", context: event });
      }
    };
    ws.onmessage = (event) => {
      if (this.readyState === "closed") return;
      let packet: EnginePacket;
      try {
        packet = decodeEnginePacket(event.data);
      } catch (error) {
        this.fail(
          new TransportError(
            "parse error",
            ConnectionErrorCode.PARSE_ERROR,
            errorTexts()?.notEngineIo("a WebSocket frame is not an Engine.IO packet") ?? "",
            { transport: this.name },
            error,
          ),
        );
        return;
      }
      this.emitLocal("packet", packet);
    };
  }

  send(packets: OutgoingPacket[]): void {
    const ws = this.#ws;
    if (!ws) return;
    this.writable = false;
    try {
      for (const packet of packets) {
        if (packet.compress === false) ws.send(encodeFrame(packet), UNCOMPRESSED);
        else ws.send(encodeFrame(packet));
      }
    } catch (error) {
      this.fail(
        new TransportError(
          "websocket write error",
          ConnectionErrorCode.WEBSOCKET_CLOSED,
          errorTexts()?.webSocketWrite(error) ?? "",
          { transport: this.name },
          error,
        ),
      );
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
    ws.onopen = ws.onclose = ws.onmessage = null;
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
