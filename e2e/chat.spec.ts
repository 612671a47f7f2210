/**
 * The sample chat in a real browser: conversations between browser contexts, room isolation,
 * presence and typing, long-polling only, a server restart mid-chat, refused messages and
 * nicknames. Every wait is an auto-waiting `expect`.
 */
import type { Page, WebSocketRoute } from "@playwright/test";
import { startApp } from "./support/app-server";
import {
  expect,
  message,
  openPage,
  openRoom,
  send,
  signIn,
  test,
  uniqueName,
} from "./support/chat";

test("two users exchange messages, delivered in order", async ({ newUser }) => {
  const ada = await newUser("ada");
  const bob = await newUser("bob");
  // A room of their own: #general on the shared server holds other tests' messages.
  const room = uniqueName("pair");
  await openRoom(ada, room);
  await openRoom(bob, room);

  await send(ada, "Hello Bob!");
  await expect(message(ada, "Hello Bob!")).toHaveAttribute("data-status", "delivered");
  await expect(message(bob, "Hello Bob!")).toContainText(ada.nickname);

  await send(bob, "Hi Ada, loud and clear.");
  for (const user of [ada, bob]) {
    const texts = user.page.getByTestId("message").locator(".message__text");
    await expect(texts).toHaveText(["Hello Bob!", "Hi Ada, loud and clear."]);
  }
  await expect(ada.page.getByTestId("transport")).toHaveText("websocket");
  expect(ada.errors).toEqual([]);
  expect(bob.errors).toEqual([]);
});

test("messages only reach their room; joining replays the room's history", async ({ newUser }) => {
  const ada = await newUser("ada");
  const bob = await newUser("bob");
  const room = uniqueName("ops");

  await openRoom(ada, room);
  await send(ada, "Deploy starts at noon");
  await expect(message(ada, "Deploy starts at noon")).toHaveAttribute("data-status", "delivered");

  // Bob sees the new room and its member count live, but not its messages.
  const roomEntry = bob.page.getByTestId("rooms").locator(`[data-room="${room}"]`);
  await expect(roomEntry.locator(".room__count")).toHaveText("1 member");
  await send(bob, "Lunch anyone?");
  await expect(message(bob, "Lunch anyone?")).toHaveAttribute("data-status", "delivered");
  await expect(bob.page.getByText("Deploy starts at noon")).toHaveCount(0);

  // Ada, looking at the new room, does not get #general's message in it.
  await expect(ada.page.getByText("Lunch anyone?")).toHaveCount(0);

  // Joining replays what was said before; the count goes up for everyone.
  await roomEntry.click();
  await expect(message(bob, "Deploy starts at noon")).toContainText(ada.nickname);
  await expect(roomEntry.locator(".room__count")).toHaveText("2 members");
  await expect(ada.page.getByTestId("members")).toContainText(bob.nickname);

  // Leaving updates presence for the others.
  await bob.page.getByRole("button", { name: "Leave" }).click();
  await expect(bob.page.getByRole("heading", { level: 1 })).toHaveText("#general");
  await expect(ada.page.getByTestId("members")).not.toContainText(bob.nickname);
  expect(ada.errors).toEqual([]);
  expect(bob.errors).toEqual([]);
});

test("presence and typing are live", async ({ newUser }) => {
  const ada = await newUser("ada");
  const bob = await newUser("bob");
  await expect(ada.page.getByTestId("members")).toContainText(bob.nickname);

  await bob.page.getByTestId("composer").pressSequentially("typing", { delay: 20 });
  await expect(ada.page.getByTestId("typing")).toHaveText(`${bob.nickname} is typing…`);
  // The indicator expires about 3 s after the last typing event.
  await expect(ada.page.getByTestId("typing")).toHaveText("", { timeout: 8_000 });

  await bob.context.close();
  await expect(ada.page.getByTestId("members")).not.toContainText(bob.nickname);
  expect(ada.errors).toEqual([]);
});

test("falls back to SSE when WebSocket is unavailable, and chats over it", async ({ newUser }) => {
  const ada = await newUser("ada", { blockWebSocket: true });
  const bob = await newUser("bob", { blockWebSocket: true });
  await expect(ada.page.getByTestId("transport")).toHaveText("sse");
  await expect(bob.page.getByTestId("transport")).toHaveText("sse");

  await send(ada, "SSE works");
  await expect(message(bob, "SSE works")).toBeVisible();
  await send(bob, "So SSE does");
  await expect(message(ada, "So SSE does")).toBeVisible();
  expect(ada.errors).toEqual([]);
});

test("chats over long-polling when WebSocket and streaming are both unavailable", async ({
  newUser,
}) => {
  // a proxy that buffers responses: the SSE stream never arrives, so the probe fails
  const blockSse = async (page: Page): Promise<void> => {
    await page.route(/transport=sse/, (route) => route.abort("connectionrefused"));
  };
  const ada = await newUser("ada", { blockWebSocket: true, setup: blockSse });
  const bob = await newUser("bob", { blockWebSocket: true, setup: blockSse });
  await expect(ada.page.getByTestId("transport")).toHaveText("polling");

  await send(ada, "Polling works");
  await expect(message(bob, "Polling works")).toBeVisible();
  await send(bob, "So it does");
  await expect(message(ada, "So it does")).toBeVisible();
  await expect(bob.page.getByTestId("transport")).toHaveText("polling");
});

test("a server restart mid-chat: both reconnect and the conversation goes on", async ({
  browser,
}) => {
  const server = await startApp("chat");
  try {
    const ada = await signIn(browser, server, uniqueName("ada"));
    const bob = await signIn(browser, server, uniqueName("bob"));
    await send(ada, "Before the restart");
    await expect(message(bob, "Before the restart")).toBeVisible();

    await server.stop();
    for (const user of [ada, bob]) {
      await expect(user.page.getByTestId("status")).toHaveAttribute(
        "data-status",
        /reconnecting|disconnected/,
      );
      await expect(user.page.getByTestId("status")).toBeVisible();
    }
    // Written while the server is down: pending now, delivered after the reconnection.
    await send(ada, "Written while offline");
    await expect(message(ada, "Written while offline")).toHaveAttribute("data-status", "pending");

    await server.restart();
    for (const user of [ada, bob]) {
      await expect(user.page.getByTestId("status")).toHaveAttribute("data-status", "connected", {
        timeout: 15_000,
      });
    }
    await expect(message(ada, "Written while offline")).toHaveAttribute("data-status", "delivered");
    await expect(message(bob, "Written while offline")).toBeVisible();
    await send(bob, "Back again");
    await expect(message(ada, "Back again")).toBeVisible();

    // Nothing duplicated, nothing lost, on both sides.
    for (const user of [ada, bob]) {
      await expect(user.page.getByTestId("message").locator(".message__text")).toHaveText([
        "Before the restart",
        "Written while offline",
        "Back again",
      ]);
      await expect(user.page.getByTestId("members")).toContainText(ada.nickname);
      await expect(user.page.getByTestId("members")).toContainText(bob.nickname);
    }
    await ada.context.close();
    await bob.context.close();
  } finally {
    await server.stop();
  }
});

test("a dropped connection catches up on what was missed, without duplicates", async ({
  newUser,
}) => {
  const ada = await newUser("ada");
  // Bob's realtime traffic goes through routes the test can cut: a dropped network, then
  // no way back until it is restored.
  let online = true;
  const links: WebSocketRoute[] = [];
  const bob = await newUser("bob", {
    setup: async (page) => {
      await page.routeWebSocket(/\/socket\.io\//, (ws) => {
        if (!online) return void ws.close();
        ws.connectToServer();
        links.push(ws);
      });
      await page.route(/\/socket\.io\//, (route) => (online ? route.continue() : route.abort()));
    },
  });
  const room = uniqueName("drop");
  await openRoom(ada, room);
  await openRoom(bob, room);
  await send(ada, "Are you there?");
  await expect(message(bob, "Are you there?")).toBeVisible();

  online = false;
  for (const link of links.splice(0)) await link.close();
  await expect(bob.page.getByTestId("status")).toHaveAttribute("data-status", "reconnecting");
  await send(ada, "You missed this one");
  await send(ada, "And this one");
  await expect(message(ada, "And this one")).toHaveAttribute("data-status", "delivered");

  online = true;
  await expect(bob.page.getByTestId("status")).toHaveAttribute("data-status", "connected");
  await expect(bob.page.getByTestId("message").locator(".message__text")).toHaveText([
    "Are you there?",
    "You missed this one",
    "And this one",
  ]);
  await send(bob, "Back");
  await expect(message(ada, "Back")).toBeVisible();
  await expect(ada.page.getByTestId("members")).toContainText(bob.nickname);
});

test("a message over 2,000 characters is refused before sending, with the reason", async ({
  newUser,
}, testInfo) => {
  const ada = await newUser("ada");
  const bob = await newUser("bob");
  const long = "x".repeat(2_001);
  const composer = ada.page.getByTestId("composer");
  const sendButton = ada.page.getByTestId("composer-send");
  await composer.fill(long);
  // the contract's schema, checked in the browser: Send is off and the reason is shown
  await expect(sendButton).toBeDisabled();
  await expect(ada.page.getByTestId("composer-count")).toHaveText(
    "Message is too long (2,001 of 2,000 characters). Shorten it to send.",
  );
  await expect(composer).toHaveAttribute("aria-invalid", "true");
  await composer.press("Enter");
  // nothing was sent: no pending or failed copy (so no Retry that could never succeed)
  await expect(ada.page.getByTestId("message-error")).toHaveCount(0);
  await expect(message(ada, long)).toHaveCount(0);
  await expect(composer).toHaveValue(long);
  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 760 }],
    ["phone", { width: 390, height: 760 }],
  ] as const) {
    await ada.page.setViewportSize(viewport);
    // phones: the room list is a drawer, off screen once the layout settled
    if (name === "phone") await expect(ada.page.getByTestId("rooms")).not.toBeInViewport();
    await expect(ada.page.getByTestId("composer-count")).toBeInViewport();
    await ada.page.screenshot({
      path: testInfo.outputPath(`chat-too-long-${name}.png`),
      animations: "disabled",
    });
  }
  // shortening it to the limit makes it sendable again
  await composer.fill("x".repeat(2_000));
  await expect(sendButton).toBeEnabled();
  await composer.fill("A short one");
  await composer.press("Enter");
  await expect(message(bob, "A short one")).toBeVisible();
  await expect(bob.page.getByText(long)).toHaveCount(0);
  expect(ada.errors).toEqual([]);
});

test("a user sending too fast is rate limited", async ({ browser }) => {
  const server = await startApp("chat", { CHAT_MESSAGE_RATE: "3/60000" });
  try {
    const ada = await signIn(browser, server, uniqueName("ada"));
    for (const text of ["one", "two", "three"]) {
      await send(ada, text);
      await expect(message(ada, text)).toHaveAttribute("data-status", "delivered");
    }
    await send(ada, "four");
    await expect(message(ada, "four")).toHaveAttribute("data-status", "failed");
    await expect(message(ada, "four").getByTestId("message-error")).toContainText("too fast");
    await ada.context.close();
  } finally {
    await server.stop();
  }
});

test("a taken nickname is refused; a reload takes its own nickname back", async ({
  browser,
  chat,
  newUser,
}) => {
  const ada = await newUser("ada");

  const intruder = await openPage(browser, chat.url);
  await intruder.page.getByTestId("nickname").fill(ada.nickname.toUpperCase());
  await intruder.page.getByRole("button", { name: "Join the chat" }).click();
  await expect(intruder.page.getByRole("alert")).toContainText("already taken");
  await expect(intruder.page.getByTestId("nickname")).toBeVisible();
  await intruder.context.close();

  await ada.page.reload();
  await expect(ada.page.getByTestId("status")).toHaveAttribute("data-status", "connected");
  await expect(ada.page.getByTestId("members")).toContainText(ada.nickname);
  await expect(ada.page.getByTestId("composer")).toBeVisible();
});
