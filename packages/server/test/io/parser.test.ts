/**
 * The server's `parser` option: validated like every option, the built-in codec when it is
 * `defaultParser`, and a packet a lax custom parser lets through is checked as strictly as the
 * built-in decoder would: "parse error" for that client only, nothing reported as an app error,
 * other clients unaffected. (msgpack end to end: packages/msgpack-parser/test/interop.test.ts.)
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultParser, InvalidOptionError, type Packet } from "@volley/protocol";
import { type Socket as ClientSocket, io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { Server, type ServerOptions } from "../../src/index.js";
import { once } from "./helpers.js";

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function start(options: Partial<ServerOptions>) {
  const http = createServer();
  const io = new Server(http, options);
  closers.push(() => io.close());
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function client(url: string): ClientSocket {
  const socket = ioc(url, { forceNew: true, reconnection: false, transports: ["websocket"] });
  closers.push(() => {
    socket.disconnect();
  });
  return socket;
}

describe("parser option", () => {
  it("refuses a value that is not { Encoder, Decoder }, naming the option", () => {
    expect(() => new Server({ parser: {} as never })).toThrow(InvalidOptionError);
    expect(() => new Server({ parser: {} as never })).toThrow(/parser/);
  });

  it("treats defaultParser as the built-in codec", async () => {
    const { io, url } = await start({ parser: defaultParser });
    expect(io.opts.parser).toBeUndefined();
    io.on("connection", (socket) =>
      socket.on("echo", (d: unknown, ack: (x: unknown) => void) => ack(d)),
    );
    const socket = client(url);
    await once(socket, "connect");
    expect(await socket.emitWithAck("echo", Buffer.from([5]))).toEqual(Buffer.from([5]));
  });

  it("closes a client whose lax parser lets a malformed packet through, and only that client", async () => {
    // the built-in decoder, except that an event named "bad" comes out with an object as name
    class LaxDecoder extends defaultParser.Decoder {
      override on(event: "decoded", listener: (packet: Packet) => void) {
        return super.on(event, (packet: Packet) => {
          const data = packet.data as unknown[] | undefined;
          if (packet.type === 2 && data?.[0] === "bad") data[0] = { not: "a name" };
          listener(packet);
        });
      }
    }
    const { io, url } = await start({
      parser: { Encoder: defaultParser.Encoder, Decoder: LaxDecoder },
    });
    const appErrors: unknown[] = [];
    io.on("error", (err) => appErrors.push(err));
    const reasons: string[] = [];
    io.on("connection", (socket) => {
      socket.on("disconnect", (reason) => reasons.push(reason));
      socket.on("echo", (d: unknown, ack: (x: unknown) => void) => ack(d));
    });
    const bad = client(url);
    const good = client(url);
    await Promise.all([once(bad, "connect"), once(good, "connect")]);
    const closed = once(bad, "disconnect");
    bad.emit("bad");
    await closed;
    expect(reasons).toEqual(["parse error"]);
    expect(await good.emitWithAck("echo", "still fine")).toBe("still fine");
    expect(appErrors).toEqual([]);
  });
});
