/**
 * The page's connection to the arena: the socket, the last two snapshots (for smooth motion
 * between ticks), joining, and sending the stick. State is exposed as signals.
 */
import { computed, signal } from "@preact/signals";
import { io, type Socket } from "@volley/client";
import * as v from "valibot";
import {
  events,
  type PageEmitEvents,
  type PageListenEvents,
  PlayerName,
  type Refused,
  type Reply,
  type Snapshot,
} from "../shared/events";
import { type Stick, TICK_RATE } from "../shared/simulation";

// the contract types the socket (snapshots are not re-checked: their schema only carries types)
export const socket: Socket<PageListenEvents, PageEmitEvents> = io({
  events,
  validateIncoming: false,
});

export const me = signal<string | null>(null);
export const joinError = signal("");
/** The newest snapshot (drives the scoreboard; the canvas reads `frames` directly). */
export const latest = signal<Snapshot | null>(null);
export const scores = computed(() =>
  [...(latest.value?.players ?? [])].sort((a, b) => b.score - a.score || a.slot - b.slot),
);

/** The previous and the newest snapshot, with the local time the newest arrived. */
export const frames: { previous: Snapshot | null; current: Snapshot | null; receivedAt: number } = {
  previous: null,
  current: null,
  receivedAt: 0,
};

socket.on("snapshot", (snapshot) => {
  frames.previous = frames.current;
  frames.current = snapshot;
  frames.receivedAt = performance.now();
  latest.value = snapshot;
});

let name = "";
socket.on("connect", () => {
  // After a reconnection (a new socket id), take a seat again.
  if (name) void join(name);
});

export async function join(playerName: string): Promise<void> {
  // the contract's own schema: a name the server would refuse is explained, not sent
  const checked = v.safeParse(PlayerName, playerName);
  if (!checked.success) {
    joinError.value = checked.issues[0].message;
    return;
  }
  name = playerName;
  joinError.value = "";
  try {
    const reply: Reply<{ id: string }> | Refused = await socket
      .timeout(3_000)
      .emitWithAck("join", { name: playerName });
    if (isRefused(reply)) joinError.value = reply.issues[0]?.message ?? "Refused.";
    else if (reply.ok) me.value = reply.id;
    else joinError.value = reply.error;
  } catch {
    joinError.value = "The server did not answer; try again.";
  }
}

/** The server refused the arguments (the contract), before any handler. */
function isRefused(reply: Reply<{ id: string }> | Refused): reply is Refused {
  return "issues" in reply;
}

/** Sends the stick at the tick rate while playing (volatile: a stale stick is worthless). */
export function startSendingInput(read: () => Stick): () => void {
  const timer = setInterval(() => {
    if (me.value && socket.connected) socket.volatile.emit("input", read());
  }, 1000 / TICK_RATE);
  return () => clearInterval(timer);
}
