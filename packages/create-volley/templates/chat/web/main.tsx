import { render } from "preact";
import { App } from "./app";
import { nickname, signIn } from "./state";

// A remembered nickname signs straight back in.
if (nickname.value) signIn(nickname.value);

render(<App />, document.getElementById("app")!);
