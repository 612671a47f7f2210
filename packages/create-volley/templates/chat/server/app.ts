/**
 * The application: one HTTP server with express (static files, /healthz) and Volley (the chat
 * on /socket.io/). `main.ts` listens; tests call createApp() and listen on port 0.
 */
import { existsSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import { Server } from "@volley/server";
import express from "express";
import { events } from "../shared/events.js";
import { attachChat, type ChatServer } from "./chat.js";

export interface App {
  httpServer: HttpServer;
  io: ChatServer;
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
  const io: ChatServer = new Server(httpServer, { events });
  attachChat(io);
  return { httpServer, io };
}
