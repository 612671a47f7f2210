/** Players of the match, best score first, in their canvas colours. */
import type { ReadonlySignal } from "@preact/signals";
import type { ScoreRow } from "../net/game-client.js";
import { slotColor } from "../render/colors.js";

export function Scoreboard({
  scores,
  target,
}: {
  scores: ReadonlySignal<ScoreRow[]>;
  target: number;
}) {
  return (
    <section class="scoreboard" aria-labelledby="scores-title">
      <h3 id="scores-title">
        Scores <small>first to {target}</small>
      </h3>
      <ol data-testid="scores">
        {scores.value.map((row) => (
          <li key={row.id} class={`${row.isMe ? "me" : ""} ${row.connected ? "" : "away"}`}>
            <span class="dot" style={{ background: slotColor(row.slot) }} aria-hidden="true" />
            <span class="name" data-testid="player">
              {row.name}
            </span>
            {row.isMe && <span class="tag">you</span>}
            {!row.connected && <span class="tag">reconnecting</span>}
            <span class="score">
              {row.score}
              <span class="visually-hidden"> points</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
