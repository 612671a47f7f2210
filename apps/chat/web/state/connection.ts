/**
 * The one socket to the chat server and every action that goes through it. Socket events are
 * folded into the signals of `chat.ts`; actions (join, leave, send, typing) use acknowledgements
 * with timeouts so the UI always learns how a request ended.
 */
import { signal } from "@preact/signals";
import { type AckResult, type EmitWithAckArgs, io, type Socket } from "@volley/client";
// SSE is opt-in: registered here, it is the fallback when a network blocks WebSocket
import "@volley/client/sse";
import * as v from "valibot";
import {
  type Ack,
  type BrowserEmitEvents,
  type BrowserListenEvents,
  ChatErrorCode,
  type ChatMessage,
  type ConnectErrorData,
  chatEvents,
  DEFAULT_ROOM,
  type InvalidInput,
  type JoinReply,
  MessageText,
  Nickname,
  RoomName,
} from "../../server/events";
import {
  activeRoom,
  clock,
  joinedRooms,
  membersByRoom,
  messagesByRoom,
  resetChat,
  roomList,
  setActive,
  setJoined,
  showNotice,
  typingByRoom,
  unreadByRoom,
  updateRoom,
} from "./chat";
import { unwatchAll, unwatchMembers, watchMembers } from "./members";
import {
  addLocal,
  lastSeenId,
  mergeMessages,
  pendingMessage,
  removeLocal,
  setLocalStatus,
  type UiMessage,
} from "./message-list";
import { nickname, phase, rememberNickname, signInError, token } from "./session";
import { randomId } from "./storage";
import { clearTyping, createThrottle, noteTyping, TYPING_THROTTLE_MS } from "./typing";

export type ChatClientSocket = Socket<BrowserListenEvents, BrowserEmitEvents>;

/** How long a request may wait for the server's answer (including a short reconnection). */
const ACK_TIMEOUT_MS = 10_000;
const NO_ANSWER = "No answer from the server. Check your connection and retry.";

/** The live socket, or null when signed out. */
export const socket = signal<ChatClientSocket | null>(null);

/**
 * `emitWithAck` with a timeout: resolves with the server's reply, rejects when none comes. An
 * answer from the event contract (arguments the server refused before any handler) becomes a
 * failure with the contract's first message, so the UI shows it like any other refusal.
 */
async function request<E extends "room:join" | "room:leave" | "message:send">(
  s: ChatClientSocket,
  event: E,
  ...args: EmitWithAckArgs<BrowserEmitEvents, E>
): Promise<AckResult<BrowserEmitEvents, E>> {
  const reply: AckResult<BrowserEmitEvents, E> | InvalidInput = await s
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck(event, ...args);
  if (!isInvalidInput(reply)) return reply;
  const code =
    event === "message:send" ? ChatErrorCode.MESSAGE_INVALID : ChatErrorCode.ROOM_INVALID;
  const error = reply.issues[0]?.message ?? "The server refused the request.";
  return { ok: false, code, error } as AckResult<BrowserEmitEvents, E>;
}

function isInvalidInput(reply: unknown): reply is InvalidInput {
  return typeof reply === "object" && reply !== null && "issues" in reply;
}

/**
 * Messages written while offline (or while rooms are being rejoined) wait here, shown as
 * pending, and go out once the rooms are joined again: sent earlier, the server would refuse
 * them for a room the new session has not joined yet.
 */
const outbox: { room: string; text: string; clientId: string }[] = [];
/** Whether the current session has (re)joined its rooms. */
let ready = false;

function send(s: ChatClientSocket, room: string, text: string, clientId: string): void {
  if (s.connected && ready) void deliver(s, room, text, clientId);
  else outbox.push({ room, text, clientId });
}

const typingThrottle = createThrottle(TYPING_THROTTLE_MS);
let typingTicker: ReturnType<typeof setInterval> | undefined;

/** Signs in with `name` (validated here first, then by the server). */
export function signIn(name: string): void {
  const checked = v.safeParse(Nickname, name);
  if (!checked.success) {
    signInError.value = checked.issues[0].message;
    return;
  }
  nickname.value = checked.output;
  signInError.value = null;
  phase.value = "signing-in";
  open();
}

export function signOut(): void {
  unwatchAll();
  socket.value?.disconnect();
  outbox.length = 0;
  socket.value = null;
  rememberNickname(undefined);
  resetChat();
  phase.value = "signed-out";
}

/** After the server dropped us for good (or the user went offline), try again now. */
export function reconnectNow(): void {
  socket.value?.connect();
}

/** Opens the socket for the current nickname (also on page load when one is remembered). */
export function open(): void {
  unwatchAll();
  socket.value?.disconnect();
  ready = false;
  const s: ChatClientSocket = io(window.location.origin, {
    auth: { nickname: nickname.value, token },
    reconnectionDelay: 500,
    reconnectionDelayMax: 3_000,
    forceNew: true,
    // the contract types the socket; development builds also check what the server sends
    events: chatEvents,
    validateIncoming: import.meta.env.DEV,
  });
  s.on("connect", () => {
    if (phase.value !== "chat") {
      phase.value = "chat";
      rememberNickname(nickname.value);
    }
    // A recovered session kept its rooms and got the missed events replayed by the server;
    // otherwise rejoin every room, fetching what was missed, before sending anything queued.
    const rejoined = s.recovered
      ? Promise.resolve()
      : Promise.all(joinedRooms.value.map((room) => join(s, room)));
    void rejoined.then(() => {
      if (!s.connected) return;
      ready = true;
      for (const queued of outbox.splice(0))
        void deliver(s, queued.room, queued.text, queued.clientId);
    });
  });
  s.on("disconnect", () => {
    ready = false;
  });
  s.on("connect_error", (error) => {
    const code = (error.data as ConnectErrorData | undefined)?.code;
    if (code !== ChatErrorCode.NICKNAME_TAKEN && code !== ChatErrorCode.NICKNAME_INVALID) return;
    s.disconnect();
    if (socket.value === s) socket.value = null;
    signInError.value = error.message;
    rememberNickname(undefined);
    phase.value = "signed-out";
  });
  s.on("rooms:update", (rooms) => {
    roomList.value = rooms;
  });
  s.on("message:new", (message) => receive(message));
  s.on("typing", ({ room, nickname: who }) => {
    if (who === nickname.value) return;
    updateRoom(typingByRoom, room, (state) => noteTyping(state ?? {}, who, Date.now()));
    startTypingTicker();
  });
  socket.value = s;
}

function receive(message: ChatMessage): void {
  updateRoom(messagesByRoom, message.room, (list) =>
    mergeMessages(list ?? [], [message], nickname.value),
  );
  updateRoom(typingByRoom, message.room, (state) => clearTyping(state ?? {}, message.author));
  if (message.room !== activeRoom.value && message.author !== nickname.value) {
    updateRoom(unreadByRoom, message.room, (n) => (n ?? 0) + 1);
  }
}

/** Joins (or rejoins) a room, asking only for the messages after the last one we have. */
async function join(s: ChatClientSocket, room: string): Promise<string | null> {
  let reply: Ack<JoinReply>;
  try {
    const since = lastSeenId(messagesByRoom.value[room] ?? []);
    reply = await request(s, "room:join", room, since);
  } catch {
    if (s.connected) showNotice(`Could not join #${room}: ${NO_ANSWER}`);
    return null;
  }
  if (!reply.ok) {
    showNotice(reply.error);
    if (room !== DEFAULT_ROOM) setJoined(joinedRooms.value.filter((r) => r !== room));
    if (activeRoom.value === room) setActive(DEFAULT_ROOM);
    return null;
  }
  updateRoom(messagesByRoom, reply.room, (list) =>
    mergeMessages(list ?? [], reply.history, nickname.value),
  );
  updateRoom(membersByRoom, reply.room, () => reply.members);
  watchMembers(s, reply.room);
  if (!joinedRooms.value.includes(reply.room)) setJoined([...joinedRooms.value, reply.room]);
  return reply.room;
}

/** Opens a room: switches to it when joined, joins (creating it if needed) otherwise. */
export async function openRoom(input: string): Promise<boolean> {
  const checked = v.safeParse(RoomName, input);
  if (!checked.success) {
    showNotice(checked.issues[0].message);
    return false;
  }
  if (joinedRooms.value.includes(checked.output)) {
    setActive(checked.output);
    return true;
  }
  const s = socket.value;
  if (!s) return false;
  const joined = await join(s, checked.output);
  if (joined) setActive(joined);
  return joined !== null;
}

export async function leaveRoom(room: string): Promise<void> {
  const s = socket.value;
  if (!s || room === DEFAULT_ROOM) return;
  let reply: Ack;
  try {
    reply = await request(s, "room:leave", room);
  } catch {
    showNotice(`Could not leave #${room}: ${NO_ANSWER}`);
    return;
  }
  if (!reply.ok) return showNotice(reply.error);
  setJoined(joinedRooms.value.filter((r) => r !== room));
  unwatchMembers(room);
  const { [room]: _messages, ...messages } = messagesByRoom.value;
  messagesByRoom.value = messages;
  if (activeRoom.value === room) setActive(DEFAULT_ROOM);
}

/**
 * Why `text` cannot be sent (the contract's own message: empty, too long), or null. The
 * composer asks before enabling Send: a message the server would refuse is never sent, so it
 * never shows up as failed with a Retry that could not succeed.
 */
export function messageProblem(text: string): string | null {
  const checked = v.safeParse(MessageText, text);
  return checked.success ? null : checked.issues[0].message;
}

/**
 * Sends a message to the active room: shown at once as pending, then delivered or failed.
 * Returns false (and sends nothing) when the contract would refuse it.
 */
export function sendMessage(text: string): boolean {
  const s = socket.value;
  if (!s || messageProblem(text) !== null) return false;
  const room = activeRoom.value;
  const clientId = randomId(8);
  typingThrottle.reset(room);
  updateRoom(messagesByRoom, room, (list) =>
    addLocal(list ?? [], pendingMessage(room, nickname.value, text, clientId, Date.now())),
  );
  send(s, room, text, clientId);
  return true;
}

export function retry(message: UiMessage): void {
  const s = socket.value;
  if (!s || !message.clientId) return;
  updateRoom(messagesByRoom, message.room, (list) =>
    setLocalStatus(list ?? [], message.clientId!, "pending"),
  );
  send(s, message.room, message.text, message.clientId);
}

export function dismiss(message: UiMessage): void {
  if (!message.clientId) return;
  const queued = outbox.findIndex((q) => q.clientId === message.clientId);
  if (queued >= 0) outbox.splice(queued, 1);
  updateRoom(messagesByRoom, message.room, (list) => removeLocal(list ?? [], message.clientId!));
}

async function deliver(
  s: ChatClientSocket,
  room: string,
  text: string,
  clientId: string,
): Promise<void> {
  let reply: Ack<{ message: ChatMessage }>;
  try {
    reply = await request(s, "message:send", { room, text, clientId });
    // Sent just as the connection dropped, it reached a new session before the rejoin: join
    // again and resend (the clientId makes the resend idempotent).
    if (!reply.ok && reply.code === ChatErrorCode.NOT_IN_ROOM && joinedRooms.value.includes(room)) {
      if ((await join(s, room)) !== null)
        reply = await request(s, "message:send", { room, text, clientId });
    }
  } catch {
    reply = { ok: false, code: ChatErrorCode.MESSAGE_INVALID, error: NO_ANSWER };
  }
  if (reply.ok) {
    const delivered = reply.message;
    updateRoom(messagesByRoom, room, (list) =>
      mergeMessages(list ?? [], [delivered], nickname.value),
    );
  } else {
    const { error } = reply;
    updateRoom(messagesByRoom, room, (list) =>
      setLocalStatus(list ?? [], clientId, "failed", error),
    );
  }
}

/** Called as the user types; tells the room at most once per 2 s, and never reliably. */
export function notifyTyping(): void {
  const s = socket.value;
  const room = activeRoom.value;
  if (!s?.connected || !typingThrottle.take(room)) return;
  s.volatile.emit("typing", room);
}

function startTypingTicker(): void {
  clock.value = Date.now();
  if (typingTicker) return;
  typingTicker = setInterval(() => {
    clock.value = Date.now();
    const anyone = Object.values(typingByRoom.value).some((state) =>
      Object.values(state).some((until) => until > clock.value),
    );
    if (!anyone) {
      clearInterval(typingTicker);
      typingTicker = undefined;
      typingByRoom.value = {};
    }
  }, 500);
}
