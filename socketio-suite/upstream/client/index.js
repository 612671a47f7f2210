// Resolution shim (not upstream code): socket.io-client's tests import the client as `..` (and
// their fixtures as `../..`), which lands here. It hands them @volley/client, or the official
// `socket.io-client` when the runner is given `--official`, so the vendored tests run unchanged.
// Plain JavaScript because the autoUnref fixtures are run by plain `node`.

module.exports =
  process.env.SOCKETIO_SUITE_TARGET === "official"
    ? require("socket.io-client")
    : require("@volley/client");
