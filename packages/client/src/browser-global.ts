/**
 * Entry of the browser bundle the server serves at `<path>socket.io.js` (and `.min.js`): a
 * global `io` shaped like socket.io's own bundle — a function connecting like `io()`, with
 * `io.io`, `io.connect`, `io.Manager`, `io.Socket` and `io.protocol` — so a page that loads
 * the client with a `<script>` tag runs unchanged. A wrapper, so importing this module never
 * changes the package's `io` function. The served bundle registers SSE, so a page on a Volley
 * server keeps the SSE fallback when WebSocket is blocked, and the contract check
 * (`validateIncoming: true`), as the full build it is.
 */

import { io, Manager, protocol, Socket } from "./index.js";
import "./sse.js";
import "./validate-incoming.js";

/** `io` with socket.io's bundle properties. */
export type GlobalIo = typeof io & {
  io: typeof io;
  connect: typeof io;
  Manager: typeof Manager;
  Socket: typeof Socket;
  protocol: typeof protocol;
};

const lookup = ((...args: Parameters<typeof io>) => io(...args)) as GlobalIo;
lookup.io = io;
lookup.connect = io;
lookup.Manager = Manager;
lookup.Socket = Socket;
lookup.protocol = protocol;

export default lookup;
