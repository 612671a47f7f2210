import { describe, expect, it } from "vitest";
import {
  nicknameKey,
  validateClientId,
  validateMessageText,
  validateNickname,
  validateRoomName,
} from "../server/validation.js";

describe("validateNickname", () => {
  it("trims and accepts letters, digits, _ - . and inner spaces", () => {
    expect(validateNickname("  Ada_L.ove-1 ")).toEqual({ ok: true, value: "Ada_L.ove-1" });
    expect(validateNickname("Zoë  Martín")).toEqual({ ok: true, value: "Zoë Martín" });
  });

  it("accepts exactly 24 characters and refuses 25", () => {
    expect(validateNickname("a".repeat(24)).ok).toBe(true);
    expect(validateNickname("a".repeat(25))).toMatchObject({ ok: false, code: "NICKNAME_INVALID" });
  });

  it("refuses empty, blank, non-string and symbol-laden names", () => {
    for (const bad of ["", "   ", undefined, 42, "<script>", "a@b", "emoji🙂"]) {
      expect(validateNickname(bad)).toMatchObject({ ok: false, code: "NICKNAME_INVALID" });
    }
  });

  it("keys nicknames case-insensitively", () => {
    expect(nicknameKey("Alice")).toBe(nicknameKey("aLICE"));
  });
});

describe("validateRoomName", () => {
  it("normalizes a leading #, case and spaces", () => {
    expect(validateRoomName(" #Game Night ")).toEqual({ ok: true, value: "game-night" });
  });

  it("refuses empty, too long and odd characters", () => {
    expect(validateRoomName("#")).toMatchObject({ ok: false, code: "ROOM_INVALID" });
    expect(validateRoomName("a".repeat(33))).toMatchObject({ ok: false, code: "ROOM_INVALID" });
    expect(validateRoomName("a".repeat(32)).ok).toBe(true);
    expect(validateRoomName("caf\u00e9")).toMatchObject({ ok: false });
    expect(validateRoomName(null)).toMatchObject({ ok: false });
  });
});

describe("validateMessageText", () => {
  it("trims and accepts up to 2,000 characters", () => {
    expect(validateMessageText("  hi  ")).toEqual({ ok: true, value: "hi" });
    expect(validateMessageText("x".repeat(2000)).ok).toBe(true);
  });

  it("refuses blank and over-long text with a reason", () => {
    expect(validateMessageText(" \n ")).toMatchObject({ ok: false, error: "Message is empty." });
    const long = validateMessageText("x".repeat(2001));
    expect(long).toMatchObject({ ok: false, code: "MESSAGE_INVALID" });
    expect(long.ok === false && long.error).toContain("too long");
    expect(validateMessageText({ text: "hi" })).toMatchObject({ ok: false });
  });
});

describe("validateClientId", () => {
  it("keeps short word ids and drops anything else", () => {
    expect(validateClientId("m-1a2b_3")).toBe("m-1a2b_3");
    expect(validateClientId("x".repeat(65))).toBeUndefined();
    expect(validateClientId("a b")).toBeUndefined();
    expect(validateClientId(7)).toBeUndefined();
  });
});
