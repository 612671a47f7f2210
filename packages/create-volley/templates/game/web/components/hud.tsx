import { useSignal } from "@preact/signals";
import { join, joinError, me, scores, socket } from "../net";
import { COLORS } from "../render";

export function Scoreboard() {
  return (
    <ol class="scores" data-testid="scores">
      {scores.value.map((p) => (
        // data-x/data-y: where the server has the player (the browser tests read them).
        <li
          key={p.id}
          class={p.id === me.value ? "me" : ""}
          data-testid="player"
          data-name={p.name}
          data-x={Math.round(p.x)}
          data-y={Math.round(p.y)}
        >
          <i style={{ background: COLORS[p.slot % COLORS.length] }} />
          {p.name} <b>{p.score}</b>
        </li>
      ))}
    </ol>
  );
}

export function StatusBar() {
  const status = socket.status.value;
  return (
    <p class="status" data-testid="status" data-status={status}>
      {status} · {socket.transport.value ?? "…"}
    </p>
  );
}

export function JoinForm() {
  const name = useSignal(localStorage.getItem("name") ?? "");
  return (
    <form
      class="join"
      onSubmit={(e) => {
        e.preventDefault();
        localStorage.setItem("name", name.value.trim());
        void join(name.value.trim());
      }}
    >
      <input
        value={name.value}
        onInput={(e) => {
          name.value = e.currentTarget.value;
        }}
        placeholder="Your name"
        aria-label="Name"
        maxLength={16}
      />
      <button type="submit">Play</button>
      <span class="error">{joinError.value}</span>
    </form>
  );
}
