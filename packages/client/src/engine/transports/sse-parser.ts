/**
 * A tiny Server-Sent Events parser (the WHATWG event-stream format, as much as Engine.IO over
 * SSE needs): text goes in by chunks, split anywhere; `data:` lines are joined with "\n", an
 * `event:` line names the event, a blank line dispatches it, `:` comment lines (the padding
 * that flushes proxies) and other fields are ignored. Lines end with "\r\n", "\n" or "\r".
 */
export class SseParser {
  #buffer = "";
  #data: string[] = [];
  #event = "";

  /** @param onEvent receives each complete event: its type ("message" by default) and data */
  constructor(private readonly onEvent: (type: string, data: string) => void) {}

  /** Feeds the next chunk of decoded text. */
  push(text: string): void {
    const buffer = this.#buffer + text;
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = lineEnd.exec(buffer); match; match = lineEnd.exec(buffer)) {
      // a "\r" ending the chunk may be the first half of "\r\n": wait for the next chunk
      if (match[0] === "\r" && match.index === buffer.length - 1) break;
      this.#line(buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    this.#buffer = buffer.slice(start);
  }

  #line(line: string): void {
    if (line === "") {
      if (this.#data.length > 0) this.onEvent(this.#event || "message", this.#data.join("\n"));
      this.#data = [];
      this.#event = "";
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" */) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* " " */) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
  }
}
