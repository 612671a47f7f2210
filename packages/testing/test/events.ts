// A small app for the tests: the kind of setup function an app author hands createTestServer.
import type { Server } from "@volley/server";

export interface ClientToServer {
  echo: (text: string, ack: (reply: { text: string }) => void) => void;
  join: (room: string, ack: (reply: { ok: true }) => void) => void;
  say: (room: string, text: string) => void;
}
export interface ServerToClient {
  said: (room: string, text: string) => void;
  welcome: (id: string) => void;
}

export type AppServer = Server<ClientToServer, ServerToClient>;

export function setupApp(io: AppServer): void {
  io.use((socket, next) => {
    const name = (socket.handshake.auth as { name?: unknown }).name;
    next(name === "refused" ? new Error("Go away.") : undefined);
  });
  io.on("connection", (socket) => {
    socket.emit("welcome", socket.id);
    socket.on("echo", (text, ack) => ack({ text }));
    socket.on("join", (room, ack) => {
      socket.join(room);
      ack({ ok: true });
    });
    socket.on("say", (room, text) => void io.to(room).emit("said", room, text));
  });
}
