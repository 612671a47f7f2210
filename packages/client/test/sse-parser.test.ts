/** The SSE parser alone: chunks split anywhere, line endings, comments, `event:` names. */
import { describe, expect, it } from "vitest";
import { SseParser } from "../src/engine/transports/sse-parser.js";

function parse(chunks: string[]): [string, string][] {
  const events: [string, string][] = [];
  const parser = new SseParser((type, data) => events.push([type, data]));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

describe("SseParser", () => {
  it("dispatches data events on a blank line, ignoring comments and other fields", () => {
    const stream = `:${" ".repeat(2048)}\n\ndata: 0{"sid":"a"}\n\nid: 7\nretry: 10\ndata: 2\n\n: keep-alive\n\n`;
    expect(parse([stream])).toEqual([
      ["message", '0{"sid":"a"}'],
      ["message", "2"],
    ]);
  });

  it("reassembles events split anywhere, with any line ending", () => {
    const stream = "data: 4hello\r\n\r\ndata:4no-space\r\rdata: 4a\ndata: b\n\n";
    const expected = [
      ["message", "4hello"],
      ["message", "4no-space"],
      ["message", "4a\nb"],
    ];
    expect(parse([stream])).toEqual(expected);
    // every split point, including between "\r" and "\n"
    for (let i = 1; i < stream.length; i++) {
      expect(parse([stream.slice(0, i), stream.slice(i)])).toEqual(expected);
    }
    expect(parse(stream.split(""))).toEqual(expected);
  });

  it("names events with event:, which resets after each dispatch", () => {
    expect(parse(['event: json\ndata: "4a\\nb"\n\ndata: 3\n\n'])).toEqual([
      ["json", '"4a\\nb"'],
      ["message", "3"],
    ]);
  });

  it("waits for the blank line: an unterminated event is not dispatched", () => {
    expect(parse(["data: 4partial\n"])).toEqual([]);
  });
});
