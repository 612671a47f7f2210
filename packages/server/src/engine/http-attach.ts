/**
 * The listeners an engine puts on the HTTP server it is attached to: client-file requests
 * (`serveClient`) go to the client files, requests on the engine path to the engine, others to
 * the request listeners the server had before (an express app: register it first) or a 404;
 * upgrades on the engine path go to the engine, others to other `upgrade` listeners (refused
 * only when there is none, so they never hang). Every request and upgrade marks its connection
 * as started for the first-request timeout.
 */

import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import { EngineErrorCode } from "@volley/protocol";
import { requestStarted } from "./first-request-timeout.js";
import { abortUpgrade } from "./http-errors.js";

/** What the listeners hand requests to. */
export interface AttachHost {
  matchesPath(req: IncomingMessage): boolean;
  handleRequest(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Answer a client-file request; false when `req` is not one (or `serveClient` is off). */
  serveClientFile(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Take over `server`'s `request` listeners and add an `upgrade` listener for `host`. */
export function listenOn(server: Server | HttpsServer, host: AttachHost): void {
  const appListeners = server.listeners("request") as ((...args: unknown[]) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    requestStarted(req.socket);
    if (host.serveClientFile(req, res)) return;
    if (host.matchesPath(req)) host.handleRequest(req, res);
    else if (appListeners.length > 0) {
      for (const listener of appListeners) listener.call(server, req, res);
    } else if (server.listenerCount("request") === 1) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("Not found");
    }
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    requestStarted(req.socket);
    if (host.matchesPath(req)) host.handleUpgrade(req, socket, head);
    else if (server.listenerCount("upgrade") === 1) {
      abortUpgrade(socket, EngineErrorCode.BAD_REQUEST);
    }
  });
}
