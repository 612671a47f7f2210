// Raw Engine.IO v4 / Socket.IO v5 framing, just enough for the bench: the raw ws servers build
// their frames with these, and the raw clients (fan-out, idle, connect) use `connectRaw` to do
// the WebSocket handshake (`0{…}`, `40` → `40{"sid":…}`) without socket.io-client's cost.
import WebSocket from "ws";
import { now } from "./proc.mjs";

/** Engine.IO ping interval of every bench server; the scale scenario shortens it (env). */
export const PING_INTERVAL = Number(process.env.BENCH_PING_INTERVAL_MS) || 25_000;
export const PING_TIMEOUT = 20_000;
export const MAX_PAYLOAD = 1_000_000;

/** The Engine.IO open packet for a session opened directly on WebSocket (no upgrades). */
export function openPacket(sid) {
  return `0{"sid":"${sid}","upgrades":[],"pingInterval":${PING_INTERVAL},"pingTimeout":${PING_TIMEOUT},"maxPayload":${MAX_PAYLOAD}}`;
}

/** Socket.IO CONNECT reply on the main namespace, inside an Engine.IO message packet. */
export function connectReply(sid) {
  return `40{"sid":"${sid}"}`;
}

/** `42["event",…args]`: an EVENT on the main namespace. */
export function eventFrame(event, ...args) {
  return `42${JSON.stringify([event, ...args])}`;
}

/** `43<id>[…args]`: an ACK on the main namespace. */
export function ackFrame(id, args) {
  return `43${id}${JSON.stringify(args)}`;
}

/**
 * Parses a Socket.IO EVENT on the main namespace, `42[<id>]["name",…]`, into
 * `{ id, args }` (args[0] is the name); undefined for anything else.
 */
export function parseEvent(text) {
  if (text.charCodeAt(0) !== 0x34 || text.charCodeAt(1) !== 0x32) return undefined;
  let i = 2;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  const id = i > 2 ? Number(text.slice(2, i)) : undefined;
  const args = JSON.parse(text.slice(i));
  if (!Array.isArray(args) || typeof args[0] !== "string") return undefined;
  return { id, args };
}

const TICK_PREFIX = Buffer.from('42["tick",{"n":');

/**
 * The `n` of a fan-out frame `42["tick",{"n":123,…}]` read straight from the bytes (no string,
 * no JSON: the client must stay cheaper than the server); -1 for any other frame.
 */
export function tickNumber(bytes) {
  const start = TICK_PREFIX.length;
  if (bytes.length <= start) return -1;
  for (let i = 0; i < start; i++) if (bytes[i] !== TICK_PREFIX[i]) return -1;
  let n = 0;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i];
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/**
 * Opens a raw WebSocket client and does the Engine.IO + Socket.IO handshake. Resolves with
 * `{ ws, openedAt, connectedAt }` once the CONNECT reply `40{…}` arrives; answers pings with
 * pongs for as long as the socket lives; calls `onFrame(bytes)` for every later frame.
 */
export function connectRaw(url, { onFrame, timeoutMs = 10_000, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const openedAt = now();
    const ws = new WebSocket(url, { perMessageDeflate: false, localAddress });
    let connected = false;
    const timer = setTimeout(() => fail(new Error(`handshake timeout ${url}`)), timeoutMs);
    function fail(error) {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    }
    ws.on("error", (error) => {
      if (!connected) fail(error);
    });
    ws.on("close", () => {
      if (!connected) fail(new Error("closed during handshake"));
    });
    ws.on("message", (data) => {
      const type = data[0];
      if (type === 0x32 /* "2" ping */ && data.length === 1) {
        ws.send("3");
      } else if (connected) {
        onFrame?.(data);
      } else if (type === 0x30 /* "0" open */) {
        ws.send("40");
      } else if (type === 0x34 && data[1] === 0x30 /* "40" connect reply */) {
        connected = true;
        clearTimeout(timer);
        resolve({ ws, openedAt, connectedAt: now() });
      } else if (type === 0x34 && data[1] === 0x34 /* "44" connect error */) {
        fail(new Error(`CONNECT_ERROR ${data.toString()}`));
      }
    });
  });
}

export function engineUrl(port, transport = "websocket") {
  return `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=${transport}`;
}

/**
 * Opens `count` raw clients keeping at most `inFlight` handshakes in progress; resolves with the
 * open clients (`{ index, ws, openedAt, connectedAt }`) and any errors (bounded: each handshake
 * has its own timeout). `onFrameFor(i)` gives client i its frame handler; client i binds to
 * `localAddresses[i % length]` when given (several loopback sources: more ephemeral ports).
 */
export async function openMany(
  url,
  count,
  inFlight,
  { onFrameFor, timeoutMs, localAddresses } = {},
) {
  const clients = [];
  const errors = [];
  let next = 0;
  async function lane() {
    while (next < count) {
      const i = next++;
      try {
        clients.push({
          index: i,
          ...(await connectRaw(url, {
            onFrame: onFrameFor?.(i),
            timeoutMs,
            localAddress: localAddresses?.[i % localAddresses.length],
          })),
        });
      } catch (error) {
        errors.push(String(error.message ?? error));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return { clients, errors };
}
