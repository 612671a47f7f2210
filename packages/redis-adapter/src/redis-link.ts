/**
 * The Redis connections of one `createAdapter()` call, shared by the adapters of every
 * namespace: the user's client for commands and PUBLISH, one duplicate of it in subscriber
 * mode (created with the first adapter, closed with the last), and whether both are up.
 * An outage is logged once when it starts and once when it ends; meanwhile the adapters work
 * locally (ioredis reconnects and re-subscribes by itself).
 */
import type { Redis } from "ioredis";
import type { RedisAdapterOptions } from "./options.js";
import { PublishQueue } from "./publish-queue.js";

/** What an adapter hears from the link. */
export interface LinkMember {
  /** Both connections are ready (first time, or after an outage). */
  onUp(): void;
  /** A connection was lost: nothing can cross between nodes until `onUp`. */
  onDown(): void;
}

type MessageListener = (message: string) => void;

/** The shared connections. */
export class RedisLink {
  private sub: Redis | undefined;
  private readonly listeners = new Map<string, MessageListener>();
  private readonly members = new Set<LinkMember>();
  private up = false;
  private downSince: number | undefined;
  private lastError = "";
  /** PUBLISHes batched per event-loop turn, in order (publish-queue.ts). */
  private readonly outbox: PublishQueue;
  private readonly logger: RedisAdapterOptions["logger"];

  constructor(
    /** The user's client: commands and PUBLISH. The adapter never closes it. */
    readonly pub: Redis,
    options: Pick<RedisAdapterOptions, "logger" | "maxBatchMessages" | "maxBatchChars">,
  ) {
    this.logger = options.logger;
    const send = (channel: string, payload: string): void => {
      if (this.up) this.pub.publish(channel, payload).catch(() => undefined);
    };
    this.outbox = new PublishQueue(send, options.maxBatchMessages, options.maxBatchChars);
  }

  /** Whether messages can cross between nodes now. */
  get ready(): boolean {
    return this.up;
  }

  /** Queues an encoded message for `channel`; it goes out at the end of this turn. */
  publish(channel: string, text: string): void {
    this.outbox.add(channel, text);
  }

  /** Sends the queued messages now: before a command that must not overtake them. */
  flushPublishes(): void {
    this.outbox.flush();
  }

  /** Adds an adapter; the first one opens the subscriber connection. */
  attach(member: LinkMember): void {
    this.members.add(member);
    if (this.sub) return;
    const sub = this.pub.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      autoResubscribe: true,
      // subscriptions wait for the connection instead of failing during an outage
      maxRetriesPerRequest: null,
    });
    this.sub = sub;
    sub.on("message", this.onMessage);
    sub.on("error", this.onError);
    for (const client of [this.pub, sub]) {
      client.on("ready", this.update);
      client.on("close", this.update);
      client.on("end", this.update);
    }
    if (this.pub.status === "wait") this.pub.connect().catch(this.onError);
    this.update();
  }

  /** Removes an adapter; the last one closes the subscriber connection. */
  async detach(member: LinkMember): Promise<void> {
    this.members.delete(member);
    const sub = this.sub;
    if (this.members.size > 0 || !sub) return;
    this.sub = undefined;
    this.up = false;
    for (const client of [this.pub, sub]) {
      client.off("ready", this.update);
      client.off("close", this.update);
      client.off("end", this.update);
    }
    sub.off("message", this.onMessage);
    this.listeners.clear();
    try {
      if (sub.status === "ready") await sub.quit();
      else sub.disconnect();
    } catch {
      sub.disconnect();
    }
    sub.off("error", this.onError);
  }

  /** Subscribes to a channel (one listener per channel). */
  async subscribe(channel: string, listener: MessageListener): Promise<void> {
    this.listeners.set(channel, listener);
    await this.sub?.subscribe(channel);
  }

  /** Unsubscribes from a channel. */
  async unsubscribe(channel: string): Promise<void> {
    this.listeners.delete(channel);
    const sub = this.sub;
    if (sub?.status === "ready") await sub.unsubscribe(channel);
  }

  private readonly onMessage = (channel: string, message: string): void => {
    this.listeners.get(channel)?.(message);
  };

  private readonly onError = (err: unknown): void => {
    this.lastError = err instanceof Error ? err.message : String(err);
    if (!this.up) this.logOutage();
  };

  /** Logs the start of an outage, once. */
  private logOutage(): void {
    if (this.downSince !== undefined || this.members.size === 0) return;
    this.downSince = Date.now();
    const reason = this.lastError ? ` (${this.lastError})` : "";
    this.logger.warn(
      `[volley:redis-adapter] Redis is unreachable${reason}; until it is back, broadcasts ` +
        "reach this node's clients only and requests get local answers",
    );
  }

  /** Recomputes up/down from both connections and tells the members about a change. */
  private readonly update = (): void => {
    const up = this.pub.status === "ready" && this.sub?.status === "ready";
    if (up === this.up) return;
    this.up = up;
    if (up) {
      if (this.downSince !== undefined) {
        const seconds = ((Date.now() - this.downSince) / 1000).toFixed(1);
        this.logger.info(`[volley:redis-adapter] Redis connection is back after ${seconds}s`);
        this.downSince = undefined;
      }
      this.lastError = "";
      for (const member of [...this.members]) member.onUp();
      return;
    }
    this.logOutage();
    for (const member of [...this.members]) member.onDown();
  };
}
