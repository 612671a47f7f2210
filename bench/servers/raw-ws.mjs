// The practical upper bound: a raw `ws` server that speaks just enough Engine.IO/Socket.IO for
// the scenarios (open packet, CONNECT reply, pings, EVENT/ACK by string building) and nothing
// more: no parser objects, no namespaces, no middleware, no ping timeout enforcement. A broadcast
// is encoded once into one Buffer and handed to every socket's `ws.send`.
// `serve({ corked: true })` is the write-coalescing variant (see raw-ws-corked.mjs).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import WebSocket, { Sender, WebSocketServer } from "ws";
import { hostServer } from "../lib/server-host.mjs";
import {
  ackFrame,
  connectReply,
  eventFrame,
  openPacket,
  PING_INTERVAL,
  parseEvent,
} from "../lib/wire.mjs";
import { listen } from "./io-handlers.mjs";

const TEXT = { binary: false };

/** Plain writes: every send goes to the socket at once (ws frames it per socket). */
function plainWriter() {
  return {
    send: (ws, text) => ws.send(text),
    broadcast: (sockets, text) => {
      const bytes = Buffer.from(text);
      for (const ws of sockets) ws.send(bytes, TEXT);
    },
  };
}

/**
 * Coalesced writes: the frame is built once, written into each socket corked for the rest of
 * this event-loop turn, and every corked socket is flushed once (one writev) on setImmediate.
 */
function corkedWriter() {
  const corked = new Set();
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    for (const socket of corked) socket.uncork();
    corked.clear();
  };
  const frame = (bytes, readOnly) =>
    Sender.frame(bytes, { fin: true, rsv1: false, opcode: 1, mask: false, readOnly });
  const write = (ws, frames) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    const socket = ws._socket;
    if (!corked.has(socket)) {
      socket.cork();
      corked.add(socket);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    }
    for (const chunk of frames) socket.write(chunk);
  };
  return {
    send: (ws, text) => write(ws, frame(Buffer.from(text), false)),
    broadcast: (sockets, text) => {
      const frames = frame(Buffer.from(text), true);
      for (const ws of sockets) write(ws, frames);
    },
  };
}

export function serve({ corked = false } = {}) {
  hostServer(async (hooks) => {
    const writer = corked ? corkedWriter() : plainWriter();
    const httpServer = createServer();
    const wss = new WebSocketServer({
      server: httpServer,
      path: "/socket.io/",
      perMessageDeflate: false,
      clientTracking: false,
    });
    const room = new Set();
    const newId = () => randomBytes(15).toString("base64url");

    wss.on("connection", (ws) => {
      writer.send(ws, openPacket(newId()));
      ws.on("close", () => room.delete(ws));
      ws.on("message", (data) => {
        if (data[0] !== 0x34 /* "4" message */) {
          if (data[0] === 0x31 /* "1" close */) ws.close();
          return; // "3" pong and anything else
        }
        if (data[1] === 0x30 /* "0" CONNECT */) {
          room.add(ws);
          writer.send(ws, connectReply(newId()));
          return;
        }
        const event = parseEvent(data.toString());
        if (!event) return;
        const [name, arg] = event.args;
        if (name === "echo" && event.id !== undefined) writer.send(ws, ackFrame(event.id, [arg]));
        else if (name === "progress") hooks.progress(ws, arg);
      });
    });

    // One heartbeat timer for every socket (clients answer "3"; this server never times out).
    setInterval(() => {
      for (const ws of room) writer.send(ws, "2");
    }, PING_INTERVAL).unref();

    return {
      port: await listen(httpServer),
      broadcast: (n, t) => writer.broadcast(room, eventFrame("tick", { n, t })),
      connections: () => room.size,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve();
