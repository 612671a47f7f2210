/** A match on screen: the arena with its banner, and the side panel (code, clock, scores). */
import { useSignal } from "@preact/signals";
import type { Controls } from "../input/controls.js";
import type { MatchSession, Screen } from "../net/match-session.js";
import { Arena } from "./Arena.js";
import { CoinsInSight } from "./CoinsInSight.js";
import { RoundBanner, RoundClock } from "./RoundBanner.js";
import { Scoreboard } from "./Scoreboard.js";

type GameState = Extract<Screen, { kind: "game" }>;

export function GameScreen({
  screen,
  session,
  controls,
}: {
  screen: GameState;
  session: MatchSession;
  controls: Controls;
}) {
  const { client, code, feed } = screen;
  const copied = useSignal(false);
  const link = `${location.origin}/?match=${code}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      copied.value = true;
      setTimeout(() => {
        copied.value = false;
      }, 1500);
    } catch {
      // Clipboard blocked: the link is still visible to copy by hand.
    }
  };

  return (
    <div class="game">
      <div class="stage">
        <Arena client={client} controls={controls} />
        <RoundBanner round={client.round} />
      </div>
      <aside class="panel card" aria-label="Match">
        <div class="match-code">
          <span class="muted">Match</span>
          <strong data-testid="match-code">{code}</strong>
          <button type="button" class="ghost small" onClick={copy} title={link}>
            {copied.value ? "Copied!" : "Copy link"}
          </button>
        </div>
        {screen.role === "spectator" && (
          <p class="notice" role="status">
            {screen.full ? "The match is full: you are watching." : "You are watching."}
          </p>
        )}
        <RoundClock round={client.round} />
        <CoinsInSight coins={feed.sync.keys("coins")} spectator={screen.role === "spectator"} />
        <Scoreboard scores={client.scores} target={client.rules.scoreTarget} />
        {screen.role === "player" && (
          <p class="hint muted">
            Move with arrow keys or WASD. On touch screens, drag on the arena. You see coins only
            near you.
          </p>
        )}
        <button type="button" class="ghost" onClick={() => session.leave()}>
          Leave match
        </button>
      </aside>
    </div>
  );
}
