import { render } from "preact";
import { App } from "./app";
import { open } from "./state/connection";
import { phase } from "./state/session";

// A remembered nickname signs straight back in (the browser token reclaims it).
if (phase.value === "signing-in") open();

render(<App />, document.getElementById("app")!);
