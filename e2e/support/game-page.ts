/**
 * Helpers for the game specs: open a browser context as a named player, create or join a match
 * through the real lobby UI, and read what the page renders from `window.__volley_game`.
 */
import {
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  type WebSocketRoute,
} from "@playwright/test";

/** Poll quickly: the game updates 15–60 times a second. */
export const POLL = { intervals: [50, 100, 150, 250] };

/** The read-only view the game page exposes for tests. */
export interface GameView {
  me: string;
  players: Record<string, { x: number; y: number; score: number }>;
}

declare global {
  interface Window {
    readonly __volley_game: GameView;
  }
}

export interface GamePlayer {
  name: string;
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen by the page. */
  errors: string[];
}

/**
 * Opens the lobby in a fresh browser context (its own storage), optionally a touch phone (412 px
 * wide unless `width`), and types the name. `beforeLoad` runs before the page loads (to watch
 * its WebSocket from the start).
 */
export async function openPlayer(
  browser: Browser,
  url: string,
  name: string,
  options: { phone?: boolean; width?: number; beforeLoad?: (page: Page) => void } = {},
): Promise<GamePlayer> {
  const context = await browser.newContext(
    options.phone
      ? {
          viewport: { width: options.width ?? 412, height: 860 },
          hasTouch: true,
          isMobile: true,
          deviceScaleFactor: 2,
        }
      : { viewport: { width: 1200, height: 720 } },
  );
  const page = await context.newPage();
  options.beforeLoad?.(page);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(url);
  await expect(page.getByTestId("lobby")).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  return { name, page, context, errors };
}

export function gameView(page: Page): Promise<GameView> {
  return page.evaluate(() => window.__volley_game);
}

/** Clicks "Create match" and waits until the page plays in it; returns the match code. */
export async function createMatch(player: GamePlayer): Promise<string> {
  await player.page.getByTestId("create-match").click();
  await waitUntilPlaying(player);
  const code = new URL(player.page.url()).searchParams.get("match");
  expect(code, "the URL names the match").toMatch(/^[A-Z0-9]{5}$/);
  return code!;
}

/** Joins a match from the lobby's list. */
export async function joinFromList(player: GamePlayer, code: string): Promise<void> {
  await player.page.getByRole("button", { name: `Join match ${code}` }).click();
  await waitUntilPlaying(player);
}

export async function waitUntilPlaying(player: GamePlayer): Promise<void> {
  await expect(player.page.getByTestId("arena")).toBeVisible();
  await expect.poll(async () => (await gameView(player.page)).me, POLL).toBe(player.name);
}

/** Polls until `page` renders exactly these player names. */
export async function expectPlayers(page: Page, names: string[]): Promise<void> {
  await expect
    .poll(async () => Object.keys((await gameView(page)).players).sort(), POLL)
    .toEqual([...names].sort());
}

/**
 * Routes the page's realtime WebSockets through Playwright so a test can cut them, like a
 * network drop (the browser's offline mode leaves open WebSockets alone). Applies to
 * connections opened after the call.
 */
export async function cuttableNetwork(page: Page): Promise<{ cut(): Promise<void> }> {
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    ws.connectToServer();
    open.add(ws);
    ws.onClose(() => open.delete(ws));
  });
  return {
    async cut() {
      const sockets = [...open];
      open.clear();
      await Promise.all(
        sockets.map((ws) => ws.close({ code: 4000, reason: "network cut (test)" })),
      );
    },
  };
}
