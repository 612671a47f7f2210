import { Arena } from "./components/arena";
import { JoinForm, Scoreboard, StatusBar } from "./components/hud";
import { me } from "./net";

export function App() {
  return (
    <div class="game">
      <header>
        <h1>Coin Rush</h1>
        <StatusBar />
      </header>
      <Arena />
      <aside>
        {me.value ? <p>Arrow keys or WASD to move. Grab the coins!</p> : <JoinForm />}
        <Scoreboard />
      </aside>
    </div>
  );
}
