/**
 * The page's state and its one action, outside the components: editing a component (Fast
 * Refresh) re-runs only that component's module, so what was said so far survives the edit.
 */
import { signal } from "@preact/signals";
import type { EchoReply, Refused } from "../shared/events";
import { socket } from "./socket";

export interface Line {
  id: number;
  text: string;
  reply?: EchoReply;
  error?: string;
}

export const lines = signal<Line[]>([]);
let nextId = 1;

/** The server refused the arguments (the contract), before any handler. */
function isRefused(reply: EchoReply | Refused): reply is Refused {
  return "issues" in reply;
}

/** Sends `text` and records the server's ack (or the timeout) on its line. */
export async function send(text: string): Promise<void> {
  const line: Line = { id: nextId++, text };
  lines.value = [...lines.value, line];
  try {
    // Resolves with the server's ack, or rejects if none arrives within 2 s.
    const reply: EchoReply | Refused = await socket.timeout(2_000).emitWithAck("echo", text);
    if (isRefused(reply)) line.error = reply.issues[0]?.message ?? "Refused by the server.";
    else line.reply = reply;
  } catch (error) {
    line.error = (error as Error).message;
  }
  lines.value = [...lines.value];
}
