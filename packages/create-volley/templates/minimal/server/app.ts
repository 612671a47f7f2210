/**
 * The application: one HTTP server with express (static files, /healthz) and Volley (the
 * realtime API on /socket.io/). `main.ts` listens; tests call createApp() and listen on port 0.
 */
import { existsSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import { Server } from "@volley/server";
import express from "express";
import { type ClientToServerEvents, events, type ServerToClientEvents } from "../shared/events.js";

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface App {
  httpServer: HttpServer;
  io: AppServer;
}

export function createApp(options: { publicDir?: string } = {}): App {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  if (options.publicDir && existsSync(options.publicDir)) {
    app.use(express.static(options.publicDir));
  }

  const httpServer = createServer(app);
  // `events`: every incoming event is validated against the contract before its handler runs
  const io: AppServer = new Server(httpServer, { events });

  io.on("connection", (socket) => {
    io.emit("online", io.sockets.sockets.size);

    socket.on("echo", (text, ack) => {
      ack({ text, at: Date.now() });
    });

    socket.on("disconnect", () => {
      io.emit("online", io.sockets.sockets.size);
    });
  });

  return { httpServer, io };
}
