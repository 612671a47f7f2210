/**
 * What polling and SSE share: packets go up as POSTed polling payloads (text joined by "\x1e",
 * binary as "b" + base64), one POST at a time and in order, answered "ok"; a close POSTs `1`
 * after the POST in flight; a pause waits for the POSTs in flight. Subclasses bring the
 * downstream half (long-polling GETs, or one event stream).
 */
import { type EnginePacket, encodePayload } from "@volley/protocol";
import { httpError, networkError } from "./failures.js";
import { Transport } from "./transport.js";

export abstract class HttpTransport extends Transport {
  override readonly boundedByMaxPayload = true;
  /** Aborts the downstream request on close. */
  protected readonly aborter = new AbortController();
  /** socket.io-client's message for a failed POST of this transport ("xhr post error"). */
  protected abstract readonly postErrorMessage: string;
  #posting: Promise<void> = Promise.resolve();
  #postsInFlight = 0;
  #onPostsDone: (() => void) | undefined;

  send(packets: EnginePacket[]): void {
    this.writable = false;
    this.#postsInFlight++;
    this.#posting = this.#posting.then(() => this.#post(packets));
    this.#posting.then(
      () => {
        if (--this.#postsInFlight > 0 || this.readyState === "closed") return;
        this.#onPostsDone?.();
        this.#onPostsDone = undefined;
        if (this.readyState === "paused") return;
        this.writable = true;
        this.emitLocal("drain");
      },
      (error) => this.fail(error),
    );
  }

  close(): void {
    const wasOpen = this.readyState !== "idle" && this.readyState !== "closed";
    this.discard();
    if (!wasOpen || !this.sid) return;
    // Tell the server (after any POST in flight: one at a time), so it ends the session now
    // instead of at ping timeout.
    const sendClose = () => this.#post([{ type: "close" }]);
    this.#posting.then(sendClose, sendClose).catch(() => {});
  }

  override discard(): void {
    this.readyState = "closed";
    this.writable = false;
    this.off();
    this.aborter.abort();
  }

  override pause(onPause: () => void): void {
    this.readyState = "pausing";
    let pending = 1;
    const done = () => {
      if (--pending > 0 || this.readyState !== "pausing") return;
      this.readyState = "paused";
      onPause();
    };
    if (this.waitForDownstream(done)) pending++;
    if (this.#postsInFlight > 0) {
      pending++;
      this.#onPostsDone = done;
    }
    done();
  }

  override resume(): void {
    if (this.readyState !== "pausing" && this.readyState !== "paused") return;
    this.readyState = "open";
    this.#onPostsDone = undefined;
    if (this.#postsInFlight === 0) this.writable = true;
  }

  /** While pausing: calls `done` once the downstream is idle and returns true, or returns false. */
  protected waitForDownstream(_done: () => void): boolean {
    return false;
  }

  /** The request options of this transport (credentials, headers, no cache). */
  protected init(method: "GET" | "POST", headers: Record<string, string> = {}): RequestInit {
    return {
      method,
      headers: { ...headers, ...this.options.extraHeaders },
      // Like XHR without withCredentials: cookies for the same origin only.
      credentials: this.options.withCredentials ? "include" : "same-origin",
      cache: "no-store",
      ...(method === "GET" ? { signal: this.aborter.signal } : {}),
    };
  }

  /** Fetches `url` (plus a cache buster); throws a readable TransportError unless 2xx. */
  protected async request(message: string, url: string, init: RequestInit): Promise<Response> {
    const request = `${init.method} ${url}`;
    let res: Response;
    try {
      res = await fetch(`${url}&t=${cacheBuster()}`, init);
    } catch (error) {
      throw networkError(message, this.name, request, error);
    }
    if (!res.ok) throw await httpError(message, this.name, request, res);
    return res;
  }

  /** POSTs are never aborted: what was handed to the transport should reach the server. */
  async #post(packets: EnginePacket[]): Promise<void> {
    const init = this.init("POST", { "content-type": "text/plain;charset=UTF-8" });
    init.body = encodePayload(await blobsToBytes(packets));
    const res = await this.request(this.postErrorMessage, this.url("http"), init);
    await res.text();
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
