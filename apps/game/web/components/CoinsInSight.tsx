/**
 * How many coins the server lets this page see. It reads the synced coin keys straight from
 * @volley/state's signal, so it re-renders only when a coin comes into or leaves sight — not on
 * every state (positions change 15 times a second).
 */
import type { ReadonlySignal } from "@preact/signals";

export function CoinsInSight({
  coins,
  spectator,
}: {
  coins: ReadonlySignal<readonly number[]>;
  spectator: boolean;
}) {
  const count = coins.value.length;
  const what = count === 1 ? "1 coin" : `${count} coins`;
  return (
    <p class="sight muted" data-testid="sight">
      {spectator ? `${what} near the players` : `${what} in sight`}; the rest is fogged
    </p>
  );
}
