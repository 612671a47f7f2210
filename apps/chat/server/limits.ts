/**
 * The chat's flood control, as Volley's built-in `limits` (the server's own token buckets and
 * bounds, with their defaults) plus two rules: messages per user (by nickname, so every tab
 * shares one budget) and typing notifications per socket. In cluster mode the message rule
 * counts in Redis (rate-limiter-flexible's RateLimiterRedis), so the budget holds across
 * processes; while Redis is away each process falls back to counting alone (its insurance
 * limiter), as the chat did before. Refusals are answered in the chat's own Ack shape, so the
 * web client shows "You're sending messages too fast. Try again in N s." under the message.
 */
import type { LimitsOptions, RateLimitedAnswer } from "@volley/server";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { ChatErrorCode, nicknameKey } from "./events.js";

/** At most `limit` events in each window of `windowMs` (fixed windows). */
export interface Rate {
  limit: number;
  windowMs: number;
}

export interface ChatRates {
  /** Messages per user, across processes in cluster mode. */
  messageRate: Rate;
  /** Typing notifications per socket (the client already throttles to one per 2 s). */
  typingRate: Rate;
}

export const DEFAULT_CHAT_RATES: ChatRates = {
  messageRate: { limit: 10, windowMs: 1_000 },
  typingRate: { limit: 3, windowMs: 2_000 },
};

/** What a refused request is answered (the chat's Ack failure shape). */
function answer({ limit, retryAfterMs }: RateLimitedAnswer) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const error =
    limit === "rule"
      ? `You're sending messages too fast. Try again in ${seconds} s.`
      : `Too many requests. Try again in ${seconds} s.`;
  return { ok: false, code: ChatErrorCode.RATE_LIMITED, error };
}

function memoryLimiter(rate: Rate, keyPrefix: string): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix, points: rate.limit, duration: rate.windowMs / 1000 });
}

/** The `limits` option of the chat's Server; with `redis`, messages are counted cluster-wide. */
export function chatLimits(rates: Partial<ChatRates> = {}, redis?: Redis): LimitsOptions {
  const { messageRate, typingRate } = { ...DEFAULT_CHAT_RATES, ...rates };
  const messages = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: "chat:rate",
        points: messageRate.limit,
        duration: messageRate.windowMs / 1000,
        // never wait in ioredis's offline queue: count locally while Redis is away
        rejectIfRedisNotReady: true,
        insuranceLimiter: memoryLimiter(messageRate, "chat:rate:local"),
      })
    : memoryLimiter(messageRate, "chat:rate");
  return {
    answer,
    rules: [
      {
        events: ["message:send"],
        limiter: messages,
        key: (socket) =>
          typeof socket.data.nickname === "string" ? nicknameKey(socket.data.nickname) : undefined,
      },
      { events: ["typing"], limiter: memoryLimiter(typingRate, "chat:typing") },
    ],
  };
}

/** Parses "10/1000" (events per milliseconds), as used by the CHAT_MESSAGE_RATE variable. */
export function parseRate(spec: string | undefined, fallback: Rate): Rate {
  const match = spec?.match(/^\s*(\d+)\s*\/\s*(\d+)\s*$/);
  if (!match) return fallback;
  const limit = Number(match[1]);
  const windowMs = Number(match[2]);
  return limit >= 1 && windowMs > 0 ? { limit, windowMs } : fallback;
}
