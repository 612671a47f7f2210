/**
 * Cluster mode: two chat processes sharing one Redis (REDIS_URL). A user on each process, both
 * in #general, see each other's messages (room broadcasts cross processes through
 * @volley/redis-adapter) and each other in the member list and room counts (@volley/presence);
 * a nickname held on one process is refused on the other; when a process is killed (SIGKILL,
 * no goodbye) its users leave the other process's member list within presence's bound.
 */
import { test } from "@playwright/test";
import { type RunningApp, startApp } from "./support/app-server";
import { type ChatUser, expect, message, openPage, send, signIn, uniqueName } from "./support/chat";
import { type RunningRedis, redisServerPath, startRedis } from "./support/redis";

test.describe("chat cluster mode (REDIS_URL)", () => {
  test.skip(!redisServerPath(), "redis-server is not installed; cluster mode needs it");

  let redis: RunningRedis | undefined;
  let one: RunningApp | undefined;
  let two: RunningApp | undefined;
  const users: ChatUser[] = [];

  test.beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url };
    one = await startApp("chat", env);
    two = await startApp("chat", env);
  });

  test.afterAll(async () => {
    for (const user of users) await user.context.close().catch(() => {});
    await one?.stop();
    await two?.stop();
    await redis?.stop();
  });

  test("two users on different processes chat in #general", async ({ browser }) => {
    if (!one || !two) throw new Error("the chat processes did not start");
    expect(one.port).not.toBe(two.port);

    const ada = await signIn(browser, one, uniqueName("ada"));
    users.push(ada);
    const bob = await signIn(browser, two, uniqueName("bob"));
    users.push(bob);
    for (const user of [ada, bob]) {
      await expect(user.page.getByRole("heading", { level: 1 })).toHaveText("#general");
    }
    // Member lists are cluster-wide: each sees both, and #general counts two.
    for (const user of [ada, bob]) {
      await expect(user.page.getByTestId("members")).toContainText(ada.nickname);
      await expect(user.page.getByTestId("members")).toContainText(bob.nickname);
      await expect(user.page.getByTestId("rooms").getByRole("listitem").first()).toContainText("2");
    }

    const hello = `hello from process 1 ${Date.now()}`;
    await send(ada, hello);
    await expect(message(ada, hello)).toHaveAttribute("data-status", "delivered");
    await expect(message(bob, hello)).toBeVisible();
    await expect(message(bob, hello)).toContainText(ada.nickname);

    const reply = `reply from process 2 ${Date.now()}`;
    await send(bob, reply);
    await expect(message(bob, reply)).toHaveAttribute("data-status", "delivered");
    await expect(message(ada, reply)).toBeVisible();
    await expect(message(ada, reply)).toContainText(bob.nickname);

    expect(ada.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  test("a nickname held on one process is refused on the other", async ({ browser }) => {
    if (!one || !two) throw new Error("the chat processes did not start");
    const cy = await signIn(browser, one, uniqueName("cy"));
    users.push(cy);
    const intruder = await openPage(browser, two.url);
    users.push({ ...cy, context: intruder.context });
    await intruder.page.getByTestId("nickname").fill(cy.nickname.toUpperCase());
    await intruder.page.getByRole("button", { name: "Join the chat" }).click();
    await expect(intruder.page.getByRole("alert")).toContainText("already taken");
  });

  test("a killed process's users leave the other process's member list", async ({ browser }) => {
    if (!one || !two) throw new Error("the chat processes did not start");
    const dee = await signIn(browser, one, uniqueName("dee"));
    users.push(dee);
    const eve = await signIn(browser, two, uniqueName("eve"));
    users.push(eve);
    await expect(dee.page.getByTestId("members")).toContainText(eve.nickname);
    await two.kill();
    // presence drops a silent process after downAfter + heartbeatInterval (6 s by default)
    await expect(dee.page.getByTestId("members")).not.toContainText(eve.nickname, {
      timeout: 15_000,
    });
    await expect(dee.page.getByTestId("members")).toContainText(dee.nickname);
  });
});
