/** Connection state (from the socket's `status` signal), transport and ping. */
import type { ReadonlySignal } from "@preact/signals";
import type { ConnectionStatus } from "../net/connection.js";

const LABELS: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  disconnected: "Offline",
};

export function StatusBar(props: {
  status: ReadonlySignal<ConnectionStatus>;
  transport: ReadonlySignal<string | null | undefined>;
  ping: ReadonlySignal<number | null>;
}) {
  const status = props.status.value;
  const ping = props.ping.value;
  return (
    <div class="status-bar" role="status" aria-live="polite" data-testid="connection">
      <span class={`pill ${status}`} data-status={status}>
        <span class="led" aria-hidden="true" />
        {LABELS[status] ?? status}
      </span>
      {status === "connected" && props.transport.value && (
        <span class="muted">{props.transport.value}</span>
      )}
      <span class="muted" data-testid="ping">
        {ping === null ? "ping –" : `ping ${ping} ms`}
      </span>
    </div>
  );
}
