/**
 * A raw SSE reader for the engine tests: one GET on its own connection, the response text kept
 * whole (`raw`) and split into events; `next()` resolves with the next packet (the `data` of an
 * event, JSON-decoded for `event: json`), comments skipped.
 */

import {
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
} from "node:http";
import { PATH } from "./helpers.js";

export class SseStream {
  status = 0;
  headers: IncomingHttpHeaders = {};
  /** Everything received, as text. */
  raw = "";
  /** Events received, as written (`event`/`data` fields). */
  readonly events: { event: string | undefined; data: string }[] = [];
  readonly ready: Promise<void>;
  readonly ended: Promise<void>;
  private readonly req: ClientRequest;
  private res: IncomingMessage | undefined;
  private buffer = "";
  private packets: string[] = [];
  private waiting: ((packet: string) => void) | undefined;

  constructor(port: number, query: string, headers: Record<string, string> = {}) {
    let onReady!: () => void;
    let onEnd!: () => void;
    this.ready = new Promise((r) => {
      onReady = r;
    });
    this.ended = new Promise((r) => {
      onEnd = r;
    });
    this.req = request(
      { host: "127.0.0.1", port, path: `${PATH}?${query}`, agent: false, headers },
      (res) => {
        this.res = res;
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => this.onChunk(chunk));
        res.on("end", onEnd);
        res.on("close", onEnd);
        res.on("error", onEnd);
        onReady();
      },
    );
    this.req.on("error", () => {
      onReady();
      onEnd();
    });
    this.req.end();
  }

  /** The next packet (waits for it). */
  next(): Promise<string> {
    const packet = this.packets.shift();
    if (packet !== undefined) return Promise.resolve(packet);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** The next `n` packets. */
  async take(n: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await this.next());
    return out;
  }

  /** Stop reading the stream (a slow consumer: the server's send buffer fills up). */
  stopReading(): void {
    this.res?.pause();
  }

  /** Drop the connection from the client side. */
  abort(): void {
    this.req.destroy();
  }

  private onChunk(chunk: string): void {
    this.raw += chunk;
    this.buffer += chunk;
    for (let end = this.buffer.indexOf("\n\n"); end !== -1; end = this.buffer.indexOf("\n\n")) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event: string | undefined;
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length === 0) continue;
      const text = data.join("\n");
      this.events.push({ event, data: text });
      this.push(event === "json" ? (JSON.parse(text) as string) : text);
    }
  }

  private push(packet: string): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting(packet);
    } else this.packets.push(packet);
  }
}
