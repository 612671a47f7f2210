import { Arena } from "./components/arena";
import { JoinForm, Scoreboard, StatusBar } from "./components/hud";
import { TouchPad } from "./components/touch-pad";
import { me } from "./net";

export function App() {
  return (
    <div class="game">
      <header>
        <h1>Coin Rush</h1>
        <StatusBar />
      </header>
      <Arena />
      {me.value && <TouchPad />}
      <aside>
        {me.value ? (
          <p class="help">Arrow keys or WASD (or the on-screen pad) to move. Grab the coins!</p>
        ) : (
          <JoinForm />
        )}
        <Scoreboard />
      </aside>
    </div>
  );
}
