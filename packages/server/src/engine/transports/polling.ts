/**
 * HTTP long-polling (Engine.IO v4): a GET is held until packets are ready and answered with a
 * `\x1e`-joined payload; a POST carries a text payload and is answered `ok` (payload-post.ts).
 * Enforces the transport's rules: one GET and one POST at a time, every request answered
 * exactly once. The client pulls: a session on polling can only write while a GET is pending.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import {
  EngineErrorCode,
  type EnginePacket,
  encodePollingPacket,
  PAYLOAD_SEPARATOR,
} from "@volley/protocol";
import { abortRequest } from "../http-errors.js";
import { PreparedMessage } from "../prepared-message.js";
import { acceptedEncoding, compressBody, type PollingCompression } from "./http-compression.js";
import { PayloadPost } from "./payload-post.js";
import {
  DETACHED,
  type OutboundPacket,
  type Transport,
  type TransportDefinition,
  type TransportHandler,
} from "./transport.js";

const NOOP: readonly EnginePacket[] = [{ type: "noop" }];
const CLOSE: readonly EnginePacket[] = [{ type: "close" }];

/** A polling body; a broadcast's segment is encoded once and shared by every recipient. */
function encodeBody(packets: readonly OutboundPacket[]): string {
  let out = "";
  for (let i = 0; i < packets.length; i++) {
    if (i > 0) out += PAYLOAD_SEPARATOR;
    const packet = packets[i]!;
    out +=
      packet instanceof PreparedMessage ? packet.pollingSegment() : encodePollingPacket(packet);
  }
  return out;
}

/** Whether a batch may be compressed: one of its packets allows it (engine.io's rule). */
function mayCompress(packets: readonly OutboundPacket[]): boolean {
  for (let i = 0; i < packets.length; i++) if (packets[i]!.compress !== false) return true;
  return false;
}

function answer(res: ServerResponse, body: string | Buffer, encoding?: string): void {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = {
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Length": typeof body === "string" ? Buffer.byteLength(body) : body.length,
  };
  if (encoding !== undefined) {
    headers["Content-Encoding"] = encoding;
    headers.Vary = "Accept-Encoding";
  }
  res.writeHead(200, headers);
  res.end(body);
}

/** Long-polling transport of one session. */
export class PollingTransport implements Transport {
  readonly name = "polling" as const;
  handler: TransportHandler;
  readonly bufferedBytes = 0;
  readonly needsDrain = false;
  readonly pulled = true;
  private pendingGet: ServerResponse | undefined;
  private closed = false;
  private readonly post: PayloadPost;

  private readonly compression: PollingCompression | undefined;

  constructor(
    handler: TransportHandler,
    maxBodyBytes: number,
    maxPackets: number,
    compression?: PollingCompression,
  ) {
    this.handler = handler;
    this.compression = compression;
    this.post = new PayloadPost(this, maxBodyBytes, maxPackets);
  }

  get writable(): boolean {
    return this.pendingGet !== undefined;
  }

  /** Route one HTTP request of this session (headers such as CORS are already set on `res`). */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === "GET") this.onPoll(res);
    else if (req.method === "POST") this.post.receive(req, res);
    else abortRequest(res, EngineErrorCode.BAD_REQUEST);
  }

  write(packets: readonly OutboundPacket[]): void {
    const res = this.pendingGet;
    if (res === undefined) return;
    this.pendingGet = undefined;
    const body = encodeBody(packets);
    const compression = this.compression;
    if (
      compression !== undefined &&
      body.length * 3 >= compression.threshold && // cheap bound before counting bytes
      Buffer.byteLength(body) >= compression.threshold &&
      mayCompress(packets)
    ) {
      const encoding = acceptedEncoding(res.req);
      if (encoding !== undefined) {
        compressBody(body, encoding, compression.zlib, (err, data) => {
          if (err === null) answer(res, data, encoding);
          else answer(res, body);
        });
        return;
      }
    }
    answer(res, body);
  }

  /** Answer a pending GET with a noop. */
  release(): void {
    this.write(NOOP);
  }

  /** The client pauses polling once its pending GET is answered: release it. */
  pause(): void {
    this.write(NOOP);
  }

  /** Nothing to do: the client's next GET makes the transport writable again. */
  resume(): void {}

  close(_graceful: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.post.closed = true;
    // A GET still held here gets a close packet so the client never waits on a dead session.
    this.write(CLOSE);
  }

  whenClosed(): Promise<void> {
    return Promise.resolve();
  }

  private onPoll(res: ServerResponse): void {
    if (this.pendingGet !== undefined || this.closed) {
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      if (!this.closed) this.handler.onTransportError(this, "overlap from client");
      return;
    }
    this.pendingGet = res;
    res.once("close", () => {
      if (this.pendingGet === res) {
        this.pendingGet = undefined;
        this.handler.onTransportError(this, "poll connection closed prematurely");
      }
    });
    this.handler.onWritable(this);
  }
}

/** The `polling` transport: opens sessions with a GET; nothing upgrades to it. */
export const polling: TransportDefinition<"polling"> = {
  name: "polling",
  handshake: true,
  upgradesFrom: [],
  setup(settings) {
    const { maxHttpBufferSize, maxPacketsPerPayload, httpCompression } = settings;
    return {
      opensWith: "request",
      create: () =>
        new PollingTransport(DETACHED, maxHttpBufferSize, maxPacketsPerPayload, httpCompression),
    };
  },
};
