import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../server/events.js";
import { MessageIdSequence, RoomHistory } from "../server/history.js";

const message = (id: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  room: "general",
  author: "ada",
  text: `m${id}`,
  ts: id,
  ...extra,
});

describe("RoomHistory", () => {
  it("keeps the last N messages, oldest first", () => {
    const history = new RoomHistory(3);
    for (let id = 1; id <= 5; id++) history.append(message(id));
    expect(history.size).toBe(3);
    expect(history.all().map((m) => m.id)).toEqual([3, 4, 5]);
  });

  it("replays what came after a given id", () => {
    const history = new RoomHistory(100);
    for (let id = 1; id <= 150; id++) history.append(message(id));
    expect(history.since(null)).toHaveLength(100);
    expect(history.since(147).map((m) => m.id)).toEqual([148, 149, 150]);
    expect(history.since(150)).toEqual([]);
    expect(history.since(3)).toHaveLength(100);
  });

  it("finds a retried message by author and client id", () => {
    const history = new RoomHistory(10);
    history.append(message(1, { clientId: "c1" }));
    history.append(message(2, { clientId: "c1", author: "bob" }));
    expect(history.findByClientId("ada", "c1")?.id).toBe(1);
    expect(history.findByClientId("bob", "c1")?.id).toBe(2);
    expect(history.findByClientId("ada", "c2")).toBeUndefined();
  });
});

describe("MessageIdSequence", () => {
  it("is strictly increasing and restarts above earlier ids", () => {
    const before = new MessageIdSequence(1_000 * 1000);
    const a = before.next();
    expect(before.next()).toBe(a + 1);
    const afterRestart = new MessageIdSequence(1_001 * 1000);
    expect(afterRestart.next()).toBeGreaterThan(a + 1);
    expect(Number.isSafeInteger(new MessageIdSequence().next())).toBe(true);
  });
});
