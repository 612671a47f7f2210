import { describe, expect, it } from "vitest";
import { RoomDirectory } from "../server/rooms.js";

function setup(maxRooms = 50) {
  let t = 0;
  const rooms = new RoomDirectory({ maxRooms, historySize: 5, now: () => ++t });
  const join = (name: string, socket: string, nick: string) => {
    const ensured = rooms.ensure(name);
    if (!ensured.ok) throw new Error("limit");
    return rooms.join(ensured.room, socket, nick);
  };
  return { rooms, join };
}

describe("RoomDirectory", () => {
  it("starts with #general", () => {
    const { rooms } = setup();
    expect(rooms.summaries()).toEqual([{ name: "general", members: 0 }]);
  });

  it("counts distinct nicknames, not sockets", () => {
    const { rooms, join } = setup();
    expect(join("general", "s1", "Ada").changed).toBe(true);
    expect(join("general", "s2", "Ada").changed).toBe(false);
    expect(join("general", "s3", "bob").changed).toBe(true);
    expect(rooms.members("general")).toEqual(["Ada", "bob"]);
    expect(rooms.summaries()).toEqual([{ name: "general", members: 2 }]);
    expect(rooms.leave("general", "s1").changed).toBe(false);
    expect(rooms.leave("general", "s2").changed).toBe(true);
    expect(rooms.members("general")).toEqual(["bob"]);
  });

  it("indexes rooms per socket and leaves them all on disconnect", () => {
    const { rooms, join } = setup();
    join("general", "s1", "Ada");
    join("random", "s1", "Ada");
    join("random", "s2", "Bob");
    expect(rooms.roomsOf("s1").sort()).toEqual(["general", "random"]);
    expect(rooms.leaveAll("s1").sort()).toEqual(["general", "random"]);
    expect(rooms.roomsOf("s1")).toEqual([]);
    expect(rooms.isMember("random", "s1")).toBe(false);
    expect(rooms.isMember("random", "s2")).toBe(true);
  });

  it("sorts general first, then by name", () => {
    const { rooms, join } = setup();
    join("zebra", "s1", "a");
    join("alpha", "s1", "a");
    expect(rooms.summaries().map((r) => r.name)).toEqual(["general", "alpha", "zebra"]);
  });

  it("bounds the number of rooms, evicting the stalest empty room", () => {
    const { rooms, join } = setup(3);
    join("one", "s1", "a");
    rooms.ensure("two");
    expect(rooms.size).toBe(3);
    const three = rooms.ensure("three");
    expect(three.ok).toBe(true);
    expect(rooms.get("two")).toBeUndefined();
    expect(rooms.get("one")).toBeDefined();
    join("three", "s2", "b");
    expect(rooms.ensure("four")).toEqual({ ok: false, reason: "limit" });
    expect(rooms.get("general")).toBeDefined();
  });

  it("leaving a room one is not in changes nothing", () => {
    const { rooms } = setup();
    expect(rooms.leave("general", "ghost")).toEqual({ changed: false });
    expect(rooms.leave("missing", "ghost")).toEqual({ changed: false });
  });
});
