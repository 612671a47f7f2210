/**
 * HTTP long-polling over `fetch`: one GET pending at a time brings packets down, one POST at a
 * time carries packets up, both as text payloads joined by "\x1e" (binary as "b" + base64).
 */
import { decodePayload, type EnginePacket, encodePayload } from "@volley/protocol";
import { Transport } from "./transport.js";

export class PollingTransport extends Transport {
  readonly name = "polling";
  #polling = false;
  #aborter = new AbortController();
  #posting: Promise<void> = Promise.resolve();

  open(): void {
    this.readyState = "opening";
    this.#poll();
  }

  /** Stops polling once the pending GET and POST complete (for an upgrade). */
  pause(onPause: () => void): void {
    this.readyState = "pausing";
    let pending = 0;
    const done = () => {
      if (--pending > 0 || this.readyState !== "pausing") return;
      this.readyState = "paused";
      onPause();
    };
    if (this.#polling) {
      pending++;
      this.once("pollComplete", done);
    }
    if (!this.writable) {
      pending++;
      this.once("drain", done);
    }
    if (pending === 0) {
      pending = 1;
      done();
    }
  }

  /** Polls again after a `pause` whose upgrade failed. */
  resume(): void {
    if (this.readyState !== "pausing" && this.readyState !== "paused") return;
    this.readyState = "open";
    if (!this.#polling) this.#poll();
  }

  send(packets: EnginePacket[]): void {
    this.writable = false;
    this.#posting = this.#post(packets);
    this.#posting.then(
      () => {
        if (this.readyState === "closed") return;
        this.writable = true;
        this.emitLocal("drain");
      },
      (error) => this.fail("fetch write error", error),
    );
  }

  close(): void {
    const wasOpen = this.readyState !== "idle" && this.readyState !== "closed";
    this.readyState = "closed";
    this.writable = false;
    this.off();
    this.#aborter.abort();
    if (!wasOpen || !this.sid) return;
    // Tell the server (after any POST in flight: one at a time), so it answers the pending
    // GET at once instead of at ping timeout.
    const sendClose = () => this.#post([{ type: "close" }]);
    this.#posting.then(sendClose, sendClose).catch(() => {});
  }

  /** Drops the transport without telling the server (after an upgrade). */
  discard(): void {
    this.readyState = "closed";
    this.writable = false;
    this.off();
  }

  #isClosed(): boolean {
    return this.readyState === "closed";
  }

  #poll(): void {
    this.#polling = true;
    fetch(this.url("http", { t: cacheBuster() }), this.#init("GET"))
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        return res.text();
      })
      .then(
        (body) => this.#onData(body),
        (error) => {
          if (this.readyState !== "closed") this.fail("fetch read error", error);
        },
      );
  }

  #onData(body: string): void {
    if (this.readyState === "closed") return;
    let packets: EnginePacket[];
    try {
      packets = decodePayload(body);
    } catch (error) {
      this.fail("parse error", error);
      return;
    }
    for (const packet of packets) {
      if (this.readyState === "opening" && packet.type === "open") {
        this.readyState = "open";
        this.writable = true;
        this.emitLocal("open");
      }
      if (packet.type === "close") {
        this.closedByPeer("transport closed by the server");
        return;
      }
      this.emitLocal("packet", packet);
      if (this.#isClosed()) return; // a listener may have closed us
    }
    this.#polling = false;
    this.emitLocal("pollComplete");
    if (this.readyState === "open") this.#poll();
  }

  /** POSTs are never aborted: what was handed to the transport should reach the server. */
  async #post(packets: EnginePacket[]): Promise<void> {
    const body = encodePayload(await blobsToBytes(packets));
    const init = this.#init("POST");
    init.body = body;
    init.headers = { "content-type": "text/plain;charset=UTF-8", ...this.options.extraHeaders };
    const res = await fetch(this.url("http", { t: cacheBuster() }), init);
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${text}`);
  }

  #init(method: "GET" | "POST"): RequestInit {
    return {
      method,
      headers: this.options.extraHeaders,
      // Like XHR without withCredentials: cookies for the same origin only.
      credentials: this.options.withCredentials ? "include" : "same-origin",
      cache: "no-store",
      ...(method === "GET" ? { signal: this.#aborter.signal } : {}),
    };
  }
}

let counter = 0;
function cacheBuster(): string {
  return `${Date.now().toString(36)}${(counter++).toString(36)}`;
}

/** Polling bodies are text: read Blob attachments (browsers) into bytes before encoding. */
async function blobsToBytes(packets: EnginePacket[]): Promise<EnginePacket[]> {
  if (typeof Blob === "undefined" || !packets.some((p) => p.data instanceof Blob)) return packets;
  return Promise.all(
    packets.map(async (p) =>
      p.data instanceof Blob ? { ...p, data: new Uint8Array(await p.data.arrayBuffer()) } : p,
    ),
  );
}
