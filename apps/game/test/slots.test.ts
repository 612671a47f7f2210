import { describe, expect, it } from "vitest";
import { type Scheduler, type Slot, SlotTable } from "../server/slots.js";

/** A scheduler whose clock only moves when the test says so. */
function manualScheduler() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  const scheduler: Scheduler = {
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= now) {
        timers.delete(id);
        timer.callback();
      }
    }
  };
  return { scheduler, advance, pending: () => timers.size };
}

let ids = 0;
const makeId = () => `id${++ids}`;

describe("SlotTable", () => {
  it("hands out the lowest free slot with a fresh id and token", () => {
    const table = new SlotTable(3, 10_000, () => {}, manualScheduler().scheduler, makeId);
    const a = table.claim("Ada").slot!;
    const b = table.claim("Bob").slot!;
    expect([a.index, b.index]).toEqual([0, 1]);
    expect(a.token).not.toBe(b.token);
    expect(a.playerId).not.toBe(a.token);
  });

  it("makes names unique within the match", () => {
    const table = new SlotTable(4, 10_000, () => {}, manualScheduler().scheduler, makeId);
    expect(table.claim("Ada").slot!.name).toBe("Ada");
    expect(table.claim("ada").slot!.name).toBe("ada 2");
    expect(table.claim("Ada").slot!.name).toBe("Ada 3");
  });

  it("is full at its size", () => {
    const table = new SlotTable(2, 10_000, () => {}, manualScheduler().scheduler, makeId);
    table.claim("A");
    table.claim("B");
    expect(table.claim("C")).toEqual({ slot: null, resumed: false });
  });

  it("gives the same slot back to the token within the grace period", () => {
    const clock = manualScheduler();
    const expired: Slot[] = [];
    const table = new SlotTable(4, 10_000, (s) => expired.push(s), clock.scheduler, makeId);
    const ada = table.claim("Ada").slot!;
    table.claim("Bob");
    table.disconnect(ada.playerId);
    expect(ada.connected).toBe(false);
    clock.advance(9_000);
    const back = table.claim("Someone else", ada.token);
    expect(back).toEqual({ slot: ada, resumed: true });
    expect(ada.connected).toBe(true);
    clock.advance(5_000);
    expect(expired).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it("frees the slot when the grace period ends; the old token then gets a new slot", () => {
    const clock = manualScheduler();
    const expired: Slot[] = [];
    const table = new SlotTable(4, 10_000, (s) => expired.push(s), clock.scheduler, makeId);
    const ada = table.claim("Ada").slot!;
    table.disconnect(ada.playerId);
    clock.advance(10_000);
    expect(expired).toEqual([ada]);
    expect(table.occupied).toEqual([]);
    const again = table.claim("Ada", ada.token);
    expect(again.resumed).toBe(false);
    expect(again.slot!.playerId).not.toBe(ada.playerId);
  });

  it("frees at once on release and disposes its timers", () => {
    const clock = manualScheduler();
    const table = new SlotTable(4, 10_000, () => {}, clock.scheduler, makeId);
    const ada = table.claim("Ada").slot!;
    const bob = table.claim("Bob").slot!;
    table.disconnect(ada.playerId);
    expect(table.release(ada.playerId)).toBe(ada);
    expect(clock.pending()).toBe(0);
    table.disconnect(bob.playerId);
    table.dispose();
    expect(clock.pending()).toBe(0);
    expect(table.byToken(ada.token)).toBeUndefined();
  });
});
