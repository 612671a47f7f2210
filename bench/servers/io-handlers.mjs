// The scenario's connection handler, written once against the Socket.IO server API that both
// socket.io and @volley/server implement, so the two run exactly the same application code.

/** Joins "room", acks "echo" with its data, forwards fan-out "progress" reports. */
export function socketIoHandlers(hooks) {
  return (socket) => {
    socket.join("room");
    socket.on("echo", (data, ack) => {
      if (typeof ack === "function") ack(data);
    });
    socket.on("progress", (n) => hooks.progress(socket.id, n));
  };
}

/** Listens on an ephemeral loopback port; resolves with the port. */
export function listen(httpServer) {
  return new Promise((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(0, "127.0.0.1", () => resolve(httpServer.address().port));
  });
}
