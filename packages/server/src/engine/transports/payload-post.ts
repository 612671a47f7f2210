/**
 * The upstream half shared by the HTTP transports (polling and SSE): a POST carrying a text
 * payload (packets joined by `\x1e`), answered `200 ok`. One POST at a time, text bodies only
 * (an `application/octet-stream` POST is a 400 at once), bodies bounded by `maxHttpBufferSize`
 * (413, from the declared length when there is one), every request answered exactly once.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { decodePayload, EngineErrorCode, type EnginePacket } from "@volley/protocol";
import { abortRequest } from "../http-errors.js";
import type { Transport } from "./transport.js";

/** Reads the POSTs of one HTTP transport and hands their packets to its handler. */
export class PayloadPost {
  private readonly transport: Transport;
  private readonly maxBodyBytes: number;
  private readonly maxPackets: number;
  private active = false;
  /** Set once the transport closed: packets of a body still being dispatched are dropped. */
  closed = false;

  constructor(transport: Transport, maxBodyBytes: number, maxPackets: number) {
    this.transport = transport;
    this.maxBodyBytes = maxBodyBytes;
    this.maxPackets = maxPackets;
  }

  /** Take one POST of the transport. */
  receive(req: IncomingMessage, res: ServerResponse): void {
    const transport = this.transport;
    if (this.active) {
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      transport.handler.onTransportError(transport, "data request overlap from client");
      return;
    }
    const contentType = req.headers["content-type"];
    if (contentType?.toLowerCase().startsWith("application/octet-stream")) {
      res.setHeader("Connection", "close");
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      transport.handler.onTransportError(
        transport,
        `invalid content (binary ${transport.name} body)`,
      );
      return;
    }
    const declared = Number(req.headers["content-length"]);
    if (declared > this.maxBodyBytes) {
      this.tooLarge(res);
      return;
    }
    this.active = true;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      done = true;
      this.active = false;
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
    const transport = this.transport;
    let packets: EnginePacket[];
    try {
      packets = decodePayload(body, { maxPackets: this.maxPackets });
    } catch (err) {
      abortRequest(res, EngineErrorCode.BAD_REQUEST);
      transport.handler.onParseError(
        transport,
        err instanceof Error ? err.message : "invalid payload",
      );
      return;
    }
    for (const packet of packets) {
      if (this.closed) break;
      transport.handler.onPacket(transport, packet);
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
    const transport = this.transport;
    transport.handler.onTransportError(
      transport,
      `${transport.name} body exceeds maxHttpBufferSize`,
    );
  }
}
