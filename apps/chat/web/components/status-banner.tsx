import { reconnectNow, socket } from "../state/connection";

const TEXT = {
  connected: "Connected",
  connecting: "Connecting…",
  reconnecting: "Connection lost. Reconnecting…",
  disconnected: "You are offline.",
} as const;

/** A banner that appears whenever the connection is not healthy (driven by `socket.status`). */
export function StatusBanner() {
  const s = socket.value;
  const status = s?.status.value ?? "disconnected";
  const attempt = s?.reconnectAttempt.value ?? 0;
  return (
    <div
      class={`banner banner--${status}`}
      data-testid="status"
      data-status={status}
      role="status"
      aria-live="polite"
    >
      <span class="banner__text">
        {TEXT[status]}
        {status === "reconnecting" && attempt > 1 ? ` (attempt ${attempt})` : ""}
      </span>
      {status === "disconnected" && (
        <button class="link-button link-button--light" type="button" onClick={reconnectNow}>
          Reconnect
        </button>
      )}
    </div>
  );
}
