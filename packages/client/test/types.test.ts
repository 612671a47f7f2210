/** Type tests: event maps drive on/emit/acks, through timeout() too; signals are typed. */
import type { ReadonlySignal } from "@preact/signals-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import "../src/sse.js"; // registers the opt-in SSE transport
import {
  type AckResult,
  type ConnectError,
  type ConnectionStatus,
  type DisconnectReason,
  type ErrorContext,
  eventSignal,
  InvalidOptionError,
  io,
  type Socket,
} from "../src/index.js";

interface ServerToClient {
  "chat:message": (text: string, from: { name: string }) => void;
  tick: (n: number) => void;
}
interface ClientToServer {
  "chat:send": (text: string, ack: (reply: { ok: boolean }) => void) => void;
  ping: () => void;
}

describe("types", () => {
  const socket: Socket<ServerToClient, ClientToServer> = io<ServerToClient, ClientToServer>(
    "http://127.0.0.1:9",
    { autoConnect: false, forceNew: true },
  );

  it("types listeners from the listen map and reserved events", () => {
    socket.on("chat:message", (text, from) => {
      expectTypeOf(text).toBeString();
      expectTypeOf(from).toEqualTypeOf<{ name: string }>();
    });
    socket.on("connect_error", (error) => expectTypeOf(error).toEqualTypeOf<ConnectError>());
    socket.on("disconnect", (reason) => expectTypeOf(reason).toEqualTypeOf<DisconnectReason>());
    // @ts-expect-error wrong listener parameter type
    socket.on("tick", (n: string) => n);
  });

  it("types emits, acks and emitWithAck, also through timeout()", () => {
    socket.emit("chat:send", "hi", (reply) => expectTypeOf(reply).toEqualTypeOf<{ ok: boolean }>());
    socket.emit("ping");
    // @ts-expect-error unknown event
    socket.emit("nope");
    // @ts-expect-error wrong argument
    socket.emit("chat:send", 42, () => {});
    socket.timeout(1000).emit("chat:send", "hi", (err, reply) => {
      expectTypeOf(err).toEqualTypeOf<Error | null>();
      expectTypeOf(reply).toEqualTypeOf<{ ok: boolean }>();
    });
    expectTypeOf(socket.emitWithAck).toBeFunction();
    // timeout() decorates callbacks, never the reply of emitWithAck
    const timed = socket.timeout(1000);
    expectTypeOf<ReturnType<typeof timed.emitWithAck<"chat:send">>>().toEqualTypeOf<
      Promise<{ ok: boolean }>
    >();
    // @ts-expect-error a timed callback must accept the error first
    timed.emit("chat:send", "hi", (reply: { ok: boolean }) => reply);
    expectTypeOf<ReturnType<typeof socket.emitWithAck<"chat:send">>>().toEqualTypeOf<
      Promise<{ ok: boolean }>
    >();
    expectTypeOf<Parameters<typeof socket.emitWithAck<"chat:send">>>().toEqualTypeOf<
      ["chat:send", string]
    >();
  });

  it("types the options: the error hook, the logger, transport names", () => {
    const s = io("http://127.0.0.1:9", {
      autoConnect: false,
      forceNew: true,
      transports: ["sse", "polling"],
      onError: (error, context) => {
        expectTypeOf(error).toEqualTypeOf<Error>();
        expectTypeOf(context).toEqualTypeOf<ErrorContext>();
        expectTypeOf(context.source).toEqualTypeOf<
          "listener" | "effect" | "ack" | "auth" | "logger" | "contract"
        >();
      },
      logger: (scope, message, ...args) => {
        expectTypeOf(scope).toEqualTypeOf<"volley:client">();
        expectTypeOf(message).toBeString();
        expectTypeOf(args).toEqualTypeOf<unknown[]>();
      },
    });
    // rejected at compile time, and at run time for untyped callers
    expect(() =>
      // @ts-expect-error an unknown transport name
      io("http://127.0.0.1:9", { autoConnect: false, transports: ["websockets"] }),
    ).toThrow(InvalidOptionError);
    expect(() =>
      // @ts-expect-error an unknown option
      io("http://127.0.0.1:9", { autoConnect: false, reconection: false }),
    ).toThrow(InvalidOptionError);
    expectTypeOf<AckResult<ClientToServer, "chat:send">>().toEqualTypeOf<{ ok: boolean }>();
    expectTypeOf<AckResult<ClientToServer, "chat:send">>().toEqualTypeOf<{ ok: boolean }>();
    s.io.close();
  });

  it("types the reactive state and eventSignal", () => {
    expectTypeOf(socket.status).toEqualTypeOf<ReadonlySignal<ConnectionStatus>>();
    expectTypeOf(socket.transport.value).toEqualTypeOf<
      "polling" | "websocket" | "sse" | undefined
    >();
    const last = eventSignal(socket, "tick", 0);
    expectTypeOf(last.value).toBeNumber();
    const names = eventSignal(socket, "chat:message", [] as string[], (all, _text, from) => [
      ...all,
      from.name,
    ]);
    expectTypeOf(names.value).toEqualTypeOf<string[]>();
    last.dispose();
    names.dispose();
    socket.io.close();
  });
});
