/**
 * Event contracts on the client: with `validateIncoming`, server events are checked against
 * `serverToClient` before listeners see them (in arrival order, async schemas included); a
 * mismatch is reported to `onError` (source "contract") and answered if the server asked for an
 * ack. The server here is the official socket.io, which sends whatever it is told to.
 */
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  type ClientEmitEvents,
  type ClientListenEvents,
  ContractViolationError,
  defineEvents,
  type ErrorContext,
  io,
  type Socket,
} from "../src/index.js";
import { startServer, type TestServer } from "./helpers.js";

const events = defineEvents({
  clientToServer: { hello: { args: [z.string()], ack: z.number() } },
  serverToClient: {
    said: { args: [z.string(), z.string().transform((s) => s.trim())] },
    ask: { args: [z.number()], ack: z.boolean() },
    later: { args: [z.string().refine(async (s) => s !== "bad", { message: "bad value" })] },
  },
});

let server: TestServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
  server = undefined;
});

async function connect(validateIncoming: boolean | undefined = true) {
  const reported: [Error, ErrorContext][] = [];
  server = await startServer("socket.io");
  const serverSocket = new Promise<import("socket.io").Socket>((resolve) =>
    server!.io.once("connection", resolve),
  );
  const socket = io(server.url, {
    events,
    validateIncoming,
    forceNew: true,
    reconnection: false,
    transports: ["websocket"],
    onError: (error, context) => reported.push([error, context]),
  });
  sockets.push(socket as unknown as Socket);
  return { socket, peer: await serverSocket, reported };
}

function next<T extends unknown[]>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) =>
    (socket as unknown as { once(e: string, l: (...a: T) => void): void }).once(event, (...a) =>
      resolve(a),
    ),
  );
}

describe("client event contracts", () => {
  it("delivers the schemas' output and drops what does not match, in order", async () => {
    const { socket, peer, reported } = await connect();
    const seen: unknown[][] = [];
    socket.on("said", (from, text) => seen.push([from, text]));
    const done = next(socket as unknown as Socket, "later");
    peer.emit("said", 42, "no");
    peer.emit("said", "ann", "  hi  ");
    peer.emit("later", "ok");
    await done;
    expect(seen).toEqual([["ann", "hi"]]);
    expect(reported).toHaveLength(1);
    const [error, context] = reported[0]!;
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as ContractViolationError).code).toBe("INVALID_INCOMING_EVENT");
    expect((error as ContractViolationError).issues[0]!.path).toEqual([0]);
    expect(context).toEqual({ source: "contract", event: "said", nsp: "/" });
  });

  it("keeps arrival order behind an async schema and refuses an async mismatch", async () => {
    const { socket, peer, reported } = await connect();
    const order: string[] = [];
    socket.on("later", (s) => order.push(`later:${s}`));
    socket.on("said", (from) => order.push(`said:${from}`));
    const done = next(socket as unknown as Socket, "said");
    peer.emit("later", "bad");
    peer.emit("later", "first");
    peer.emit("said", "last", "x");
    await done;
    expect(order).toEqual(["later:first", "said:last"]);
    expect((reported[0]![0] as ContractViolationError).issues).toEqual([
      { path: [0], message: "bad value" },
    ]);
  });

  it("answers a server's ack request with a structured error when the arguments do not match", async () => {
    const { socket, peer } = await connect();
    socket.on("ask", (n, ack) => ack(n > 0));
    expect(await peer.emitWithAck("ask", "not a number")).toEqual({
      error: "invalid_arguments",
      issues: [{ path: [0], message: expect.any(String) }],
    });
    expect(await peer.emitWithAck("ask", 3)).toBe(true);
  });

  it("delivers unchecked with validateIncoming: false", async () => {
    const { socket, peer, reported } = await connect(false);
    const got = next<unknown[]>(socket as unknown as Socket, "said");
    peer.emit("said", 42, "  raw  ");
    expect(await got).toEqual([42, "  raw  "]);
    expect(reported).toEqual([]);
  });

  it("refuses an `events` option that is not a contract", () => {
    expect(() => io("http://127.0.0.1:1", { events: {} as never, autoConnect: false })).toThrow(
      /events/,
    );
  });

  it("infers the socket's event maps from the contract", () => {
    const check = () => {
      const socket = io("http://127.0.0.1:1", { events, autoConnect: false });
      expectTypeOf(socket).toEqualTypeOf<
        Socket<ClientListenEvents<typeof events>, ClientEmitEvents<typeof events>>
      >();
      socket.on("said", (from, text) => {
        expectTypeOf(from).toEqualTypeOf<string>();
        expectTypeOf(text).toEqualTypeOf<string>();
      });
      socket.emit("hello", "hi", (n) => expectTypeOf(n).toEqualTypeOf<number>());
      // @ts-expect-error the argument must be a string
      socket.emit("hello", 1, () => {});
    };
    expectTypeOf(check).toBeFunction();
  });
});
