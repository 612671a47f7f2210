/**
 * Publishes batched per event-loop turn. Messages published during one callback (an emit loop,
 * one Redis read that triggered answers) wait in order until a microtask at its end; then each
 * run of consecutive messages to the same channel goes out as ONE `PUBLISH` whose payload is a
 * JSON array of the already-encoded messages (`[m1,m2,…]`; a run of one stays a bare object, as
 * a node that does not batch would send it). One command instead of N: one write syscall on the
 * publisher, one command for Redis, one message event and one read on every subscriber, which
 * then delivers all of them in one callback, so the server coalesces the frames each client
 * gets. The order of everything published on the connection is kept, across channels too;
 * commands sent directly on the connection (the recovery log's append script) call `flush()`
 * first so they cannot overtake queued messages. The microtask adds no latency: it runs as soon
 * as the current callback returns.
 */

/** The queue of one publisher connection. */
export class PublishQueue {
  private channels: string[] = [];
  private texts: string[] = [];
  private scheduled = false;

  constructor(
    /** Sends one PUBLISH; called in order, from `flush()`. */
    private readonly send: (channel: string, payload: string) => void,
    /** Most messages in one PUBLISH, so a huge burst still makes bounded payloads (1: none). */
    private readonly maxMessages = 256,
    /** Most characters in one PUBLISH (a batch may exceed it by its last message). */
    private readonly maxChars = 512 * 1024,
  ) {}

  /** Queues an encoded message (a JSON object) for `channel`. */
  add(channel: string, text: string): void {
    this.channels.push(channel);
    this.texts.push(text);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.flush);
    }
  }

  /** Messages waiting (for tests). */
  get size(): number {
    return this.texts.length;
  }

  /** Sends everything queued now, in order (also runs by itself at the end of the turn). */
  readonly flush = (): void => {
    this.scheduled = false;
    const { channels, texts } = this;
    if (texts.length === 0) return;
    this.channels = [];
    this.texts = [];
    let start = 0;
    while (start < texts.length) {
      const channel = channels[start]!;
      let end = start + 1;
      let chars = texts[start]!.length;
      while (
        end < texts.length &&
        channels[end] === channel &&
        end - start < this.maxMessages &&
        chars < this.maxChars
      ) {
        chars += texts[end]!.length;
        end++;
      }
      this.send(
        channel,
        end - start === 1 ? texts[start]! : `[${texts.slice(start, end).join(",")}]`,
      );
      start = end;
    }
  };
}
