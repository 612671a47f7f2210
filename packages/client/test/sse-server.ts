/**
 * A minimal Engine.IO + Socket.IO endpoint that follows docs/CONTRACTS.md's SSE section, for
 * testing the client's SSE transport on its own: handshakes on polling or SSE, the polling →
 * SSE upgrade (stream with sid, 2probe / 3probe by POST, 6 to the pending GET, 5), pings down
 * the stream and pongs up by POST, `event: json` for packets with line breaks, the padding
 * comment, a close packet. Socket.IO: accepts CONNECT for "/" and acks every event with its
 * arguments. One session at a time is enough for the tests. WebSocket upgrades are refused.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  Decoder,
  decodePayload,
  type EnginePacket,
  encodePacket,
  encodePollingPacket,
  type Packet,
  PacketType,
} from "@volley/protocol";

export interface SseTestServer {
  url: string;
  /** Requests seen: `METHOD transport [sid]`, and their headers and query. */
  requests: {
    method: string;
    transport: string;
    sid: boolean;
    headers: IncomingMessage["headers"];
    query: URLSearchParams;
  }[];
  /** Engine packets POSTed by the client (type and data), in order. */
  posted: EnginePacket[];
  /** Socket.IO events received, `[event, ...args]`. */
  events: unknown[][];
  /** The transport the current session is on. */
  transport(): string | undefined;
  /** Sends a raw encoded Engine.IO packet on the session's current transport. */
  sendRaw(encoded: string): void;
  /** Sends a close packet and ends the stream (the server closes the session). */
  closeSession(): void;
  /** Ends the stream without a close packet (a network loss). */
  dropStream(): void;
  close(): Promise<void>;
}

interface Session {
  sid: string;
  transport: "polling" | "sse";
  queue: string[];
  pendingGet: ServerResponse | undefined;
  stream: ServerResponse | undefined;
  probeStream: ServerResponse | undefined;
  decoder: Decoder;
  pinger: ReturnType<typeof setInterval> | undefined;
  /** Between 2probe and 5: a polling GET is answered with a noop at once. */
  upgrading: boolean;
}

const PADDING = `:${" ".repeat(2048)}\n\n`;

export async function sseServer(
  options: {
    pingInterval?: number;
    pingTimeout?: number;
    /** Answers requests outside /socket.io/ (a test page). */
    fallback?: (req: IncomingMessage, res: ServerResponse) => void;
  } = {},
): Promise<SseTestServer> {
  const { pingInterval = 25_000, pingTimeout = 20_000, fallback } = options;
  let session: Session | undefined;
  let count = 0;
  const requests: SseTestServer["requests"] = [];
  const posted: EnginePacket[] = [];
  const events: unknown[][] = [];

  const handshake = (upgrades: string[]) =>
    `0${JSON.stringify({ sid: session!.sid, upgrades, pingInterval, pingTimeout, maxPayload: 1e6 })}`;
  const writeEvent = (res: ServerResponse, encoded: string) =>
    res.write(
      /[\r\n]/.test(encoded)
        ? `event: json\ndata: ${JSON.stringify(encoded)}\n\n`
        : `data: ${encoded}\n\n`,
    );
  const flush = (s: Session) => {
    if (s.transport === "sse" && s.stream) {
      for (const encoded of s.queue.splice(0)) writeEvent(s.stream, encoded);
    } else if (s.pendingGet && s.queue.length > 0) {
      s.pendingGet
        .writeHead(200, { "content-type": "text/plain" })
        .end(s.queue.splice(0).join("\x1e"));
      s.pendingGet = undefined;
    }
  };
  const send = (s: Session, encoded: string) => {
    s.queue.push(encoded);
    flush(s);
  };
  const sendSocketIo = (s: Session, packet: Packet) => {
    const [text, ...attachments] = encodePacket(packet);
    send(s, `4${text}`);
    for (const bytes of attachments) {
      send(s, encodePollingPacket({ type: "message", data: bytes as Uint8Array }));
    }
  };
  const openStream = (res: ServerResponse) => {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    });
    res.write(PADDING);
  };
  const end = (s: Session) => {
    clearInterval(s.pinger);
    s.stream?.end();
    s.probeStream?.end();
    s.pendingGet?.writeHead(200).end("6");
    if (session === s) session = undefined;
  };
  const onPacket = (s: Session, packet: EnginePacket, transport: string) => {
    posted.push(packet);
    if (packet.type === "ping" && packet.data === "probe" && transport === "sse") {
      s.upgrading = true;
      if (s.probeStream) writeEvent(s.probeStream, "3probe");
      if (s.pendingGet) {
        s.pendingGet.writeHead(200).end("6");
        s.pendingGet = undefined;
      }
    } else if (packet.type === "upgrade" && transport === "sse") {
      s.transport = "sse";
      s.upgrading = false;
      s.stream = s.probeStream;
      s.probeStream = undefined;
      flush(s);
    } else if (packet.type === "close") {
      end(s);
    } else if (packet.type === "message" && packet.data !== undefined) {
      const decoded = s.decoder.add(packet.data as string);
      if (!decoded) return;
      if (decoded.type === PacketType.CONNECT) {
        sendSocketIo(s, { type: PacketType.CONNECT, nsp: "/", data: { sid: `socket-${count}` } });
      } else if (decoded.type === PacketType.EVENT || decoded.type === PacketType.BINARY_EVENT) {
        const args = decoded.data as unknown[];
        events.push(args);
        if (decoded.id !== undefined) {
          sendSocketIo(s, { type: PacketType.ACK, nsp: "/", id: decoded.id, data: args.slice(1) });
        }
      }
    }
  };

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (fallback && !url.pathname.startsWith("/socket.io/")) {
      fallback(req, res);
      return;
    }
    const transport = url.searchParams.get("transport") ?? "";
    const sid = url.searchParams.get("sid");
    requests.push({
      method: req.method ?? "",
      transport,
      sid: sid !== null,
      headers: req.headers,
      query: url.searchParams,
    });
    if (transport === "websocket") {
      res.writeHead(400).end(JSON.stringify({ code: 3, message: "Bad request" }));
      return;
    }
    if (req.method === "GET" && sid === null) {
      count++;
      const s: Session = {
        sid: `sid-${count}`,
        transport: transport === "sse" ? "sse" : "polling",
        queue: [],
        pendingGet: undefined,
        stream: undefined,
        probeStream: undefined,
        decoder: new Decoder(),
        pinger: undefined,
        upgrading: false,
      };
      session = s;
      s.pinger = setInterval(() => send(s, "2"), pingInterval);
      if (transport === "sse") {
        openStream(res);
        s.stream = res;
        writeEvent(res, handshake(["websocket"]));
      } else {
        res.writeHead(200).end(handshake(["websocket", "sse"]));
      }
      return;
    }
    const s = session;
    if (!s || s.sid !== sid) {
      res.writeHead(400).end(JSON.stringify({ code: 1, message: "Session ID unknown" }));
      return;
    }
    if (req.method === "GET" && transport === "sse") {
      openStream(res);
      s.probeStream = res;
      return;
    }
    if (req.method === "GET") {
      if (s.transport !== "polling") {
        res.writeHead(400).end(JSON.stringify({ code: 3, message: "Bad request" }));
        return;
      }
      if (s.upgrading) {
        res.writeHead(200).end("6");
        return;
      }
      s.pendingGet = res;
      flush(s);
      return;
    }
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/html" }).end("ok");
      for (const packet of decodePayload(body)) onPacket(s, packet, transport);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    requests,
    posted,
    events,
    transport: () => session?.transport,
    sendRaw: (encoded) => {
      if (session) send(session, encoded);
    },
    closeSession: () => {
      const s = session;
      if (!s) return;
      send(s, "1");
      end(s);
    },
    dropStream: () => {
      const s = session;
      if (!s) return;
      session = undefined;
      clearInterval(s.pinger);
      s.stream?.end();
    },
    async close() {
      if (session) end(session);
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
