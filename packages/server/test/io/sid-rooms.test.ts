import { describe, expect, it } from "vitest";
import { SidRooms } from "../../src/io/sid-rooms.js";

/** Every socket's rooms as arrays, in iteration order. */
const all = (sids: SidRooms) => [...sids].map(([id, rooms]) => [id, [...rooms]]);

describe("SidRooms", () => {
  it("shows the compact forms as Sets, own room first", () => {
    const sids = new SidRooms();
    expect(sids.add("a", "a")).toBe(true);
    expect(sids.get("a")).toEqual(new Set(["a"]));
    expect(sids.add("a", "r")).toBe(true);
    expect(sids.add("a", "r")).toBe(false);
    expect(sids.add("a", "a")).toBe(false);
    expect([...sids.get("a")!]).toEqual(["a", "r"]);
    expect(sids.contains("a", "a") && sids.contains("a", "r")).toBe(true);
    expect(sids.contains("a", "x")).toBe(false);
    expect(sids.add("a", "s")).toBe(true);
    expect([...sids.get("a")!]).toEqual(["a", "r", "s"]);
    expect(all(sids)).toEqual([["a", ["a", "r", "s"]]]);
  });

  it("keeps join order when the own room is not first", () => {
    const sids = new SidRooms();
    sids.add("a", "r");
    sids.add("a", "a");
    expect([...sids.get("a")!]).toEqual(["r", "a"]);
  });

  it("leaves rooms from the compact forms", () => {
    const sids = new SidRooms();
    sids.add("a", "a");
    sids.add("a", "r");
    expect(sids.remove("a", "x")).toBe(false);
    expect(sids.remove("a", "r")).toBe(true);
    expect(sids.get("a")).toEqual(new Set(["a"]));
    sids.add("a", "r");
    expect(sids.remove("a", "a")).toBe(true);
    expect(sids.get("a")).toEqual(new Set(["r"]));
    expect(sids.contains("a", "a")).toBe(false);
    sids.add("b", "b");
    expect(sids.remove("b", "b")).toBe(true);
    expect(sids.get("b")).toEqual(new Set());
    expect(sids.remove("b", "b")).toBe(false);
  });

  it("lists rooms and the sockets in their own room", () => {
    const sids = new SidRooms();
    sids.add("a", "a");
    sids.add("a", "r");
    sids.add("b", "r");
    sids.add("c", "c");
    sids.ensure("d");
    sids.ensure("c");
    expect(sids.list("a")).toEqual(["a", "r"]);
    expect(sids.list("c")).toEqual(["c"]);
    expect(sids.list("d")).toEqual([]);
    expect([...sids.inOwnRoom()]).toEqual(["a", "c"]);
    expect(sids.size).toBe(4);
    const seen: string[] = [];
    sids.forEach((rooms, id) => {
      seen.push(`${id}:${[...rooms].join(",")}`);
    });
    expect(seen).toEqual(["a:a,r", "b:r", "c:c", "d:"]);
    expect([...sids.values()].map((rooms) => rooms.size)).toEqual([2, 1, 1, 0]);
  });
});
