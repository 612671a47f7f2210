import { describe, expect, it } from "vitest";
import {
  INTERPOLATION_DELAY_MS,
  interpolateAt,
  lerpVec,
  pushSnapshot,
  renderTimeFor,
  TELEPORT_DISTANCE,
  type TimedPositions,
  updateClockOffset,
} from "../shared/interpolation.js";

const snap = (time: number, positions: TimedPositions["positions"]): TimedPositions => ({
  time,
  positions,
});

describe("interpolation", () => {
  const buffer = [
    snap(0, { a: { x: 0, y: 0 } }),
    snap(100, { a: { x: 10, y: 20 }, b: { x: 5, y: 5 } }),
    snap(200, { a: { x: 30, y: 20 }, b: { x: 5, y: 15 } }),
  ];

  it("interpolates between the snapshots around the render time", () => {
    expect(interpolateAt(buffer, 50).a).toEqual({ x: 5, y: 10 });
    const later = interpolateAt(buffer, 175);
    expect(later.a).toEqual({ x: 25, y: 20 });
    expect(later.b).toEqual({ x: 5, y: 12.5 });
  });

  it("holds the first and last snapshots outside the buffer's range", () => {
    expect(interpolateAt(buffer, -100)).toEqual({ a: { x: 0, y: 0 } });
    expect(interpolateAt(buffer, 900)).toEqual(buffer[2]!.positions);
    expect(interpolateAt([], 10)).toEqual({});
  });

  it("shows entities that appear in the later snapshot where they are", () => {
    expect(interpolateAt(buffer, 50).b).toEqual({ x: 5, y: 5 });
    expect(interpolateAt(buffer, 150).b).toEqual({ x: 5, y: 10 });
  });

  it("does not glide across teleports", () => {
    const far = { x: TELEPORT_DISTANCE * 2, y: 0 };
    expect(lerpVec({ x: 0, y: 0 }, far, 0.5)).toEqual({ x: 0, y: 0 });
    expect(lerpVec({ x: 0, y: 0 }, far, 1)).toEqual(far);
  });

  it("keeps the buffer ordered and bounded, ignoring late snapshots", () => {
    let b: TimedPositions[] = [];
    b = pushSnapshot(b, snap(100, {}));
    b = pushSnapshot(b, snap(50, {}));
    b = pushSnapshot(b, snap(100, {}));
    b = pushSnapshot(b, snap(150, {}));
    expect(b.map((s) => s.time)).toEqual([100, 150]);
    for (let t = 200; t < 1000; t += 50) b = pushSnapshot(b, snap(t, {}), 5);
    expect(b.map((s) => s.time)).toEqual([750, 800, 850, 900, 950]);
  });

  it("tracks the clock offset smoothly and resets on big jumps", () => {
    let offset = updateClockOffset(undefined, 1000, 5000);
    expect(offset).toBe(-4000);
    offset = updateClockOffset(offset, 1100, 5080, 0.5);
    expect(offset).toBe(-3990);
    expect(updateClockOffset(offset, 90_000, 5100)).toBe(84_900);
    expect(renderTimeFor(5000, -4000)).toBe(1000 - INTERPOLATION_DELAY_MS);
  });
});
