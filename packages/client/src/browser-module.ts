/**
 * Entry of the ES module bundle the server serves at `<path>socket.io.esm.min.js`: the
 * package's exports, with SSE and the contract check registered, as in the global bundle
 * (a page importing the served file cannot import `@volley/client/sse` next to it).
 */
import "./sse.js";
import "./validate-incoming.js";

export * from "./index.js";
