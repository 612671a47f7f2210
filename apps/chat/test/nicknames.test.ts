import { describe, expect, it } from "vitest";
import { NicknameRegistry } from "../server/nicknames.js";

function setup() {
  let t = 0;
  const registry = new NicknameRegistry({ graceMs: 1_000, now: () => t });
  return {
    registry,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("NicknameRegistry", () => {
  it("refuses a nickname held by another browser, case-insensitively", () => {
    const { registry } = setup();
    expect(registry.claim("Ada", "token-a", "s1")).toEqual({ ok: true });
    expect(registry.isAvailable("ADA", "token-b")).toBe(false);
    expect(registry.claim("ada", "token-b", "s2")).toEqual({ ok: false, reason: "taken" });
  });

  it("lets the same browser use it from several sockets (tabs)", () => {
    const { registry } = setup();
    registry.claim("Ada", "token-a", "s1");
    expect(registry.claim("Ada", "token-a", "s2").ok).toBe(true);
    registry.release("Ada", "s1");
    expect(registry.isOnline("Ada")).toBe(true);
    registry.release("Ada", "s2");
    expect(registry.isOnline("Ada")).toBe(false);
  });

  it("keeps it reserved for its browser during the grace period, then frees it", () => {
    const { registry, advance } = setup();
    registry.claim("Ada", "token-a", "s1");
    registry.release("Ada", "s1");
    advance(999);
    expect(registry.isAvailable("Ada", "token-b")).toBe(false);
    expect(registry.isAvailable("Ada", "token-a")).toBe(true);
    advance(1);
    expect(registry.claim("Ada", "token-b", "s9").ok).toBe(true);
    expect(registry.isAvailable("Ada", "token-a")).toBe(false);
  });

  it("lets a reload take its own nickname back at once", () => {
    const { registry } = setup();
    registry.claim("Ada", "token-a", "s1");
    registry.release("Ada", "s1");
    expect(registry.claim("Ada", "token-a", "s2").ok).toBe(true);
    expect(registry.isOnline("Ada")).toBe(true);
  });

  it("sweeps expired reservations only", () => {
    const { registry, advance } = setup();
    registry.claim("Ada", "a", "s1");
    registry.claim("Bob", "b", "s2");
    registry.release("Ada", "s1");
    advance(1_000);
    expect(registry.sweep()).toBe(1);
    expect(registry.size).toBe(1);
  });

  it("ignores releases of unknown sockets", () => {
    const { registry } = setup();
    registry.claim("Ada", "a", "s1");
    registry.release("Ada", "nope");
    registry.release("Nobody", "s1");
    expect(registry.isOnline("Ada")).toBe(true);
  });
});
