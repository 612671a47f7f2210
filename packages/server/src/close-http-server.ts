/**
 * Closing an HTTP server that clients keep connections to. Node closes the idle keep-alive
 * connections once, at `close()`; a client that keeps reusing one (a browser retrying its
 * handshake every few seconds) would hold the server, and whoever awaits its close, open. So
 * every answer given from then on ends its connection.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** Closes `server`; resolves with Node's error (`ERR_SERVER_NOT_RUNNING`), never rejects. */
export function closeHttpServer(server: Server): Promise<Error | undefined> {
  server.prependListener("request", endsConnection);
  return new Promise((resolve) => {
    server.close((err) => {
      server.off("request", endsConnection);
      resolve(err);
    });
    server.closeIdleConnections();
  });
}

/** A `request` listener for a closing server: the answer closes its keep-alive connection. */
function endsConnection(_req: IncomingMessage, res: ServerResponse): void {
  res.shouldKeepAlive = false;
}
