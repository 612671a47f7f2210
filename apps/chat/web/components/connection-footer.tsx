import { socket } from "../state/connection";

/** A discreet line under the composer: which transport carries the conversation. */
export function ConnectionFooter() {
  const s = socket.value;
  const status = s?.status.value ?? "disconnected";
  const transport = s?.transport.value;
  return (
    <footer class="connection">
      <span class={`dot dot--${status}`} aria-hidden="true" />
      <span data-testid="transport">
        {status === "connected" && transport ? transport : status}
      </span>
    </footer>
  );
}
