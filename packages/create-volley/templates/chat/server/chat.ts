/**
 * The chat's socket handlers: a nickname at connect time (middleware), rooms with history on
 * join, acknowledged messages, and live presence. Bookkeeping lives in `rooms.ts`.
 */
import type { Server, Socket } from "@volley/server";
import * as v from "valibot";
import {
  type ChatMessage,
  type ChatSocketData,
  type ClientToServerEvents,
  Nickname,
  type Reply,
  type ServerToClientEvents,
} from "../shared/events.js";
import { RoomStore } from "./rooms.js";

// biome-ignore lint/complexity/noBannedTypes: no inter-server events.
type NoEvents = {};
export type ChatServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  NoEvents,
  ChatSocketData
>;
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoEvents, ChatSocketData>;

function refuse(error: string): Reply<never> {
  return { ok: false, error };
}

/**
 * Installs the chat on a Volley server created with the contract (`new Server(http, { events })`):
 * the handlers below receive arguments it already validated (room names normalized, text trimmed).
 */
export function attachChat(io: ChatServer): RoomStore {
  const rooms = new RoomStore();
  let lastId = 0;

  const sendPresence = (room: string) =>
    io.to(room).emit("presence:update", { room, members: rooms.members(room) });
  const sendRooms = () => io.emit("rooms:update", rooms.summaries());

  // Refused connections get a CONNECT_ERROR whose message the page shows.
  io.use((socket, next) => {
    const nickname = v.safeParse(
      Nickname,
      (socket.handshake.auth as { nickname?: unknown }).nickname,
    );
    if (!nickname.success) return next(new Error(nickname.issues[0].message));
    socket.data.nickname = nickname.output;
    next();
  });

  io.on("connection", (socket: ChatSocket) => {
    const { nickname } = socket.data;
    socket.emit("rooms:update", rooms.summaries());

    socket.on("room:join", async (room, ack) => {
      const changed = rooms.join(room, socket.id, nickname);
      await socket.join(room);
      ack({ ok: true, room, history: rooms.history(room), members: rooms.members(room) });
      if (changed) {
        sendPresence(room);
        sendRooms();
      }
    });

    socket.on("room:leave", async (room, ack) => {
      const changed = rooms.leave(room, socket.id);
      await socket.leave(room);
      ack({ ok: true });
      if (changed) {
        sendPresence(room);
        sendRooms();
      }
    });

    socket.on("message:send", ({ room, text }, ack) => {
      if (!rooms.isMember(room, socket.id)) {
        return ack(refuse("Join the room before writing in it."));
      }
      const message: ChatMessage = { id: ++lastId, room, author: nickname, text, ts: Date.now() };
      rooms.append(message);
      // The sender gets its copy in the ack; everyone else in the room gets the event.
      socket.to(room).emit("message:new", message);
      ack({ ok: true, message });
    });

    socket.on("disconnect", () => {
      const changed = rooms.leaveAll(socket.id);
      for (const room of changed) sendPresence(room);
      if (changed.length > 0) sendRooms();
    });
  });

  return rooms;
}
