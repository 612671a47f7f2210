import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../server/events.js";
import {
  addLocal,
  CLIENT_HISTORY_LIMIT,
  lastSeenId,
  mergeMessages,
  pendingMessage,
  removeLocal,
  setLocalStatus,
  type UiMessage,
} from "../web/state/message-list.js";

const server = (id: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  room: "general",
  author: "bob",
  text: `m${id}`,
  ts: id,
  ...extra,
});
const ids = (list: UiMessage[]) => list.map((m) => m.id ?? m.key);

describe("mergeMessages", () => {
  it("orders by id and drops duplicates (history replay after a live event)", () => {
    let list = mergeMessages([], [server(2)], "ada");
    list = mergeMessages(list, [server(1), server(2), server(3)], "ada");
    expect(ids(list)).toEqual([1, 2, 3]);
    expect(mergeMessages(list, [server(3)], "ada")).toBe(list);
  });

  it("replaces the user's pending message with the server's copy", () => {
    let list = addLocal([], pendingMessage("general", "ada", "hi", "c1", 5));
    expect(list[0]).toMatchObject({ status: "pending", key: "local:c1" });
    list = mergeMessages(list, [server(7, { author: "ada", clientId: "c1", text: "hi" })], "ada");
    expect(list).toEqual([expect.objectContaining({ id: 7, status: "delivered", key: "id:7" })]);
  });

  it("does not let someone else's clientId answer the user's message", () => {
    let list = addLocal([], pendingMessage("general", "ada", "hi", "c1", 5));
    list = mergeMessages(list, [server(7, { author: "bob", clientId: "c1" })], "ada");
    expect(list.map((m) => m.status)).toEqual(["delivered", "pending"]);
  });

  it("keeps local messages after the delivered ones", () => {
    let list = addLocal([], pendingMessage("general", "ada", "later", "c9", 50));
    list = mergeMessages(list, [server(1), server(2)], "ada");
    expect(ids(list)).toEqual([1, 2, "local:c9"]);
  });

  it("bounds the delivered history", () => {
    const many = Array.from({ length: CLIENT_HISTORY_LIMIT + 10 }, (_, i) => server(i + 1));
    const list = mergeMessages([], many, "ada");
    expect(list).toHaveLength(CLIENT_HISTORY_LIMIT);
    expect(list[0]!.id).toBe(11);
  });
});

describe("local message status", () => {
  it("fails with a reason, retries, and can be dismissed", () => {
    let list = addLocal([], pendingMessage("general", "ada", "x", "c1", 1));
    list = setLocalStatus(list, "c1", "failed", "too long");
    expect(list[0]).toMatchObject({ status: "failed", error: "too long" });
    list = setLocalStatus(list, "c1", "pending");
    expect(list[0]).toMatchObject({ status: "pending", error: undefined });
    expect(removeLocal(list, "c1")).toEqual([]);
  });
});

describe("lastSeenId", () => {
  it("is the newest delivered id, ignoring local messages", () => {
    expect(lastSeenId([])).toBeNull();
    const list = addLocal(
      mergeMessages([], [server(4), server(9)], "ada"),
      pendingMessage("general", "ada", "x", "c", 1),
    );
    expect(lastSeenId(list)).toBe(9);
  });
});
