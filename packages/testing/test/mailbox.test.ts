// The mailbox alone (no sockets): order, predicates, waiting, the bounded history.
import { expect, test } from "vitest";
import { Mailbox } from "../src/mailbox.js";

test("take() hands out the oldest matching event once, then waits for the next", async () => {
  const box = new Mailbox();
  box.push("a", [1]);
  box.push("b", [2]);
  box.push("a", [3]);
  expect(box.take("a")).toEqual({ now: [1] });
  expect(box.take("a", ([n]) => n === 3)).toEqual({ now: [3] });
  const next = box.take("a");
  expect("later" in next).toBe(true);
  box.push("a", [4]);
  if ("later" in next) expect(await next.later).toEqual([4]);
  expect(box.take("b")).toEqual({ now: [2] });
});

test("an event handed to a waiter is not left in the mailbox", () => {
  const box = new Mailbox();
  const waiting = box.take("x");
  box.push("x", ["first"]);
  expect("later" in box.take("x")).toBe(true);
  if ("later" in waiting) waiting.cancel();
});

test("a cancelled waiter no longer takes events", () => {
  const box = new Mailbox();
  const waiting = box.take("x");
  if ("later" in waiting) waiting.cancel();
  box.push("x", [1]);
  expect(box.take("x")).toEqual({ now: [1] });
});

test("recent(n) keeps at most `limit` events", () => {
  const box = new Mailbox(3);
  for (let i = 0; i < 5; i++) box.push("e", [i]);
  expect(box.recent().map((r) => r.args[0])).toEqual([2, 3, 4]);
  expect(box.recent(1)).toEqual([{ event: "e", args: [4] }]);
  box.clear();
  expect(box.recent()).toEqual([]);
});
