/**
 * The client's `parser` option: socket.io's `{ Encoder, Decoder }` interface. The built-in codec
 * in that shape (`defaultParser`) works on both sides, against both server kinds; the official
 * `socket.io-msgpack-parser` works against both; a lax parser that lets a malformed packet
 * through is caught by the client's own check ("parse error", with the error).
 */
import { defaultParser, type Packet, ProtocolError } from "@volley/protocol";
import msgpack from "socket.io-msgpack-parser";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidOptionError, io, type Socket } from "../src/index.js";
import { type AnyServer, once, serverKinds, startServer, type TestServer } from "./helpers.js";

const echo = (srv: AnyServer) =>
  srv.on("connection", (socket: AnyServer) =>
    socket.on("echo", (data: unknown, ack: (d: unknown) => void) => ack(data)),
  );

describe.each(serverKinds)("parser option with the %s server", (kind) => {
  const servers: TestServer[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function pair(serverParser: unknown, clientParser: unknown, setup = echo) {
    const server = await startServer(kind, { parser: serverParser }, setup);
    servers.push(server);
    const socket = io(server.url, {
      parser: clientParser as never,
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  }

  it("defaultParser on both sides is the built-in codec (binary included, upgrade included)", async () => {
    const socket = await pair(defaultParser, defaultParser);
    await once(socket, "connect");
    const reply = (await socket.emitWithAck("echo", { b: Buffer.from([1, 2]) })) as { b: Buffer };
    expect(Buffer.from(reply.b)).toEqual(Buffer.from([1, 2]));
  });

  it("socket.io-msgpack-parser on both sides", async () => {
    const socket = await pair(msgpack, msgpack);
    await once(socket, "connect");
    expect(await socket.emitWithAck("echo", [1, "two", { three: 3 }])).toEqual([
      1,
      "two",
      { three: 3 },
    ]);
  });

  it("a lax parser's malformed packet is a parse error, with the error as details", async () => {
    // decodes like the default, but turns every event's name into an object
    class LaxDecoder extends defaultParser.Decoder {
      override on(event: "decoded", listener: (packet: Packet) => void) {
        return super.on(event, (packet: Packet) => {
          if (packet.type === 2) (packet.data as unknown[])[0] = { not: "a name" };
          listener(packet);
        });
      }
    }
    const lax = { Encoder: defaultParser.Encoder, Decoder: LaxDecoder };
    const socket = await pair(undefined, lax, (srv) =>
      srv.on("connection", (s: AnyServer) => s.emit("hello", 1)),
    );
    const [reason, details] = await once<[string, unknown]>(socket, "disconnect");
    expect(reason).toBe("parse error");
    expect(details).toBeInstanceOf(ProtocolError);
  });
});

it("refuses a parser option that is not { Encoder, Decoder }", () => {
  expect(() => io("http://127.0.0.1:1", { autoConnect: false, parser: {} as never })).toThrow(
    InvalidOptionError,
  );
});
