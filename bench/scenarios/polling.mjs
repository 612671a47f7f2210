// The ack loop over HTTP long-polling only, to keep the fallback honest. The raw ws servers
// speak no polling, so they are n/a here.
import { ackScenario } from "./ack.mjs";

export default ackScenario({
  name: "polling",
  title: "Ack round trips (long-polling)",
  transports: ["polling"],
  applies: (server) =>
    server === "ws" || server === "ws-corked" ? "n/a: raw ws has no polling" : true,
});
