import { useSignal } from "@preact/signals";
import { DEFAULT_ROOM } from "../../shared/events";
import {
  type ChatSocket,
  current,
  currentMembers,
  currentMessages,
  currentOutbox,
  joined,
  joinRoom,
  leaveRoom,
  messageProblem,
  retry,
  roomError,
  rooms,
  send,
} from "../state";

export function Chat({ socket }: { socket: ChatSocket }) {
  const status = socket.status.value;
  // On phones the sidebar is a drawer, opened from the header (see styles.css).
  const drawer = useSignal(false);
  return (
    <div class={drawer.value ? "chat drawer-open" : "chat"}>
      <aside>
        <h2>Rooms</h2>
        <RoomList
          onPick={() => {
            drawer.value = false;
          }}
        />
        <h2>Here now</h2>
        <ul data-testid="members">
          {currentMembers.value.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </aside>
      <main>
        <header>
          <button
            type="button"
            class="drawer-toggle"
            data-testid="drawer-toggle"
            aria-label="Rooms and members"
            aria-expanded={drawer.value}
            onClick={() => {
              drawer.value = !drawer.value;
            }}
          >
            ☰
          </button>
          <h1>#{current.value}</h1>
          <span class={`status ${status}`} data-testid="status" data-status={status}>
            {status} · {socket.transport.value ?? "…"}
          </span>
        </header>
        <Messages />
        <Composer />
      </main>
      {drawer.value && (
        <button
          type="button"
          class="scrim"
          aria-label="Close"
          onClick={() => {
            drawer.value = false;
          }}
        />
      )}
    </div>
  );
}

function RoomList({ onPick }: { onPick: () => void }) {
  const draft = useSignal("");
  const all = new Set([...rooms.value.map((r) => r.name), ...joined.value]);
  const count = (name: string) => rooms.value.find((r) => r.name === name)?.members ?? 0;
  return (
    <>
      <ul data-testid="rooms">
        {[...all].sort().map((name) => (
          <li key={name} class={name === current.value ? "active" : ""}>
            <button
              type="button"
              onClick={() => {
                onPick();
                void joinRoom(name);
              }}
            >
              #{name} <small>{count(name)}</small>
            </button>
            {joined.value.includes(name) && name !== DEFAULT_ROOM && (
              <button type="button" title="Leave" onClick={() => void leaveRoom(name)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void joinRoom(draft.value);
          draft.value = "";
        }}
      >
        <input
          value={draft.value}
          onInput={(e) => {
            draft.value = e.currentTarget.value;
          }}
          placeholder="new-room"
          aria-label="Join or create a room"
        />
      </form>
      <p class="error">{roomError.value}</p>
    </>
  );
}

function Messages() {
  return (
    <ol class="messages">
      {currentMessages.value.map((m) => (
        <li key={m.id} data-testid="message" data-status="delivered">
          <b>{m.author}</b> <time>{new Date(m.ts).toLocaleTimeString()}</time>
          <p>{m.text}</p>
        </li>
      ))}
      {currentOutbox.value.map((o) => (
        <li key={`out-${o.key}`} data-testid="message" data-status={o.error ? "failed" : "pending"}>
          <p>{o.text}</p>
          {o.error ? (
            <small class="error">
              {o.error}{" "}
              <button type="button" onClick={() => retry(o)}>
                Retry
              </button>
            </small>
          ) : (
            <small>Sending…</small>
          )}
        </li>
      ))}
    </ol>
  );
}

function Composer() {
  const draft = useSignal("");
  // the contract's own schema: a message the server would refuse is never sent
  const problem = draft.value.trim() ? messageProblem(draft.value) : "";
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        const text = draft.value.trim();
        if (!text || problem) return;
        draft.value = "";
        void send(current.value, text);
      }}
    >
      <input
        data-testid="composer"
        value={draft.value}
        onInput={(e) => {
          draft.value = e.currentTarget.value;
        }}
        placeholder={`Message #${current.value}`}
        aria-label="Message"
        aria-invalid={problem !== ""}
        title={problem || undefined}
      />
      <button type="submit" disabled={problem !== ""} title={problem || undefined}>
        Send
      </button>
    </form>
  );
}
