import * as v from "valibot";
import { expect, test } from "vitest";
import { RoomStore } from "../server/rooms.js";
import { MessageText, Nickname, RoomName } from "../shared/events.js";

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

test("the contract's schemas check nicknames, rooms and messages", () => {
  const parse = (schema: v.GenericSchema<unknown, string>, input: unknown) => {
    const result = v.safeParse(schema, input);
    return result.success ? result.output : null;
  };
  expect(parse(Nickname, "  Ada ")).toBe("Ada");
  expect(parse(Nickname, "")).toBeNull();
  expect(parse(Nickname, "<script>")).toBeNull();
  expect(parse(RoomName, "#News")).toBe("news");
  expect(parse(RoomName, "no spaces")).toBeNull();
  expect(parse(MessageText, " hi ")).toBe("hi");
  expect(parse(MessageText, "x".repeat(1_001))).toBeNull();
});
