/**
 * WebSocket transport on `ws`: one Engine.IO packet per frame, binary frames are message
 * packets without a type byte. Writes of one batch go out corked (one syscall for the whole
 * tick's frames, see flush-scheduler.ts). Oversized messages are refused by `ws` itself
 * (`maxPayload` → close 1009), reported here as a transport error.
 */

import type { Duplex } from "node:stream";
import { decodeEnginePacket, type EnginePacket, encodeEnginePacket } from "@volley/protocol";
import { WebSocket } from "ws";
import type { OutboundPacket, Transport, TransportHandler } from "./transport.js";

const COMPRESS = { compress: true } as const;
const NO_COMPRESS = { compress: false } as const;

/** How long a graceful close waits for the client's close frame before destroying the socket. */
const CLOSE_GRACE_MS = 1000;

/** WebSocket transport of one session (or of an upgrade probe). */
export class WebSocketTransport implements Transport {
  readonly name = "websocket" as const;
  handler: TransportHandler;
  private readonly ws: WebSocket;
  private readonly socket: Duplex;
  private closedPromise: Promise<void> | undefined;
  private isClosed = false;
  private closing = false;

  /** `socket` is the raw connection `ws` wraps (the one given to `handleUpgrade`), for corking. */
  constructor(ws: WebSocket, socket: Duplex, handler: TransportHandler) {
    this.ws = ws;
    this.socket = socket;
    this.handler = handler;
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on("error", (err: Error) => {
      if (!this.closing) this.handler.onTransportError(this, err.message);
    });
    ws.on("close", () => {
      this.isClosed = true;
      if (!this.closing) {
        this.closing = true;
        this.handler.onTransportClose(this);
      }
    });
    socket.on("drain", () => {
      if (!this.closing) this.handler.onWritable(this);
    });
  }

  get writable(): boolean {
    return !this.closing && this.ws.readyState === WebSocket.OPEN;
  }

  get bufferedBytes(): number {
    return this.ws.bufferedAmount;
  }

  get needsDrain(): boolean {
    return this.socket.writableNeedDrain;
  }

  write(packets: readonly OutboundPacket[]): void {
    if (!this.writable) return;
    const socket = this.socket;
    socket.cork();
    try {
      for (let i = 0; i < packets.length; i++) {
        const packet = packets[i]!;
        this.ws.send(
          encodeEnginePacket(packet),
          packet.compress === false ? NO_COMPRESS : COMPRESS,
        );
      }
    } finally {
      socket.uncork();
    }
  }

  /** Send one text frame as is (the `3probe` answer). */
  sendText(text: string): void {
    if (this.writable) this.ws.send(text);
  }

  close(graceful: boolean): void {
    if (this.closing && this.isClosed) return;
    this.closing = true;
    if (!graceful) {
      this.ws.terminate();
      return;
    }
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    // Never wait on a peer that does not answer the close frame.
    const timer = setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS);
    timer.unref();
    this.ws.once("close", () => clearTimeout(timer));
  }

  whenClosed(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.closedPromise ??= new Promise((resolve) => this.ws.once("close", () => resolve()));
    return this.closedPromise;
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closing) return;
    let packet: EnginePacket;
    try {
      packet = isBinary ? { type: "message", data } : decodeEnginePacket(data.toString("utf8"));
    } catch (err) {
      this.handler.onParseError(this, err instanceof Error ? err.message : "invalid packet");
      return;
    }
    this.handler.onPacket(this, packet);
  }
}
