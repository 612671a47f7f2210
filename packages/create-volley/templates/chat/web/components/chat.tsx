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
  retry,
  roomError,
  rooms,
  send,
} from "../state";

export function Chat({ socket }: { socket: ChatSocket }) {
  const status = socket.status.value;
  return (
    <div class="chat">
      <aside>
        <h2>Rooms</h2>
        <RoomList />
        <h2>Here now</h2>
        <ul data-testid="members">
          {currentMembers.value.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </aside>
      <main>
        <header>
          <h1>#{current.value}</h1>
          <span class={`status ${status}`} data-testid="status" data-status={status}>
            {status} · {socket.transport.value ?? "…"}
          </span>
        </header>
        <Messages />
        <Composer />
      </main>
    </div>
  );
}

function RoomList() {
  const draft = useSignal("");
  const all = new Set([...rooms.value.map((r) => r.name), ...joined.value]);
  const count = (name: string) => rooms.value.find((r) => r.name === name)?.members ?? 0;
  return (
    <>
      <ul data-testid="rooms">
        {[...all].sort().map((name) => (
          <li key={name} class={name === current.value ? "active" : ""}>
            <button type="button" onClick={() => void joinRoom(name)}>
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
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        const text = draft.value.trim();
        if (!text) return;
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
      />
      <button type="submit">Send</button>
    </form>
  );
}
