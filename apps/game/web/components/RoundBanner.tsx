/** Round clock while playing; the winner and a countdown during the intermission. */
import type { ReadonlySignal } from "@preact/signals";
import type { RoundInfo } from "../net/game-client.js";

export function RoundClock({ round }: { round: ReadonlySignal<RoundInfo | null> }) {
  const info = round.value;
  if (!info) return null;
  const minutes = Math.floor(info.secondsLeft / 60);
  const seconds = String(info.secondsLeft % 60).padStart(2, "0");
  return (
    <div class="round-clock" data-testid="round">
      <span>{info.phase === "playing" ? `Round ${info.round}` : `Round ${info.round} over`}</span>
      <strong>
        <span class="visually-hidden">
          {info.phase === "playing" ? "Time left " : "Next round in "}
        </span>
        {`${minutes}:${seconds}`}
      </strong>
    </div>
  );
}

export function RoundBanner({ round }: { round: ReadonlySignal<RoundInfo | null> }) {
  const info = round.value;
  if (info?.phase !== "ended") return null;
  return (
    <div class="banner" role="status" data-testid="round-over">
      <h2>{info.winner ? `${info.winner} wins!` : "It's a draw"}</h2>
      <p>Next round in {info.secondsLeft} s</p>
    </div>
  );
}
