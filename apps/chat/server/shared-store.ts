/**
 * What the chat shares between its processes besides presence (and the message rate, which
 * Volley's limits count in Redis: see limits.ts): room history and short nickname claims (so two processes cannot hand out one nickname in
 * the same instant). Kept in Redis when the chat runs in cluster mode (REDIS_URL); the
 * in-memory store shares nothing and leaves each process to its local bookkeeping. While Redis
 * is unreachable the Redis store answers "unknown" at once (nothing waits in ioredis's offline
 * queue) and the process falls back to its local state.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { ChatMessage } from "./events.js";

export interface SharedStore {
  /** Appends a message to the room's shared history, keeping the last `size`. Never rejects. */
  appendHistory(room: string, message: ChatMessage, size: number): Promise<void>;
  /** The room's shared history after `since`; undefined: use the local history. */
  readHistory(room: string, since: number | null): Promise<ChatMessage[] | undefined>;
  /** Claims `nickname` for the browser with `token` for `ttlMs`; false: someone else holds it. */
  claimNickname(nickname: string, token: string, ttlMs: number): Promise<boolean>;
}

/** A stable, non-secret owner id for a session token (tokens never leave the process). */
export function ownerOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url").slice(0, 16);
}

export const memoryStore: SharedStore = {
  appendHistory: async () => {},
  readHistory: async () => undefined,
  claimNickname: async () => true,
};

const CLAIM = `local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

export function redisStore(redis: Redis, prefix = "chat"): SharedStore {
  const ready = () => redis.status === "ready";
  const historyKey = (room: string) => `${prefix}:history:${room}`;
  return {
    async appendHistory(room, message, size) {
      if (!ready()) return;
      await redis
        .multi()
        .rpush(historyKey(room), JSON.stringify(message))
        .ltrim(historyKey(room), -size, -1)
        .exec()
        .catch(() => {});
    },
    async readHistory(room, since) {
      if (!ready()) return undefined;
      try {
        const raw = await redis.lrange(historyKey(room), 0, -1);
        const messages = raw.map((line) => JSON.parse(line) as ChatMessage);
        return since === null ? messages : messages.filter((m) => m.id > since);
      } catch {
        return undefined;
      }
    },
    async claimNickname(nickname, token, ttlMs) {
      if (!ready()) return true;
      try {
        const n = await redis.eval(
          CLAIM,
          1,
          `${prefix}:nick:${nickname}`,
          ownerOf(token),
          String(ttlMs),
        );
        return Number(n) === 1;
      } catch {
        return true;
      }
    },
  };
}
