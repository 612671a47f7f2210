/**
 * Type tests: a contract gives the Server and its sockets their event maps without writing them
 * (checked by `tsc`, pnpm typecheck): listeners get the schemas' output, emit takes their input.
 */
import { createServer } from "node:http";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  defineEvents,
  type InvalidEvent,
  Server,
  type ServerListenEvents,
  type Socket,
} from "../../src/index.js";

const events = defineEvents({
  clientToServer: {
    say: {
      args: [z.object({ text: z.string(), room: z.string().default("lobby") })],
      ack: z.object({ ok: z.boolean() }),
    },
    move: { args: [z.number(), z.string().transform((s) => s.length)] },
  },
  serverToClient: {
    said: { args: [z.string(), z.string()] },
    ask: { args: [z.string()], ack: z.boolean() },
  },
});

function typeChecks() {
  const io = new Server(createServer(), { events });
  expectTypeOf(io).toEqualTypeOf<
    Server<
      ServerListenEvents<typeof events>,
      {
        said: (a: string, b: string) => void;
        ask: (a: string, ack: (answer: boolean) => void) => void;
      }
    >
  >();
  io.on("connection", (socket) => {
    socket.on("say", (message, ack) => {
      expectTypeOf(message).toEqualTypeOf<{ text: string; room: string }>();
      expectTypeOf(ack).toEqualTypeOf<(answer: { ok: boolean }) => void>();
    });
    socket.on("move", (n, length) => {
      expectTypeOf(n).toEqualTypeOf<number>();
      expectTypeOf(length).toEqualTypeOf<number>();
    });
    socket.emit("said", "alice", "hi");
    // @ts-expect-error the second argument must be a string
    socket.emit("said", "alice", 1);
    // @ts-expect-error not in the contract
    socket.emit("unknown");
    socket.emit("ask", "sure?", (answer) => expectTypeOf(answer).toEqualTypeOf<boolean>());
  });
  io.on("invalid_event", (refused) => {
    expectTypeOf(refused).toEqualTypeOf<
      InvalidEvent<Socket<ServerListenEvents<typeof events>, ReturnType<typeof emitMap>>>
    >();
    expectTypeOf(refused.issues[0]!.path).toEqualTypeOf<(string | number)[]>();
  });
  // without a contract the maps stay the defaults
  const plain = new Server(createServer(), { pingInterval: 1000 });
  plain.on("connection", (socket) => socket.emit("anything", 1, 2));
}

declare function emitMap(): {
  said: (a: string, b: string) => void;
  ask: (a: string, ack: (answer: boolean) => void) => void;
};

describe("contract types", () => {
  it("are checked by tsc", () => {
    expectTypeOf(typeChecks).toBeFunction();
  });
});
