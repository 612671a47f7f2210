/**
 * Fixtures and helpers for the chat specs: one chat server per worker (tests use unique
 * nicknames and rooms so they never see each other), and `signIn()` to open a browser context
 * as a user, optionally with WebSocket blocked so only long-polling works.
 */
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test";
import { type RunningApp, startApp } from "./app-server";

export interface ChatUser {
  nickname: string;
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen by the page. */
  errors: string[];
}

export interface SignInOptions {
  /** Replace window.WebSocket with a constructor that throws: long-polling only. */
  blockWebSocket?: boolean;
  viewport?: { width: number; height: number };
  /** Runs on the new page before it loads the chat (routes, init scripts). */
  setup?: (page: Page) => Promise<void>;
}

let counter = 0;
/** A nickname no other test uses: `ada-k3x9` (at most 24 characters). */
export function uniqueName(base: string): string {
  counter += 1;
  return `${base}-${counter.toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

export async function openPage(browser: Browser, url: string, options: SignInOptions = {}) {
  const context = await browser.newContext(options.viewport ? { viewport: options.viewport } : {});
  if (options.blockWebSocket) {
    await context.addInitScript(() => {
      // biome-ignore lint/suspicious/noExplicitAny: replacing a browser global for the test
      (window as any).WebSocket = class BlockedWebSocket {
        constructor() {
          throw new Error("WebSocket is blocked in this test");
        }
      };
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await options.setup?.(page);
  await page.goto(url);
  return { context, page, errors };
}

/** Opens the chat as `nickname` and waits until it is connected and present in #general. */
export async function signIn(
  browser: Browser,
  server: RunningApp,
  nickname: string,
  options: SignInOptions = {},
): Promise<ChatUser> {
  const { context, page, errors } = await openPage(browser, server.url, options);
  await page.getByTestId("nickname").fill(nickname);
  await page.getByRole("button", { name: "Join the chat" }).click();
  await expect(page.getByTestId("status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("members")).toContainText(nickname);
  return { nickname, page, context, errors };
}

export async function send(user: ChatUser, text: string): Promise<void> {
  await user.page.getByTestId("composer").fill(text);
  await user.page.getByTestId("composer").press("Enter");
}

/** The message list item holding `text` (exact match of the message body). */
export function message(user: ChatUser, text: string) {
  return user.page
    .getByTestId("message")
    .filter({ has: user.page.getByText(text, { exact: true }) });
}

export async function openRoom(user: ChatUser, room: string): Promise<void> {
  await user.page.getByTestId("new-room").fill(room);
  await user.page.getByTestId("new-room").press("Enter");
  await expect(user.page.getByRole("heading", { level: 1 })).toHaveText(`#${room}`);
}

export const test = base.extend<
  { newUser: (base: string, options?: SignInOptions) => Promise<ChatUser> },
  { chat: RunningApp }
>({
  chat: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const app = await startApp("chat");
      await use(app);
      await app.stop();
    },
    { scope: "worker" },
  ],
  newUser: async ({ browser, chat }, use) => {
    const users: ChatUser[] = [];
    await use(async (base, options) => {
      const user = await signIn(browser, chat, uniqueName(base), options);
      users.push(user);
      return user;
    });
    for (const user of users) await user.context.close();
  },
});

export { expect };
