/**
 * The chat's socket handlers: a nickname at connect time (middleware), rooms with history on
 * join, acknowledged messages, and live presence. Bookkeeping lives in `rooms.ts`.
 */
import type { Server, Socket } from "@volley/server";
import type {
  ChatMessage,
  ChatSocketData,
  ClientToServerEvents,
  Reply,
  ServerToClientEvents,
} from "../shared/events.js";
import { validateMessageText, validateNickname, validateRoomName } from "../shared/validation.js";
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

/** Installs the chat on a Volley server. */
export function attachChat(io: ChatServer): RoomStore {
  const rooms = new RoomStore();
  let lastId = 0;

  const sendPresence = (room: string) =>
    io.to(room).emit("presence:update", { room, members: rooms.members(room) });
  const sendRooms = () => io.emit("rooms:update", rooms.summaries());

  // Refused connections get a CONNECT_ERROR whose message the page shows.
  io.use((socket, next) => {
    const nickname = validateNickname((socket.handshake.auth as { nickname?: unknown }).nickname);
    if (!nickname.ok) return next(new Error(nickname.error));
    socket.data.nickname = nickname.value;
    next();
  });

  io.on("connection", (socket: ChatSocket) => {
    const { nickname } = socket.data;
    socket.emit("rooms:update", rooms.summaries());

    socket.on("room:join", async (rawRoom, ack) => {
      if (typeof ack !== "function") return;
      const room = validateRoomName(rawRoom);
      if (!room.ok) return ack(refuse(room.error));
      const changed = rooms.join(room.value, socket.id, nickname);
      await socket.join(room.value);
      ack({
        ok: true,
        room: room.value,
        history: rooms.history(room.value),
        members: rooms.members(room.value),
      });
      if (changed) {
        sendPresence(room.value);
        sendRooms();
      }
    });

    socket.on("room:leave", async (rawRoom, ack) => {
      if (typeof ack !== "function") return;
      const room = validateRoomName(rawRoom);
      if (!room.ok) return ack(refuse(room.error));
      const changed = rooms.leave(room.value, socket.id);
      await socket.leave(room.value);
      ack({ ok: true });
      if (changed) {
        sendPresence(room.value);
        sendRooms();
      }
    });

    socket.on("message:send", (payload, ack) => {
      if (typeof ack !== "function") return;
      const room = validateRoomName(payload?.room);
      if (!room.ok || !rooms.isMember(room.value, socket.id)) {
        return ack(refuse("Join the room before writing in it."));
      }
      const text = validateMessageText(payload.text);
      if (!text.ok) return ack(refuse(text.error));
      const message: ChatMessage = {
        id: ++lastId,
        room: room.value,
        author: nickname,
        text: text.value,
        ts: Date.now(),
      };
      rooms.append(message);
      // The sender gets its copy in the ack; everyone else in the room gets the event.
      socket.to(room.value).emit("message:new", message);
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
