// What a person does with each template in Chromium, at desktop and phone (390 px) widths:
// connect, exchange a message (minimal, chat) or move (game), and the screenshots of both.
import type { BrowserContext, Page } from "playwright-core";
import type { TemplateName } from "../../src/options.js";
import { newContext, screenshotPath } from "./browser.js";

async function open(kind: "desktop" | "phone", url: string): Promise<[BrowserContext, Page]> {
  const context = await newContext(kind);
  const page = await context.newPage();
  await page.goto(url);
  return [context, page];
}

const connected = (page: Page) =>
  page.locator('[data-testid="status"][data-status="connected"]').waitFor();

/** Fails unless `selector` is entirely inside the viewport (not hidden off-screen). */
async function assertOnScreen(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize();
  if (!box || !size) throw new Error(`${selector} is not rendered`);
  if (
    box.x < 0 ||
    box.y < 0 ||
    box.x + box.width > size.width + 1 ||
    box.y + box.height > size.height + 1
  ) {
    throw new Error(`${selector} is off-screen: ${JSON.stringify(box)} in ${JSON.stringify(size)}`);
  }
}

/** Fails if the page scrolls sideways (something wider than the screen). */
async function assertNoSideScroll(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  if (scroll > client) throw new Error(`the page scrolls sideways: ${scroll} > ${client}`);
}

async function minimal(url: string): Promise<void> {
  const pages = await Promise.all([open("desktop", url), open("phone", url)]);
  try {
    for (const [kind, [, page]] of [
      ["desktop", pages[0]],
      ["phone", pages[1]],
    ] as const) {
      await connected(page);
      await page.getByLabel("Message").fill(`hello from the ${kind}`);
      await assertOnScreen(page, 'button[type="submit"]');
      await page.getByRole("button", { name: "Send" }).click();
      await page
        .getByTestId("line")
        .filter({ hasText: `hello from the ${kind} → echoed at` })
        .waitFor();
      await page.getByText("2 online").waitFor();
      await assertNoSideScroll(page);
      await page.screenshot({ path: screenshotPath(`minimal-${kind}`) });
    }
  } finally {
    for (const [context] of pages) await context.close();
  }
}

async function signIn(kind: "desktop" | "phone", url: string, nickname: string) {
  const [context, page] = await open(kind, url);
  await page.getByTestId("nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await connected(page);
  return [context, page] as const;
}

async function chat(url: string): Promise<void> {
  const [deskContext, desk] = await signIn("desktop", url, "maya");
  const [phoneContext, phone] = await signIn("phone", url, "leo");
  try {
    const say = async (page: Page, text: string) => {
      await assertOnScreen(page, '.composer button[type="submit"]');
      await page.getByTestId("composer").fill(text);
      await page.getByRole("button", { name: "Send" }).click();
    };
    const delivered = (page: Page, text: string) =>
      page
        .locator('[data-testid="message"][data-status="delivered"]')
        .filter({ hasText: text })
        .waitFor();
    await say(desk, "Morning! The release candidate is on staging.");
    await delivered(phone, "Morning! The release candidate is on staging.");
    await say(phone, "On it, checking from my phone.");
    await delivered(desk, "On it, checking from my phone.");
    await delivered(phone, "On it, checking from my phone.");
    await desk.getByTestId("members").getByText("leo").waitFor();
    await assertNoSideScroll(phone);
    await desk.screenshot({ path: screenshotPath("chat-desktop") });
    await phone.screenshot({ path: screenshotPath("chat-phone") });

    // The phone's drawer: rooms and members, closed again by picking a room.
    await phone.getByTestId("drawer-toggle").click();
    await phone.getByTestId("members").getByText("maya").waitFor();
    await phone.screenshot({ path: screenshotPath("chat-phone-drawer") });
    await phone
      .getByTestId("rooms")
      .getByRole("button", { name: /#general/ })
      .click();
    await phone.getByTestId("members").waitFor({ state: "hidden" });
  } finally {
    await deskContext.close();
    await phoneContext.close();
  }
}

/** The player's position as the server last sent it (data-x on its scoreboard row). */
async function position(page: Page, name: string): Promise<{ x: number; y: number }> {
  const row = page.locator(`[data-testid="player"][data-name="${name}"]`);
  return {
    x: Number(await row.getAttribute("data-x")),
    y: Number(await row.getAttribute("data-y")),
  };
}

async function movesWhile(
  page: Page,
  name: string,
  axis: "x" | "y",
  sign: 1 | -1,
  hold: () => Promise<void>,
  release: () => Promise<void>,
) {
  const start = (await position(page, name))[axis];
  await hold();
  try {
    await page.waitForFunction(
      ({ name, axis, start, sign }) => {
        const row = document.querySelector(`[data-testid="player"][data-name="${name}"]`);
        const now = Number(row?.getAttribute(`data-${axis}`));
        return sign * (now - start) > 20;
      },
      { name, axis, start, sign },
      { timeout: 10_000 },
    );
  } finally {
    await release();
  }
}

async function join(kind: "desktop" | "phone", url: string, name: string) {
  const [context, page] = await open(kind, url);
  await connected(page);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Play" }).click();
  await page.locator(`[data-testid="player"][data-name="${name}"]`).waitFor();
  return [context, page] as const;
}

async function game(url: string): Promise<void> {
  const [deskContext, desk] = await join("desktop", url, "kbd");
  const [phoneContext, phone] = await join("phone", url, "thumb");
  try {
    // Keyboard on the desktop, the on-screen pad (touch pointer events) on the phone.
    const { x } = await position(desk, "kbd");
    const key = x > 400 ? "ArrowLeft" : "ArrowRight";
    await movesWhile(
      desk,
      "kbd",
      "x",
      key === "ArrowRight" ? 1 : -1,
      () => desk.keyboard.down(key),
      () => desk.keyboard.up(key),
    );
    const pad = phone.getByTestId("touch-pad");
    await pad.waitFor();
    await assertOnScreen(phone, '[data-testid="pad-down"]');
    const { y } = await position(phone, "thumb");
    const direction = y > 250 ? "up" : "down";
    const button = phone.getByTestId(`pad-${direction}`);
    await movesWhile(
      phone,
      "thumb",
      "y",
      direction === "down" ? 1 : -1,
      () =>
        button.dispatchEvent("pointerdown", {
          pointerId: 1,
          pointerType: "touch",
          isPrimary: true,
        }),
      () =>
        button.dispatchEvent("pointerup", { pointerId: 1, pointerType: "touch", isPrimary: true }),
    );
    // Both players on both screens.
    await desk.locator('[data-testid="player"][data-name="thumb"]').waitFor();
    await phone.locator('[data-testid="player"][data-name="kbd"]').waitFor();
    await assertNoSideScroll(phone);
    await desk.screenshot({ path: screenshotPath("game-desktop") });
    await phone.screenshot({ path: screenshotPath("game-phone"), fullPage: true });
  } finally {
    await deskContext.close();
    await phoneContext.close();
  }
}

export const BROWSER_FLOWS: Record<TemplateName, (url: string) => Promise<void>> = {
  minimal,
  chat,
  game,
};
