/**
 * Round-trip time for the HUD: every `intervalMs` an acknowledged `game:ping` is sent with a
 * timeout; the signal holds the last RTT in ms, or null when the probe timed out or failed.
 */
import { effect, type ReadonlySignal, signal } from "@preact/signals";
import { type ClientSocket, request } from "./connection.js";

export interface PingMeter {
  readonly rtt: ReadonlySignal<number | null>;
  dispose(): void;
}

export function measurePing(socket: ClientSocket, intervalMs = 2000): PingMeter {
  const rtt = signal<number | null>(null);
  let stopped = false;
  const probe = async () => {
    if (socket.status.peek() !== "connected") {
      rtt.value = null;
      return;
    }
    const sent = performance.now();
    try {
      await request(socket, intervalMs, "game:ping");
      if (!stopped) rtt.value = Math.round(performance.now() - sent);
    } catch {
      if (!stopped) rtt.value = null;
    }
  };
  const timer = setInterval(probe, intervalMs);
  // Measure at once on every (re)connection instead of waiting for the next interval.
  const stopEffect = effect(() => {
    if (socket.status.value === "connected") void probe();
    else rtt.value = null;
  });
  return {
    rtt,
    dispose() {
      stopped = true;
      clearInterval(timer);
      stopEffect();
    },
  };
}
