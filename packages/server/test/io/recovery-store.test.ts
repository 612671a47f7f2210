import { describe, expect, it } from "vitest";
import { RecoveryStore } from "../../src/io/recovery.js";

const all = { rooms: new Set<string>(), except: new Set<string>(), flags: {} };

describe("RecoveryStore", () => {
  it("restores a session with the packets after its offset, in order, once", () => {
    let now = 1000;
    const store = new RecoveryStore(10_000, 100, () => now);
    store.storePacket("o1", ["a", "o1"], all);
    store.storePacket("o2", ["b", "o2"], all);
    store.persist({ sid: "s", pid: "p", rooms: ["s"], data: { n: 1 } });
    now += 10;
    store.storePacket("o3", ["c", "o3"], all);
    store.storePacket("o4", ["d", "o4"], {
      rooms: new Set(["other"]),
      except: new Set(),
      flags: {},
    });
    store.storePacket("o5", ["e", "o5"], { rooms: new Set(["s"]), except: new Set(), flags: {} });
    store.storePacket("o6", ["f", "o6"], { rooms: new Set(), except: new Set(["s"]), flags: {} });
    const restored = store.restore("p", "o2");
    expect(restored).toEqual({
      sid: "s",
      pid: "p",
      rooms: ["s"],
      data: { n: 1 },
      missedPackets: [
        ["c", "o3"],
        ["e", "o5"],
      ],
    });
    expect(store.restore("p", "o2")).toBeNull();
  });

  it("refuses an expired session or an unknown offset", () => {
    let now = 0;
    const store = new RecoveryStore(100, 100, () => now);
    store.storePacket("o1", ["a", "o1"], all);
    store.persist({ sid: "s", pid: "p", rooms: [], data: {} });
    store.persist({ sid: "t", pid: "q", rooms: [], data: {} });
    expect(store.restore("q", "nope")).toBeNull();
    now = 500;
    expect(store.restore("p", "o1")).toBeNull();
  });

  it("is bounded by count and by duration", () => {
    let now = 0;
    const store = new RecoveryStore(100, 3, () => now);
    for (let i = 0; i < 10; i++) store.storePacket(`o${i}`, [i], all);
    expect(store.size.packets).toBe(3);
    store.persist({ sid: "s", pid: "p", rooms: [], data: {} });
    now = 1000;
    store.sweep();
    expect(store.size).toEqual({ sessions: 0, packets: 0 });
  });
});
