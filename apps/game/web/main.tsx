/**
 * Browser entry: connect, restore the match named in the URL (`/?match=CODE`), render the app,
 * and expose the read-only `window.__volley_game` view for end-to-end tests.
 */
import { render } from "preact";
import { App } from "./app.js";
import { createControls } from "./input/controls.js";
import { connect } from "./net/connection.js";
import type { TestView } from "./net/game-client.js";
import { MatchSession } from "./net/match-session.js";
import { measurePing } from "./net/ping.js";
import { savedName } from "./net/session-store.js";
import "./styles.css";

declare global {
  interface Window {
    /** What this page renders right now: its own player (`me`) and every player's position and score. */
    readonly __volley_game: TestView;
  }
}

const socket = connect();
const controls = createControls();
const session = new MatchSession(socket, () => controls.read());
const ping = measurePing(socket);

const code = new URLSearchParams(location.search).get("match");
if (code) void session.join(code, savedName());

Object.defineProperty(window, "__volley_game", {
  configurable: true,
  get(): TestView {
    const screen = session.screen.peek();
    return screen.kind === "game"
      ? screen.client.testView(performance.now())
      : { me: "", players: {} };
  },
});

render(
  <App socket={socket} session={session} controls={controls} ping={ping.rtt} />,
  document.getElementById("app")!,
);
