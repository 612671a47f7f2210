/**
 * Server-Sent Events (a Volley extension, docs/CONTRACTS.md): packets come down one long-lived
 * `text/event-stream` response, one packet per event in its polling encoding (an `event: json`
 * event carries a JSON-encoded packet whose text holds line breaks); packets go up by POST as
 * polling's do. Read with `fetch` and a streaming reader, not `EventSource`, which can send no
 * headers and reconnects on its own. Opens a session (no sid: the first event is the open
 * packet) or joins one as an upgrade (with the sid: open once the server answers 200).
 */
import { decodeEnginePacket, type EnginePacket } from "@volley/protocol";
import { ConnectionErrorCode, TransportError } from "../../errors.js";
import { HttpTransport } from "./http-transport.js";
import { SseParser } from "./sse-parser.js";

export class SseTransport extends HttpTransport {
  readonly name = "sse";
  protected readonly postErrorMessage = "sse post error";

  open(): void {
    this.readyState = "opening";
    const joining = this.sid !== undefined;
    const url = this.url("http");
    this.request("sse error", url, this.init("GET", { accept: "text/event-stream" }))
      .then((res) => {
        if (!res.body) throw this.#error("the response has no readable body", url);
        if (joining && this.readyState === "opening") this.#opened();
        return this.#read(res.body);
      })
      .then(
        () => {
          if (this.readyState === "closed") return;
          const error = this.#error("the event stream ended without a close packet", url);
          if (this.readyState === "opening") this.fail(error);
          else this.closedByPeer({ description: error.description, context: error });
        },
        (error) => {
          if (this.readyState === "closed") return;
          this.fail(
            error instanceof TransportError
              ? error
              : this.#error(`reading the event stream failed: ${error}`, url, error),
          );
        },
      );
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser((type, data) => this.#onEvent(type, data));
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (this.readyState === "closed") {
        reader.cancel().catch(() => {});
        return;
      }
      parser.push(decoder.decode(value, { stream: true }));
    }
  }

  #onEvent(type: string, data: string): void {
    if (this.readyState === "closed") return;
    let packet: EnginePacket;
    try {
      packet = decodeEnginePacket(type === "json" ? (JSON.parse(data) as string) : data);
    } catch (error) {
      this.fail(
        new TransportError(
          "parse error",
          ConnectionErrorCode.PARSE_ERROR,
          `an SSE event is not an Engine.IO packet: ${JSON.stringify(data.slice(0, 100))}`,
          { transport: this.name },
          error,
        ),
      );
      return;
    }
    if (this.readyState === "opening" && packet.type === "open") this.#opened();
    if (packet.type === "close") {
      this.closedByPeer({ description: "transport closed by the server" });
      return;
    }
    this.emitLocal("packet", packet);
  }

  #opened(): void {
    this.readyState = "open";
    this.writable = true;
    this.emitLocal("open");
  }

  #error(description: string, url: string, cause?: unknown): TransportError {
    return new TransportError(
      "sse error",
      ConnectionErrorCode.STREAM_ENDED,
      `GET ${url}: ${description}`,
      { transport: this.name, request: `GET ${url}` },
      cause,
    );
  }
}
