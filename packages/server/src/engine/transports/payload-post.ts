/**
 * The upstream half shared by the HTTP transports (polling and SSE): a POST carrying a text
 * payload (packets joined by `\x1e`), answered `200 ok`. One POST at a time, text bodies only
 * (an `application/octet-stream` POST is a 400 at once), bodies bounded by `maxHttpBufferSize`
 * (413, from the declared length when there is one, then a lingering close), every request answered exactly once.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { decodePayload, EngineErrorCode, type EnginePacket } from "@volley/protocol";
import { abortRequest } from "../http-errors.js";
import type { Transport } from "./transport.js";

/** How long a refused body is still read (and discarded) before the connection closes. */
const LINGER_MS = 1000;

/**
 * Lingering close of a refused request: the 413 headers are out; keep reading (and discarding)
 * what the client is still sending, up to `maxBytes` more or {@link LINGER_MS}, then end the
 * response, which closes the connection (`Connection: close`). Closing at once, with unread
 * bytes in the socket, makes the kernel answer with a reset that can discard the 413 before a
 * client which writes its whole body first gets to read it.
 */
function lingerThenEnd(req: IncomingMessage, res: ServerResponse, maxBytes: number): void {
  let discarded = 0;
  const done = (): void => {
    clearTimeout(timer);
    req.off("data", onData);
    req.off("end", done);
    req.off("close", done);
    if (!res.writableEnded) res.end();
  };
  const onData = (chunk: Buffer): void => {
    discarded += chunk.length;
    if (discarded > maxBytes) done();
  };
  const timer = setTimeout(done, LINGER_MS);
  timer.unref();
  req.on("data", onData);
  req.on("end", done);
  req.on("close", done);
}

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
      this.tooLarge(req, res);
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
        this.tooLarge(req, res);
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

  private tooLarge(req: IncomingMessage, res: ServerResponse): void {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(413, { Connection: "close", "Content-Length": 0 });
      res.flushHeaders();
      lingerThenEnd(req, res, this.maxBodyBytes);
    }
    const transport = this.transport;
    transport.handler.onTransportError(
      transport,
      `${transport.name} body exceeds maxHttpBufferSize`,
    );
  }
}
