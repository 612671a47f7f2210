import { useState } from "preact/hooks";
import { lines, send } from "./echo";
import { online, socket } from "./socket";

export function App() {
  // Reading .value in render subscribes the component: it re-renders when the signal changes.
  const status = socket.status.value;
  // Component state: Preact Fast Refresh keeps `useState` across edits of this file (it re-runs
  // memos, so a `useSignal` would start over).
  const [draft, setDraft] = useState("");
  return (
    <main>
      <h1>Volley</h1>
      <p>
        <span class={`status ${status}`} data-testid="status" data-status={status}>
          {status}
        </span>{" "}
        over {socket.transport.value ?? "…"} · {online.value} online
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft.trim();
          if (!text) return;
          setDraft("");
          void send(text);
        }}
      >
        <input
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
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
