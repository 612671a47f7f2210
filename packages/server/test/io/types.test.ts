/**
 * Type tests: event maps drive emit/on/acks, timeout() turns acks into (err, …), emitWithAck
 * resolves with the ack's value, broadcasts gather arrays. Checked by `tsc` (pnpm typecheck).
 */
import { describe, expectTypeOf, it } from "vitest";
import type {
  BroadcastOperator,
  DisconnectReason,
  RemoteSocket,
  Server,
  Socket,
} from "../../src/index.js";

interface ClientToServer {
  hello: (msg: string, ack: (reply: number) => void) => void;
  fire: (n: number) => void;
  bin: (data: Buffer) => void;
}
interface ServerToClient {
  greet: (name: string) => void;
  ask: (question: string, cb: (answer: boolean) => void) => void;
}
interface InterServer {
  ping: () => void;
}
interface SocketData {
  user: string;
}

function typeChecks(io: Server<ClientToServer, ServerToClient, InterServer, SocketData>) {
  io.on("connection", (socket) => {
    expectTypeOf(socket).toEqualTypeOf<
      Socket<ClientToServer, ServerToClient, InterServer, SocketData>
    >();
    expectTypeOf(socket.data).toEqualTypeOf<SocketData>();
    socket.on("hello", (msg, ack) => {
      expectTypeOf(msg).toEqualTypeOf<string>();
      expectTypeOf(ack).toEqualTypeOf<(reply: number) => void>();
    });
    socket.on("bin", (data) => expectTypeOf(data).toEqualTypeOf<Buffer>());
    socket.on("disconnect", (reason) => expectTypeOf(reason).toEqualTypeOf<DisconnectReason>());
    // @ts-expect-error the listener does not match the event map
    socket.on("fire", (n: string) => n);

    socket.emit("greet", "ann");
    // @ts-expect-error wrong argument type
    socket.emit("greet", 1);
    // @ts-expect-error unknown event
    socket.emit("unknown");
    socket.emit("ask", "sure?", (answer) => expectTypeOf(answer).toEqualTypeOf<boolean>());
    socket.timeout(1000).emit("ask", "sure?", (err, answer) => {
      expectTypeOf(err).toEqualTypeOf<Error | null>();
      expectTypeOf(answer).toEqualTypeOf<boolean>();
    });
    expectTypeOf(socket.emitWithAck("ask", "q")).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(socket.timeout(5).emitWithAck("ask", "q")).toEqualTypeOf<Promise<boolean>>();
    // @ts-expect-error greet takes no acknowledgement
    socket.emitWithAck("greet", "x");

    expectTypeOf(socket.to("room")).toEqualTypeOf<BroadcastOperator<ServerToClient, SocketData>>();
    socket.to("room").emit("greet", "all");
  });

  io.timeout(100).emit("ask", "q", (err, answers) => {
    expectTypeOf(err).toEqualTypeOf<Error | null>();
    expectTypeOf(answers).toEqualTypeOf<boolean[]>();
  });
  expectTypeOf(io.timeout(1).emitWithAck("ask", "q")).toEqualTypeOf<Promise<boolean[]>>();
  expectTypeOf(io.to("r").fetchSockets()).toEqualTypeOf<
    Promise<RemoteSocket<ServerToClient, SocketData>[]>
  >();
  io.of("/admin").on("connection", (socket) => {
    expectTypeOf(socket.data.user).toEqualTypeOf<string>();
  });
  io.use((socket, next) => {
    expectTypeOf(socket.handshake.auth).toEqualTypeOf<Record<string, unknown>>();
    next();
  });
  io.on("error", (err, socket) => {
    expectTypeOf(err).toEqualTypeOf<Error>();
    expectTypeOf(socket).toEqualTypeOf<
      Socket<ClientToServer, ServerToClient, InterServer, SocketData> | undefined
    >();
  });
  io.serverSideEmit("ping");
  // @ts-expect-error not an inter-server event
  io.serverSideEmit("pong");
}

function untyped(io: Server) {
  io.on("connection", (socket) => {
    socket.on("anything", (a: string, b: number) => [a, b]);
    socket.emit("whatever", 1, "two", { three: 3 });
    expectTypeOf(socket.emitWithAck("q")).toEqualTypeOf<Promise<unknown>>();
    socket.data.user = "ann";
    expectTypeOf(socket.data.user).toEqualTypeOf<unknown>();
    socket.timeout(10).emit("q", (err: Error | null, reply: unknown) => [err, reply]);
  });
}

describe("types", () => {
  it("compile (checked by tsc)", () => {
    expectTypeOf(typeChecks).toBeFunction();
    expectTypeOf(untyped).toBeFunction();
  });
});
