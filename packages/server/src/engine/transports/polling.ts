/**
 * HTTP long-polling (Engine.IO v4): a GET is held until packets are ready and answered with a
 * `\x1e`-joined payload; a POST carries a text payload and is answered `ok`. Enforces the
 * transport's rules: one GET and one POST at a time, text bodies only (an
 * `application/octet-stream` POST is a 400 at once), bodies bounded by `maxHttpBufferSize`
 * (413), every request answered exactly once.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import {
  decodePayload,
  EngineErrorCode,
  type EnginePacket,
  encodePollingPacket,
  PAYLOAD_SEPARATOR,
} from "@volley/protocol";
import { abortRequest } from "../http-errors.js";
import { PreparedMessage } from "../prepared-message.js";
import type { OutboundPacket, Transport, TransportHandler } from "./transport.js";

const NOOP: readonly EnginePacket[] = [{ type: "noop" }];

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

/** Long-polling transport of one session. */
export class PollingTransport implements Transport {
  readonly name = "polling" as const;
  handler: TransportHandler;
  readonly bufferedBytes = 0;
  readonly needsDrain = false;
  private pendingGet: ServerResponse | undefined;
  private postActive = false;
  private closed = false;
  private readonly maxBodyBytes: number;
  private readonly maxPackets: number;

  constructor(handler: TransportHandler, maxBodyBytes: number, maxPackets: number) {
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
    this.maxPackets = maxPackets;
  }

  get writable(): boolean {
    return this.pendingGet !== undefined;
  }

  /** Route one HTTP request of this session (headers such as CORS are already set on `res`). */
  onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === "GET") this.onPoll(res);
    else if (req.method === "POST") this.onData(req, res);
    else abortRequest(res, EngineErrorCode.BAD_REQUEST);
  }

  write(packets: readonly OutboundPacket[]): void {
    const res = this.pendingGet;
    if (res === undefined) return;
    this.pendingGet = undefined;
    const body = encodeBody(packets);
    res.writeHead(200, {
      "Content-Type": "text/plain; charset=UTF-8",
      "Content-Length": Buffer.byteLength(body),
    });
    res.end(body);
  }

  /** Answer a pending GET with a noop (upgrade in progress, or client-initiated close). */
  writeNoop(): void {
    this.write(NOOP);
  }

  close(_graceful: boolean): void {
    if (this.closed) return;
    this.closed = true;
    // A GET still held here gets a close packet so the client never waits on a dead session.
    if (this.pendingGet) this.write([{ type: "close" }]);
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

  private onData(req: IncomingMessage, res: ServerResponse): void {
    if (this.postActive) {
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      this.handler.onTransportError(this, "data request overlap from client");
      return;
    }
    const contentType = req.headers["content-type"];
    if (contentType?.toLowerCase().startsWith("application/octet-stream")) {
      res.setHeader("Connection", "close");
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      this.handler.onTransportError(this, "invalid content (binary polling body)");
      return;
    }
    const declared = Number(req.headers["content-length"]);
    if (declared > this.maxBodyBytes) {
      this.tooLarge(res);
      return;
    }
    this.postActive = true;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      done = true;
      this.postActive = false;
      req.off("data", onChunk);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
    };
    const onChunk = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        finish();
        this.tooLarge(res);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      finish();
      const body =
        chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
      this.onBody(body, res);
    };
    const onAbort = (): void => {
      if (!done) finish();
    };
    req.on("data", onChunk);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  }

  private onBody(body: string, res: ServerResponse): void {
    let packets: EnginePacket[];
    try {
      packets = decodePayload(body, { maxPackets: this.maxPackets });
    } catch (err) {
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      this.handler.onParseError(this, err instanceof Error ? err.message : "invalid payload");
      return;
    }
    for (const packet of packets) {
      if (this.closed) break;
      this.handler.onPacket(this, packet);
    }
    if (res.headersSent || res.destroyed) return;
    res.writeHead(200, { "Content-Type": "text/html", "Content-Length": 2 });
    res.end("ok");
  }

  private tooLarge(res: ServerResponse): void {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(413, { Connection: "close", "Content-Length": 0 });
      res.end();
    }
    this.handler.onTransportError(this, "polling body exceeds maxHttpBufferSize");
  }
}
