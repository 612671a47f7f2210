/**
 * Cluster mode: two chat processes sharing one Redis (REDIS_URL). A user on each process, both
 * in #general, see each other's messages: room broadcasts cross processes through
 * @volley/redis-adapter.
 */
import { test } from "@playwright/test";
import { type RunningApp, startApp } from "./support/app-server";
import { type ChatUser, expect, message, send, signIn, uniqueName } from "./support/chat";
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
    // Member lists are per process: bob joining on process 2 must not replace ada's list.
    await expect(ada.page.getByTestId("members")).toContainText(ada.nickname);

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
});
