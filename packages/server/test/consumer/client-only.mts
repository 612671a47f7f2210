// Compiled by declarations.test.ts with only what npm installs for @volley/client
// (no @types/ws: a browser app must not need it).
import { effect } from "@preact/signals-core";
import {
  type ConnectionError,
  ConnectionErrorCode,
  type ErrorContext,
  InvalidOptionError,
  io,
  Manager,
  type Socket,
  SocketDisconnectedError,
  TransportError,
  type TransportName,
} from "@volley/client";

interface ServerToClient {
  tick: (n: number) => void;
}
interface ClientToServer {
  echo: (text: string, ack: (reply: string) => void) => void;
}
const socket: Socket<ServerToClient, ClientToServer> = io<ServerToClient, ClientToServer>(
  "http://localhost:3000",
  {
    transports: ["polling", "sse"],
    autoConnect: false,
    onError: (error: Error, context: ErrorContext) => console.error(error, context.source),
    logger: (scope, message, ...args) => console.log(scope, message, ...args),
  },
);
socket.on("tick", (n) => console.log(n + 1));
socket.on("connect_error", (error) => {
  if (error instanceof TransportError && error.code === ConnectionErrorCode.HTTP_ERROR) {
    const e: ConnectionError = error;
    console.log(e.description, e.context.status);
  }
});
effect(() => console.log(socket.status.value));
const name: TransportName | undefined = socket.transport.value;
socket
  .timeout(100)
  .emitWithAck("echo", "hi")
  .then(
    (reply: string) => console.log(reply, name),
    (error: unknown) =>
      console.log(error instanceof SocketDisconnectedError, error instanceof InvalidOptionError),
  );
new Manager("http://localhost:3000", { autoConnect: false })
  .socket("/admin")
  .io.on("reconnect", (n) => n);
