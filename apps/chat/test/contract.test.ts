/**
 * The chat's event contract (`chatEvents` and its schemas in server/events.ts): what the server
 * accepts before any handler runs, and what the browser checks before sending. Replaces the
 * hand-written validators the chat used to have.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  chatEvents,
  MessageText,
  Nickname,
  nicknameKey,
  RoomName,
  SendPayload,
} from "../server/events.js";

const ok = <T>(schema: v.GenericSchema<unknown, T>, input: unknown) => v.safeParse(schema, input);
const message = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input);
  return result.success ? null : result.issues[0].message;
};

describe("Nickname", () => {
  it("trims and accepts letters, digits, _ - . and inner spaces", () => {
    expect(ok(Nickname, "  Ada_L.ove-1 ").output).toBe("Ada_L.ove-1");
    expect(ok(Nickname, "Zoë  Martín").output).toBe("Zoë Martín");
  });

  it("accepts exactly 24 characters and refuses 25", () => {
    expect(ok(Nickname, "a".repeat(24)).success).toBe(true);
    expect(message(Nickname, "a".repeat(25))).toBe("Nicknames are at most 24 characters.");
  });

  it("refuses empty, blank, non-string and symbol-laden names", () => {
    for (const bad of ["", "   ", undefined, 42, "<script>", "a@b", "emoji🙂"]) {
      expect(ok(Nickname, bad).success).toBe(false);
    }
    expect(message(Nickname, 42)).toBe("Choose a nickname.");
  });

  it("keys nicknames case-insensitively", () => {
    expect(nicknameKey("Alice")).toBe(nicknameKey("aLICE"));
  });
});

describe("RoomName", () => {
  it("normalizes a leading #, case and spaces", () => {
    expect(ok(RoomName, " #Game Night ").output).toBe("game-night");
  });

  it("refuses empty, too long and odd characters", () => {
    expect(message(RoomName, "#")).toBe("Name the room.");
    expect(message(RoomName, "a".repeat(33))).toBe("Room names are at most 32 characters.");
    expect(ok(RoomName, "a".repeat(32)).success).toBe(true);
    expect(ok(RoomName, "caf\u00e9").success).toBe(false);
    expect(ok(RoomName, null).success).toBe(false);
  });
});

describe("MessageText", () => {
  it("trims and accepts up to 2,000 characters", () => {
    expect(ok(MessageText, "  hi  ").output).toBe("hi");
    expect(ok(MessageText, "x".repeat(2000)).success).toBe(true);
  });

  it("refuses blank and over-long text with a reason for the UI", () => {
    expect(message(MessageText, " \n ")).toBe("Message is empty.");
    expect(message(MessageText, "x".repeat(2001))).toBe(
      "Message is too long (2,001 of 2,000 characters).",
    );
    expect(ok(MessageText, { text: "hi" }).success).toBe(false);
  });
});

describe("SendPayload", () => {
  it("takes short word ids, refuses others, and drops unknown keys", () => {
    const payload = JSON.parse(
      '{"room":"general","text":"hi","clientId":"m-1a2b_3","__proto__":{"x":1}}',
    );
    expect(ok(SendPayload, payload).output).toEqual({
      room: "general",
      text: "hi",
      clientId: "m-1a2b_3",
    });
    expect(ok(SendPayload, { room: "general", text: "hi", clientId: "x".repeat(65) }).success).toBe(
      false,
    );
    expect(ok(SendPayload, { room: "general", text: "hi", clientId: "a b" }).success).toBe(false);
    expect(ok(SendPayload, { room: "general", text: "hi" }).success).toBe(true);
  });
});

describe("chatEvents", () => {
  it("declares every event both ways", () => {
    expect(Object.keys(chatEvents.clientToServer).sort()).toEqual([
      "message:send",
      "room:join",
      "room:leave",
      "typing",
    ]);
    expect(Object.keys(chatEvents.serverToClient).sort()).toEqual([
      "message:new",
      "rooms:update",
      "typing",
    ]);
  });
});
