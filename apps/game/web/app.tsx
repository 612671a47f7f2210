/** The page: header with connection status, then the lobby or the match. */
import type { ReadonlySignal } from "@preact/signals";
import { GameScreen } from "./components/GameScreen.js";
import { Lobby } from "./components/Lobby.js";
import { StatusBar } from "./components/StatusBar.js";
import type { Controls } from "./input/controls.js";
import type { ClientSocket } from "./net/connection.js";
import type { MatchSession } from "./net/match-session.js";

export interface AppProps {
  socket: ClientSocket;
  session: MatchSession;
  controls: Controls;
  ping: ReadonlySignal<number | null>;
}

export function App({ socket, session, controls, ping }: AppProps) {
  const screen = session.screen.value;
  return (
    <>
      <header class="top">
        <h1>
          <span class="logo" aria-hidden="true">
            ●
          </span>{" "}
          Coin Rush <small>on Volley</small>
        </h1>
        <StatusBar status={socket.status} transport={socket.transport} ping={ping} />
      </header>
      <main>
        {screen.kind === "lobby" && <Lobby session={session} notice={screen.notice} />}
        {screen.kind === "joining" && (
          <p class="card joining" role="status">
            Joining match {screen.code}…
          </p>
        )}
        {screen.kind === "game" && (
          <GameScreen screen={screen} session={session} controls={controls} />
        )}
      </main>
    </>
  );
}
