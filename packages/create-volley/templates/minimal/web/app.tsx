import { signal } from "@preact/signals";
import type { EchoReply } from "../shared/events";
import { online, socket } from "./socket";

interface Line {
  id: number;
  text: string;
  reply?: EchoReply;
  error?: string;
}

const lines = signal<Line[]>([]);
const draft = signal("");
let nextId = 1;

async function send(event: Event): Promise<void> {
  event.preventDefault();
  const text = draft.value.trim();
  if (!text) return;
  draft.value = "";
  const line: Line = { id: nextId++, text };
  lines.value = [...lines.value, line];
  try {
    // Resolves with the server's ack, or rejects if none arrives within 2 s.
    line.reply = await socket.timeout(2_000).emitWithAck("echo", text);
  } catch (error) {
    line.error = (error as Error).message;
  }
  lines.value = [...lines.value];
}

export function App() {
  // Reading .value in render subscribes the component: it re-renders when the signal changes.
  const status = socket.status.value;
  return (
    <main>
      <h1>Volley</h1>
      <p>
        <span class={`status ${status}`} data-testid="status" data-status={status}>
          {status}
        </span>{" "}
        over {socket.transport.value ?? "…"} · {online.value} online
      </p>
      <form onSubmit={send}>
        <input
          value={draft.value}
          onInput={(e) => {
            draft.value = e.currentTarget.value;
          }}
          placeholder="Say something"
          aria-label="Message"
        />
        <button type="submit">Send</button>
      </form>
      <ul>
        {lines.value.map((line) => (
          <li key={line.id} data-testid="line">
            {line.text} →{" "}
            {line.reply
              ? `echoed at ${new Date(line.reply.at).toLocaleTimeString()}`
              : (line.error ?? "waiting for the ack…")}
          </li>
        ))}
      </ul>
    </main>
  );
}
