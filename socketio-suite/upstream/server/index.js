// Resolution shim (not upstream code): socket.io's tests import the server as `..`, which lands
// here. It hands them @volley/server, or the official `socket.io` when the runner is given
// `--official`, in the CommonJS shape socket.io has (a callable module with named exports), so
// the vendored tests run unchanged. Plain JavaScript because `node fixtures/*.ts` loads it too.

if (process.env.SOCKETIO_SUITE_TARGET === "official") {
  module.exports = require("socket.io");
} else {
  const volley = require("@volley/server");
  const createServer = (srv, opts) => new volley.Server(srv, opts);
  module.exports = Object.assign(createServer, volley);
}
