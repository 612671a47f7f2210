/**
 * The page's connection to the arena: the socket, the last two snapshots (for smooth motion
 * between ticks), joining, and sending the stick. State is exposed as signals.
 */
import { computed, signal } from "@preact/signals";
import { io, type Socket } from "@volley/client";
import type { ClientToServerEvents, ServerToClientEvents, Snapshot } from "../shared/events";
import { type Stick, TICK_RATE } from "../shared/simulation";

export const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();

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
  name = playerName;
  joinError.value = "";
  try {
    const reply = await socket.timeout(3_000).emitWithAck("join", { name: playerName });
    if (reply.ok) me.value = reply.id;
    else joinError.value = reply.error;
  } catch {
    joinError.value = "The server did not answer; try again.";
  }
}

/** Sends the stick at the tick rate while playing (volatile: a stale stick is worthless). */
export function startSendingInput(read: () => Stick): () => void {
  const timer = setInterval(() => {
    if (me.value && socket.connected) socket.volatile.emit("input", read());
  }, 1000 / TICK_RATE);
  return () => clearInterval(timer);
}
