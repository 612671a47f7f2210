/**
 * WebSocket transport on `ws`: one Engine.IO packet per frame, binary frames are message
 * packets without a type byte. Writes of one batch go out corked (one syscall for the whole
 * tick's frames, see flush-scheduler.ts). Frames go straight to the socket, built here: a text
 * packet as one Buffer (text-frame.ts), a PreparedMessage (one broadcast) as its shared,
 * pre-built frame. `ws.send` is used instead when this connection negotiated an extension
 * (permessage-deflate) or `ws` still holds queued sends, which must go out first.
 * Oversized messages are refused by `ws` itself (`maxPayload` → close 1009), reported here as a
 * transport error. The `websocket` definition at the end opens it with an HTTP upgrade, through
 * one `ws` server (noServer mode) per engine.
 */

import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import type { Duplex } from "node:stream";
import { decodeEnginePacket, type EnginePacket, encodeEnginePacket } from "@volley/protocol";
import { WebSocket, WebSocketServer } from "ws";
import { PreparedMessage } from "../prepared-message.js";
import { textFrame } from "./text-frame.js";
import {
  DETACHED,
  type OutboundPacket,
  type Transport,
  type TransportDefinition,
  type TransportHandler,
  type UpgradeTransportFactory,
} from "./transport.js";

const COMPRESS = { compress: true } as const;
const NO_COMPRESS = { compress: false } as const;

/** The parts of `ws`'s Sender that tell whether it holds unsent frames (0 is its DEFAULT state). */
interface SenderState {
  _state?: number;
  _queue?: unknown[];
}

/** Where `ws` and its socket point back to their transport, for the shared listeners below. */
const kTransport = Symbol("volley.transport");

interface Owned {
  [kTransport]: WebSocketTransport;
}

// Listeners shared by every connection (`this` is the emitter): no closures per connection.
function onWsMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  (this as unknown as Owned)[kTransport]._onMessage(data, isBinary);
}

function onWsError(this: WebSocket, err: Error): void {
  (this as unknown as Owned)[kTransport]._onError(err);
}

function onWsClose(this: WebSocket): void {
  (this as unknown as Owned)[kTransport]._onClose();
}

function onSocketDrain(this: Duplex): void {
  (this as unknown as Owned)[kTransport]._onDrain();
}

/** How long a graceful close waits for the client's close frame before destroying the socket. */
const CLOSE_GRACE_MS = 1000;

/** WebSocket transport of one session (or of an upgrade probe). */
export class WebSocketTransport implements Transport {
  readonly name = "websocket" as const;
  handler: TransportHandler;
  readonly pulled = false;
  private readonly ws: WebSocket;
  private readonly socket: Duplex;
  /** No extension negotiated: our frames are byte-identical to what `ws.send` would write. */
  private readonly rawFrames: boolean;
  private closedPromise: Promise<void> | undefined;
  private isClosed = false;
  private closing = false;

  /** `socket` is the raw connection `ws` wraps (the one given to `handleUpgrade`), for corking. */
  constructor(ws: WebSocket, socket: Duplex, handler: TransportHandler) {
    this.ws = ws;
    this.socket = socket;
    this.handler = handler;
    this.rawFrames = ws.extensions === "";
    ws.binaryType = "nodebuffer";
    (ws as unknown as Owned)[kTransport] = this;
    (socket as unknown as Owned)[kTransport] = this;
    ws.on("message", onWsMessage);
    ws.on("error", onWsError);
    ws.on("close", onWsClose);
    socket.on("drain", onSocketDrain);
  }

  /** @internal */
  _onError(err: Error): void {
    if (!this.closing) this.handler.onTransportError(this, err.message);
  }

  /** @internal */
  _onClose(): void {
    this.isClosed = true;
    if (!this.closing) {
      this.closing = true;
      this.handler.onTransportClose(this);
    }
  }

  /** @internal */
  _onDrain(): void {
    if (!this.closing) this.handler.onWritable(this);
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
    const batch = packets.length > 1;
    if (batch) socket.cork();
    try {
      for (let i = 0; i < packets.length; i++) {
        const packet = packets[i]!;
        if (this.senderIdle()) {
          if (packet instanceof PreparedMessage) {
            // The shared frame, written as is: same bytes for every recipient, no copy.
            const frames = packet.wsFrames();
            for (let j = 0; j < frames.length; j++) socket.write(frames[j]!);
            continue;
          }
          if (typeof packet.data === "string" || packet.data === undefined) {
            // header and payload in one chunk (see text-frame.ts)
            socket.write(textFrame(encodeEnginePacket(packet) as string));
            continue;
          }
        }
        this.ws.send(
          encodeEnginePacket(packet),
          packet.compress === false ? NO_COMPRESS : COMPRESS,
        );
      }
    } finally {
      if (batch) socket.uncork();
    }
  }

  /**
   * Whether a raw frame may go straight to the socket: no extension, and `ws`'s Sender has
   * nothing queued or in progress (writing past it would reorder frames). Unknown `ws` internals
   * count as busy, so the fallback is always `ws.send`.
   */
  private senderIdle(): boolean {
    if (!this.rawFrames) return false;
    const sender = (this.ws as unknown as { _sender?: SenderState })._sender;
    return sender?._state === 0 && sender._queue?.length === 0;
  }

  /** Nothing is pending on a WebSocket. */
  release(): void {}

  /** Never upgraded away from: nothing to pause. */
  pause(): void {}

  resume(): void {}

  close(graceful: boolean, reason?: string): void {
    if (this.closing && this.isClosed) return;
    this.closing = true;
    if (!graceful && reason === undefined) {
      this.ws.terminate();
      return;
    }
    if (this.ws.readyState === WebSocket.OPEN) {
      // 1013 "Try Again Later": the client may reconnect (and recover) once it reads again
      if (reason === undefined) this.ws.close(1000);
      else this.ws.close(1013, reason);
    }
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

  /** @internal */
  _onMessage(data: Buffer, isBinary: boolean): void {
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

/** Accepts WebSocket upgrades for one engine: one `ws` server in `noServer` mode. */
function websocketFactory(settings: {
  maxHttpBufferSize: number;
  perMessageDeflate: boolean | object;
}): UpgradeTransportFactory {
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: settings.maxHttpBufferSize,
    perMessageDeflate: settings.perMessageDeflate,
  });
  /** Extra headers of an answer, added to the 101 by the `headers` listener. */
  const extraHeaders = new WeakMap<IncomingMessage, OutgoingHttpHeaders>();
  wss.on("headers", (lines, req) => {
    const headers = extraHeaders.get(req);
    if (headers === undefined) return;
    extraHeaders.delete(req);
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (Array.isArray(value)) for (const v of value) lines.push(`${name}: ${v}`);
      else if (value !== undefined) lines.push(`${name}: ${value}`);
    }
  });
  return {
    opensWith: "upgrade",
    accept(req, socket, head, headers, done) {
      if (headers !== undefined) extraHeaders.set(req, headers);
      wss.handleUpgrade(req, socket, head, (ws) =>
        done(new WebSocketTransport(ws, socket, DETACHED)),
      );
    },
    close() {
      wss.close();
    },
  };
}

/** The `websocket` transport: opens sessions, and takes over sessions on polling or SSE. */
export const websocket: TransportDefinition<"websocket"> = {
  name: "websocket",
  handshake: true,
  upgradesFrom: ["polling", "sse"],
  setup: websocketFactory,
};
