import { expect, test } from "vitest";
import { RoomStore } from "../server/rooms.js";
import { validateMessageText, validateNickname, validateRoomName } from "../shared/validation.js";

test("tracks members both ways and counts a nickname once", () => {
  const rooms = new RoomStore();
  expect(rooms.join("general", "s1", "ada")).toBe(true);
  expect(rooms.join("general", "s2", "ada")).toBe(false);
  expect(rooms.join("general", "s3", "bob")).toBe(true);
  expect(rooms.members("general")).toEqual(["ada", "bob"]);
  expect(rooms.leaveAll("s3")).toEqual(["general"]);
  expect(rooms.leave("general", "s1")).toBe(false);
  expect(rooms.members("general")).toEqual(["ada"]);
});

test("creates rooms on join and drops them when empty, except general", () => {
  const rooms = new RoomStore();
  rooms.join("news", "s1", "ada");
  expect(rooms.summaries()).toEqual([
    { name: "general", members: 0 },
    { name: "news", members: 1 },
  ]);
  rooms.leave("news", "s1");
  expect(rooms.summaries()).toEqual([{ name: "general", members: 0 }]);
});

test("keeps the last messages of a room", () => {
  const rooms = new RoomStore(2);
  for (const id of [1, 2, 3]) {
    rooms.append({ id, room: "general", author: "ada", text: `m${id}`, ts: id });
  }
  expect(rooms.history("general").map((m) => m.id)).toEqual([2, 3]);
});

test("validates nicknames, rooms and messages", () => {
  expect(validateNickname("  Ada ")).toEqual({ ok: true, value: "Ada" });
  expect(validateNickname("").ok).toBe(false);
  expect(validateNickname("<script>").ok).toBe(false);
  expect(validateRoomName("#News")).toEqual({ ok: true, value: "news" });
  expect(validateRoomName("no spaces").ok).toBe(false);
  expect(validateMessageText(" hi ")).toEqual({ ok: true, value: "hi" });
  expect(validateMessageText("x".repeat(1_001)).ok).toBe(false);
});
