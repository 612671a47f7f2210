/**
 * Server-Sent Events (a Volley extension, see the "SSE transport" section of docs/CONTRACTS.md):
 * packets go down one long-lived `text/event-stream` response, one packet per event in its
 * polling encoding; packets come up in POSTs exactly as polling's (payload-post.ts). Push over
 * plain HTTP where WebSocket is blocked but streaming responses are not. A session can open on
 * SSE, upgrade to it from polling, and upgrade from it to WebSocket.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { EngineErrorCode, encodePollingPacket } from "@volley/protocol";
import { abortRequest } from "../http-errors.js";
import { PreparedMessage } from "../prepared-message.js";
import { PayloadPost } from "./payload-post.js";
import {
  DETACHED,
  type OutboundPacket,
  type Transport,
  type TransportDefinition,
  type TransportHandler,
} from "./transport.js";

/** A comment of 2 KB sent first, so that proxies which buffer the first bytes flush the stream. */
export const SSE_PADDING = `:${" ".repeat(2048)}\n\n`;

const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
} as const;

/**
 * One packet as an event: `data: <packet>\n\n`; a packet whose text form holds a line break
 * (only raw engine messages can) goes as `event: json` with its JSON-encoded text.
 */
export function sseEvent(text: string): string {
  if (text.indexOf("\n") === -1 && text.indexOf("\r") === -1) return `data: ${text}\n\n`;
  return `event: json\ndata: ${JSON.stringify(text)}\n\n`;
}

function onStreamDrain(this: ServerResponse & { [kTransport]?: SseTransport }): void {
  this[kTransport]?.drained();
}

function onStreamClose(this: ServerResponse & { [kTransport]?: SseTransport }): void {
  this[kTransport]?.streamClosed(this);
}

/** Where a stream points back to its transport, for the shared listeners above. */
const kTransport = Symbol("volley.sse");

/** SSE transport of one session (or of an upgrade probe). */
export class SseTransport implements Transport {
  readonly name = "sse" as const;
  handler: TransportHandler;
  readonly pulled = false;
  private stream: (ServerResponse & { [kTransport]?: SseTransport }) | undefined;
  private paused = false;
  private closed = false;
  private closedPromise: Promise<void> | undefined;
  private readonly post: PayloadPost;

  constructor(handler: TransportHandler, maxBodyBytes: number, maxPackets: number) {
    this.handler = handler;
    this.post = new PayloadPost(this, maxBodyBytes, maxPackets);
  }

  get writable(): boolean {
    return this.stream !== undefined && !this.paused && !this.closed;
  }

  get bufferedBytes(): number {
    return this.stream?.writableLength ?? 0;
  }

  get needsDrain(): boolean {
    return this.stream?.writableNeedDrain ?? false;
  }

  /** GET opens the stream, POST carries packets up. */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === "GET") this.openStream(res);
    else if (req.method === "POST") this.post.receive(req, res);
    else abortRequest(res, EngineErrorCode.BAD_REQUEST);
  }

  write(packets: readonly OutboundPacket[]): void {
    const stream = this.stream;
    if (stream === undefined || this.closed) return;
    let out = "";
    for (let i = 0; i < packets.length; i++) {
      const packet = packets[i]!;
      out += sseEvent(
        packet instanceof PreparedMessage ? packet.pollingSegment() : encodePollingPacket(packet),
      );
    }
    stream.write(out);
  }

  /** Nothing is pending on a stream. */
  release(): void {}

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** End the stream: gracefully after what was written, or at once (dropping unsent data). */
  close(graceful: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.post.closed = true;
    const stream = this.stream;
    if (stream === undefined) return;
    if (graceful) stream.end();
    else stream.destroy();
  }

  whenClosed(): Promise<void> {
    const stream = this.stream;
    if (stream === undefined || stream.closed) return Promise.resolve();
    this.closedPromise ??= new Promise((resolve) => stream.once("close", () => resolve()));
    return this.closedPromise;
  }

  /** The stream's socket drained after backpressure. */
  drained(): void {
    if (!this.closed) this.handler.onWritable(this);
  }

  /** The stream's connection is gone: unless we ended it, the client closed the transport. */
  streamClosed(stream: ServerResponse): void {
    if (stream !== this.stream || this.closed) return;
    this.closed = true;
    this.post.closed = true;
    this.handler.onTransportClose(this);
  }

  private openStream(res: ServerResponse): void {
    if (this.stream !== undefined || this.closed) {
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      if (!this.closed) this.handler.onTransportError(this, "second stream from client");
      return;
    }
    const stream = res as ServerResponse & { [kTransport]?: SseTransport };
    this.stream = stream;
    stream[kTransport] = this;
    stream.on("drain", onStreamDrain);
    stream.on("close", onStreamClose);
    stream.writeHead(200, STREAM_HEADERS);
    stream.write(SSE_PADDING);
    this.handler.onWritable(this);
  }
}

/** The `sse` transport: opens sessions with a GET, and takes over sessions on polling. */
export const sse: TransportDefinition<"sse"> = {
  name: "sse",
  handshake: true,
  upgradesFrom: ["polling"],
  setup(settings) {
    const { maxHttpBufferSize, maxPacketsPerPayload } = settings;
    return {
      opensWith: "request",
      create: () => new SseTransport(DETACHED, maxHttpBufferSize, maxPacketsPerPayload),
    };
  },
};
