/** The lobby: pick a name, create a match, join one from the list or by its code. */
import { useSignal } from "@preact/signals";
import type { MatchSummary } from "../../shared/events.js";
import type { MatchSession } from "../net/match-session.js";
import { savedName } from "../net/session-store.js";

export function Lobby({ session, notice }: { session: MatchSession; notice?: string | undefined }) {
  const name = useSignal(savedName());
  const code = useSignal("");
  const busy = useSignal(false);
  const matches = session.matches.value;

  const run = async (action: () => Promise<void>) => {
    busy.value = true;
    try {
      await action();
    } finally {
      busy.value = false;
    }
  };
  const playerName = () => name.value.trim() || "Player";

  return (
    <section class="lobby card" data-testid="lobby" aria-labelledby="lobby-title">
      <h2 id="lobby-title">Play Coin Rush</h2>
      <p class="lead">Grab more coins than everyone else before the clock runs out. 2–8 players.</p>
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}

      <div class="field">
        <label for="player-name">Your name</label>
        <input
          id="player-name"
          value={name.value}
          maxLength={16}
          autoComplete="nickname"
          onInput={(e) => {
            name.value = e.currentTarget.value;
          }}
        />
      </div>

      <div class="actions">
        <button
          type="button"
          class="primary"
          data-testid="create-match"
          disabled={busy.value}
          onClick={() => run(() => session.create(playerName()))}
        >
          Create match
        </button>
        <form
          class="join-code"
          aria-label="Join by code"
          onSubmit={(e) => {
            e.preventDefault();
            if (code.value.trim()) void run(() => session.join(code.value, playerName()));
          }}
        >
          <label for="match-code" class="visually-hidden">
            Match code
          </label>
          <input
            id="match-code"
            placeholder="Code"
            value={code.value}
            maxLength={8}
            autoCapitalize="characters"
            spellcheck={false}
            onInput={(e) => {
              code.value = e.currentTarget.value.toUpperCase();
            }}
          />
          <button type="submit" disabled={busy.value || !code.value.trim()}>
            Join
          </button>
        </form>
      </div>

      <h3 id="matches-title">Open matches</h3>
      {matches.length === 0 ? (
        <p class="empty">No matches yet. Create one and share its link!</p>
      ) : (
        <ul
          class="match-list"
          aria-labelledby="matches-title"
          aria-live="polite"
          data-testid="match-list"
        >
          {matches.map((m) => (
            <MatchRow
              key={m.code}
              match={m}
              onJoin={(spectate) => run(() => session.join(m.code, playerName(), spectate))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function MatchRow({ match, onJoin }: { match: MatchSummary; onJoin: (spectate: boolean) => void }) {
  const full = match.players >= match.maxPlayers;
  return (
    <li class="match-row" data-testid="match-row" data-code={match.code}>
      <span class="code">{match.code}</span>
      <span class="count">
        {match.players}/{match.maxPlayers} players
        {match.spectators > 0 && ` · ${match.spectators} watching`}
      </span>
      <span class={`phase ${match.phase}`}>
        {match.phase === "playing" ? `Round ${match.round}` : "Intermission"}
      </span>
      <button
        type="button"
        disabled={full}
        aria-label={`Join match ${match.code}`}
        onClick={() => onJoin(false)}
      >
        Join
      </button>
      <button
        type="button"
        class="ghost"
        aria-label={`Watch match ${match.code}`}
        onClick={() => onJoin(true)}
      >
        Watch
      </button>
    </li>
  );
}
