/**
 * HTTP long-polling over `fetch`: one GET pending at a time brings packets down as a text
 * payload; packets go up by POST (see HttpTransport). Opens sessions; never an upgrade target.
 */
import { decodePayload, type EnginePacket } from "@volley/protocol";
import { ConnectionErrorCode, errorTexts, TransportError } from "../../errors.js";
import { HttpTransport } from "./http-transport.js";

export class PollingTransport extends HttpTransport {
  readonly name = "polling";
  override readonly upgradeTarget = false;
  protected readonly postErrorMessage = "xhr post error";
  #polling = false;
  #onPollComplete: (() => void) | undefined;

  open(): void {
    this.readyState = "opening";
    this.#poll();
  }

  override resume(): void {
    super.resume();
    if (this.readyState === "open" && !this.#polling) this.#poll();
  }

  protected override waitForDownstream(done: () => void): boolean {
    if (!this.#polling) return false;
    this.#onPollComplete = done;
    return true;
  }

  #closed(): boolean {
    return this.readyState === "closed";
  }

  #poll(): void {
    this.#polling = true;
    this.request("xhr poll error", this.url("http"), this.init("GET"))
      .then((res) => res.text())
      .then(
        (body) => this.#onData(body),
        (error) => {
          if (this.readyState === "closed") return;
          this.fail(
            error instanceof TransportError
              ? error
              : new TransportError(
                  "xhr poll error",
                  ConnectionErrorCode.NETWORK_ERROR,
                  errorTexts()?.pollRead(error) ?? "",
                  { transport: this.name },
                  error,
                ),
          );
        },
      );
  }

  #onData(body: string): void {
    if (this.readyState === "closed") return;
    let packets: EnginePacket[];
    try {
      packets = decodePayload(body);
    } catch (error) {
      this.fail(
        new TransportError(
          "parse error",
          ConnectionErrorCode.PARSE_ERROR,
          errorTexts()?.notEngineIo("the polling response is not an Engine.IO payload", body) ?? "",
          { transport: this.name, body: body.slice(0, 300) },
          error,
        ),
      );
      return;
    }
    for (const packet of packets) {
      if (this.readyState === "opening" && packet.type === "open") {
        this.readyState = "open";
        this.writable = true;
        this.emitLocal("open");
      }
      if (packet.type === "close") {
        this.closedByPeer({ description: "transport closed by the server" });
        return;
      }
      this.emitLocal("packet", packet);
      if (this.#closed()) return; // a listener may have closed us
    }
    this.#polling = false;
    const onComplete = this.#onPollComplete;
    this.#onPollComplete = undefined;
    onComplete?.();
    if (this.readyState === "open") this.#poll();
  }
}
