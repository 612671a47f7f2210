/**
 * The chat's socket handlers: admission (nickname + session token), rooms, messages, presence
 * and typing. The bookkeeping lives in the pure modules beside this one; this file only wires
 * them to Volley sockets and decides who hears what.
 */
import { Presence, type PresenceOptions } from "@volley/presence/server";
import type { Server, Socket } from "@volley/server";
import * as v from "valibot";
import {
  type Ack,
  ChatErrorCode,
  type ChatMessage,
  type ChatSocketData,
  type ClientToServerEvents,
  chatEvents,
  DEFAULT_ROOM,
  Nickname,
  nicknameKey,
  type ServerToClientEvents,
} from "./events.js";
import { MessageIdSequence } from "./history.js";
import { NicknameRegistry } from "./nicknames.js";
import { RoomDirectory } from "./rooms.js";
import { memoryStore, ownerOf, type SharedStore } from "./shared-store.js";

// biome-ignore lint/complexity/noBannedTypes: Socket.IO-style "no inter-server events" map.
type NoEvents = {};
export type ChatIo = Server<ClientToServerEvents, ServerToClientEvents, NoEvents, ChatSocketData>;
export type ChatSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  NoEvents,
  ChatSocketData
>;

/** The chat's options (its rate limits are the Server's `limits`: see limits.ts). */
/**
 * The Server options the chat needs: its event contract, so every event is validated before a
 * handler below runs (`new Server(http, { ...CHAT_SERVER_OPTIONS, … })`).
 */
export const CHAT_SERVER_OPTIONS = { events: chatEvents } as const;

export interface ChatOptions {
  /** How long a nickname stays reserved for its browser after its last socket left. */
  nicknameGraceMs: number;
  maxRooms: number;
  historySize: number;
  now: () => number;
  /** What is shared with the other chat processes (Redis in cluster mode). */
  store: SharedStore;
  /** Presence timing and the Redis health check (cluster mode). */
  presence: Partial<PresenceOptions>;
}

/**
 * Presence meta: the nickname as typed; in the `@users` topic (never sent to browsers) also
 * whose browser holds it (a hash of its token).
 */
type PresenceMeta = { nickname: string; owner?: string };
/** The presence topic of who is connected at all (nicknames), watched by nobody. */
const USERS = "@users";

export const DEFAULT_CHAT_OPTIONS: ChatOptions = {
  nicknameGraceMs: 15_000,
  maxRooms: 50,
  historySize: 100,
  now: Date.now,
  store: memoryStore,
  presence: {},
};

const TOKEN = /^[\w-]{8,128}$/;
const SWEEP_INTERVAL_MS = 30_000;

function refusal(message: string, code: ChatErrorCode): Error {
  return Object.assign(new Error(message), { data: { code } });
}

function failure(code: ChatErrorCode, error: string): Ack<never> {
  return { ok: false, code, error };
}

/** Installs the chat on a Volley server; `close()` stops its timers. */
export function attachChat(io: ChatIo, overrides: Partial<ChatOptions> = {}) {
  // the handlers trust their arguments because the contract checked them
  if (io.opts.contract === undefined) {
    throw new Error("attachChat: create the Server with CHAT_SERVER_OPTIONS (the event contract)");
  }
  const options = { ...DEFAULT_CHAT_OPTIONS, ...overrides };
  const { now } = options;
  const rooms = new RoomDirectory({
    maxRooms: options.maxRooms,
    historySize: options.historySize,
    now,
  });
  const nicknames = new NicknameRegistry({ graceMs: options.nicknameGraceMs, now });
  const ids = new MessageIdSequence(now() * 1000);
  const { store } = options;
  // Presence is cluster-wide: member lists, room counts and nickname holders come from it.
  const presence = new Presence<PresenceMeta>(io, options.presence);

  /** Distinct nicknames in a room on every process, sorted case-insensitively. */
  function members(room: string): string[] {
    return presence
      .list(room)
      .map(([, entries]) => entries[0]?.meta.nickname ?? "")
      .filter(Boolean)
      .sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
  }

  /** Every room known here or occupied anywhere, with its cluster-wide member count. */
  function summaries() {
    const names = new Set([...rooms.summaries().map((r) => r.name), ...presence.topics()]);
    names.delete(USERS);
    return [...names]
      .map((name) => ({ name, members: presence.count(name) }))
      .sort((a, b) =>
        a.name === DEFAULT_ROOM ? -1 : b.name === DEFAULT_ROOM ? 1 : a.name.localeCompare(b.name),
      );
  }

  /** Is `nickname` held by another browser on any process? */
  function heldElsewhere(nickname: string, token: string): boolean {
    const owner = ownerOf(token);
    return presence.get(USERS, nicknameKey(nickname)).some((e) => e.meta.owner !== owner);
  }

  // Member lists reach browsers as presence diffs (the room is the topic); counts change with them.
  presence.on("diff", (topic) => {
    if (topic !== USERS) scheduleRoomsUpdate();
  });

  let roomsUpdatePending = false;
  /** Tells everyone the room list changed, once per tick however many changes happened. */
  function scheduleRoomsUpdate(): void {
    if (roomsUpdatePending) return;
    roomsUpdatePending = true;
    queueMicrotask(() => {
      roomsUpdatePending = false;
      // Local: room summaries are this process's view (in cluster mode, other processes
      // send their own), so they must not overwrite the view of clients on other processes.
      io.local.emit("rooms:update", summaries());
    });
  }

  io.use(async (socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const checked = v.safeParse(Nickname, auth.nickname);
    if (!checked.success) {
      return next(refusal(checked.issues[0].message, ChatErrorCode.NICKNAME_INVALID));
    }
    const nickname = { value: checked.output };
    const token = typeof auth.token === "string" && TOKEN.test(auth.token) ? auth.token : undefined;
    if (!token) {
      return next(
        refusal("Your session is invalid; reload the page.", ChatErrorCode.NICKNAME_INVALID),
      );
    }
    // Only checked here: a socket refused later by Volley would never release a claim.
    // Cluster-wide: held by another browser on any process (presence), or claimed by one in
    // the last moments (the shared store closes the race between two processes).
    if (
      !nicknames.isAvailable(nickname.value, token) ||
      heldElsewhere(nickname.value, token) ||
      !(await store.claimNickname(nicknameKey(nickname.value), token, options.nicknameGraceMs))
    ) {
      return next(
        refusal(
          `"${nickname.value}" is already taken. Pick another nickname.`,
          ChatErrorCode.NICKNAME_TAKEN,
        ),
      );
    }
    socket.data.nickname = nickname.value;
    socket.data.token = token;
    next();
  });

  io.on("connection", (socket: ChatSocket) => {
    const { nickname, token } = socket.data;
    // The middleware checked availability; a same-tick race for one name ends here.
    if (!nicknames.claim(nickname, token, socket.id).ok) {
      socket.disconnect(true);
      return;
    }
    const meta: PresenceMeta = { nickname };
    presence.track(
      socket,
      USERS,
      nicknameKey(nickname),
      { nickname, owner: ownerOf(token) },
      {
        join: false,
      },
    );
    if (socket.recovered) {
      // Volley restored the socket's rooms; restore our membership view and presence.
      for (const name of socket.rooms) {
        if (name === socket.id) continue;
        const ensured = rooms.ensure(name);
        if (ensured.ok) rooms.join(ensured.room, socket.id, nickname);
        presence.track(socket, name, nicknameKey(nickname), meta);
      }
    }
    socket.emit("rooms:update", summaries());

    // Arguments below are the contract's output: room names normalized, text trimmed.
    socket.on("room:join", async (name, since, ack) => {
      const ensured = rooms.ensure(name);
      if (!ensured.ok) {
        return ack(
          failure(
            ChatErrorCode.ROOM_LIMIT,
            "There are too many rooms right now; join an existing one.",
          ),
        );
      }
      const { room, created } = ensured;
      rooms.join(room, socket.id, nickname);
      await socket.join(room.name);
      presence.track(socket, room.name, nicknameKey(nickname), meta);
      const shared = await store.readHistory(room.name, since);
      ack({
        ok: true,
        room: room.name,
        history: shared ?? room.history.since(since),
        members: members(room.name),
      });
      if (created) scheduleRoomsUpdate();
    });

    socket.on("room:leave", async (name, ack) => {
      if (name === DEFAULT_ROOM) {
        return ack(failure(ChatErrorCode.CANNOT_LEAVE, `Everyone stays in #${DEFAULT_ROOM}.`));
      }
      rooms.leave(name, socket.id);
      await socket.leave(name); // presence untracks it (and the room gets the diff)
      ack({ ok: true });
    });

    socket.on("message:send", async ({ room: name, text, clientId }, ack) => {
      const room = rooms.get(name);
      if (!room || !rooms.isMember(room.name, socket.id)) {
        return ack(failure(ChatErrorCode.NOT_IN_ROOM, "Join the room before writing in it."));
      }
      const earlier = clientId ? room.history.findByClientId(nickname, clientId) : undefined;
      if (earlier) return ack({ ok: true, message: earlier });
      const message: ChatMessage = {
        id: ids.next(),
        room: room.name,
        author: nickname,
        text,
        ts: now(),
        ...(clientId ? { clientId } : {}),
      };
      room.history.append(message);
      // acknowledged means kept: in the shared history too before the ack (one round trip)
      await store.appendHistory(room.name, message, options.historySize);
      room.lastActive = message.ts;
      socket.to(room.name).emit("message:new", message);
      ack({ ok: true, message });
    });

    socket.on("typing", (name) => {
      if (!rooms.isMember(name, socket.id)) return;
      socket.to(name).volatile.emit("typing", { room: name, nickname });
    });

    socket.on("disconnect", () => {
      nicknames.release(nickname, socket.id);
      // the grace period cluster-wide: the shared claim lasts nicknameGraceMs from now
      void store.claimNickname(nicknameKey(nickname), token, options.nicknameGraceMs);
      rooms.leaveAll(socket.id); // presence untracks the socket everywhere by itself
    });
  });

  const sweeper = setInterval(() => {
    nicknames.sweep();
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    rooms,
    nicknames,
    presence,
    close(): void {
      clearInterval(sweeper);
      presence.close();
    },
  };
}
