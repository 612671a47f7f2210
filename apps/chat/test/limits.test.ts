import type { LimitRule } from "@volley/server";
import { describe, expect, it } from "vitest";
import { chatLimits, parseRate } from "../server/limits.js";

describe("chatLimits", () => {
  it("answers in the chat's Ack shape, naming the wait", () => {
    const { answer } = chatLimits();
    expect(answer?.({ error: "rate_limited", limit: "rule", retryAfterMs: 1_200 })).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      error: "You're sending messages too fast. Try again in 2 s.",
    });
    expect(answer?.({ error: "rate_limited", limit: "events", retryAfterMs: 10 })).toMatchObject({
      code: "RATE_LIMITED",
      error: "Too many requests. Try again in 1 s.",
    });
  });

  it("counts messages per nickname (case-insensitive) and typing per socket", async () => {
    const [messages, typing] = chatLimits({
      messageRate: { limit: 1, windowMs: 60_000 },
    }).rules as LimitRule[];
    const socket = (nickname: string) => ({
      id: nickname,
      data: { nickname },
      handshake: {} as never,
    });
    expect(messages!.key?.(socket("Ada"), "message:send")).toBe(
      messages!.key?.(socket("ADA"), "message:send"),
    );
    await messages!.limiter.consume(messages!.key!(socket("Ada"), "message:send")!);
    await expect(
      messages!.limiter.consume(messages!.key!(socket("ada"), "message:send")!),
    ).rejects.toMatchObject({ msBeforeNext: expect.any(Number) });
    expect(typing!.events).toEqual(["typing"]);
    expect(typing!.key).toBeUndefined(); // Volley's default: the socket id
  });
});

describe("parseRate", () => {
  it("parses limit/windowMs and falls back on anything else", () => {
    const fallback = { limit: 10, windowMs: 1_000 };
    expect(parseRate("3/60000", fallback)).toEqual({ limit: 3, windowMs: 60_000 });
    expect(parseRate(undefined, fallback)).toBe(fallback);
    expect(parseRate("0/10", fallback)).toBe(fallback);
    expect(parseRate("fast", fallback)).toBe(fallback);
  });
});
