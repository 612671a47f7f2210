/**
 * A consumer of the published packages, compiled by declarations.test.ts against their built
 * `dist` with the strictest settings an app may use (skipLibCheck off). It touches the public
 * types users and adapter authors rely on; it is never run.
 */

import { io } from "@volley/client";
import { AckRegistry, encodePacket, PacketType } from "@volley/protocol";
import { createAdapter } from "@volley/redis-adapter";
import {
  AckTimeoutError,
  type Adapter,
  type AdapterHost,
  InMemoryAdapter,
  type Recipient,
  type RemoteSocket,
  Server,
  type Socket,
} from "@volley/server";
import type { EngineServer } from "@volley/server/engine";

interface ClientToServer {
  chat: (text: string, ack: (ok: boolean) => void) => void;
}
interface ServerToClient {
  chat: (from: string, text: string) => void;
  ask: (question: string, ack: (answer: number) => void) => void;
}
interface SocketData {
  name: string;
}

// what a middleware attached to the request, declared by augmenting HandshakeRequest
declare module "@volley/server" {
  interface HandshakeRequest {
    session?: { userId: string };
  }
}

class CountingAdapter extends InMemoryAdapter {
  broadcasts = 0;
  constructor(nsp: AdapterHost) {
    super(nsp);
  }
  override broadcast(...args: Parameters<InMemoryAdapter["broadcast"]>): void {
    this.broadcasts++;
    super.broadcast(...args);
  }
}

const ioServer = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>({
  connectTimeout: 1000,
  adapter: CountingAdapter,
  connectionStateRecovery: { maxDisconnectionDuration: 1000 },
  logger: (scope, message) => void `${scope} ${message}`,
});
ioServer.use((socket, next) => {
  socket.data.name = String(socket.handshake.auth.name ?? "anon");
  next();
});
ioServer.on(
  "connection",
  (socket: Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>) => {
    socket.on("chat", (text, ack) => {
      socket.broadcast.emit("chat", socket.data.name, text);
      ack(true);
    });
    const name: string = socket.nsp.name;
    const engine: EngineServer = socket.server.engine;
    const adapter: Adapter = socket.nsp.adapter;
    const recipient: Recipient = socket;
    const userId: string | undefined = socket.request.session?.userId;
    const address: string | undefined = socket.request.socket.remoteAddress;
    void [name, engine, adapter, recipient, userId, address];
    socket
      .timeout(100)
      .emitWithAck("ask", "?")
      .then(
        (answer: number) => answer,
        (err: unknown) => err instanceof AckTimeoutError,
      );
  },
);
void ioServer.fetchSockets().then((sockets: RemoteSocket<ServerToClient, SocketData>[]) => {
  for (const s of sockets) s.emit("chat", "server", s.data.name);
});

const redisFactory: (nsp: AdapterHost) => Adapter = createAdapter(
  null as unknown as Parameters<typeof createAdapter>[0],
);
void redisFactory;

const registry = new AckRegistry(() => undefined);
registry.add(1, () => undefined, { timeout: 10 });
void encodePacket({ type: PacketType.EVENT, nsp: "/", data: ["x"] });

const client = io("http://localhost:3000", { autoConnect: false });
void client;
