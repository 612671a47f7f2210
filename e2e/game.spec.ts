/**
 * The sample game end to end: two browsers in one match see each other move, a coin scores on
 * both screens, a reload or a network cut returns the player to the same slot; matches are
 * isolated; a phone steers with the touch joystick; a spectator watches.
 *
 * The server runs the real rules with a fixed coin layout (GAME_TEST_COINS): the first coin of
 * each round lies 120 units to the right of slot 0's spawn point (144, 150), so holding the
 * right arrow for a moment collects it.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page, type TestInfo, test } from "@playwright/test";
import { type AnyState, decodeMessage, readHeader } from "@volley/state";
import { DEFAULT_RULES } from "../apps/game/shared/simulation";
import { gameSchema } from "../apps/game/shared/sync";
import { type RunningApp, startApp } from "./support/app-server";
import {
  createMatch,
  cuttableNetwork,
  expectPlayers,
  type GamePlayer,
  gameView,
  joinFromList,
  openPlayer,
  POLL,
} from "./support/game-page";

const SPAWN_0 = { x: 144, y: 150 };
const TEST_COIN = { x: SPAWN_0.x + 120, y: SPAWN_0.y };
const README_SCREENSHOT = join(dirname(fileURLToPath(import.meta.url)), "screenshots", "game.png");

// Each scenario takes 10–25 s; the margin is for a loaded machine (shared CI cores).
test.describe.configure({ timeout: 90_000 });

let app: RunningApp;
const opened: GamePlayer[] = [];

test.beforeAll(async () => {
  app = await startApp("game", {
    GAME_SEED: "7",
    GAME_TEST_COINS: `${TEST_COIN.x},${TEST_COIN.y}`,
  });
});

test.afterEach(async () => {
  for (const player of opened.splice(0)) {
    expect(player.errors, `${player.name}'s page logged errors`).toEqual([]);
    await player.context.close();
  }
});

test.afterAll(async () => {
  await app?.stop();
});

test("two players: movement, scoring, and back in the same slot after a reload or a network cut", async ({
  browser,
}, testInfo) => {
  const alice = await openPlayer(browser, app.url, "Alice");
  const bob = await openPlayer(browser, app.url, "Bob");
  opened.push(alice, bob);

  const code = await createMatch(alice);
  await expect(bob.page.getByRole("button", { name: `Join match ${code}` })).toBeVisible();
  await attachScreenshot(bob, "lobby", testInfo);
  await joinFromList(bob, code);
  await expectPlayers(alice.page, ["Alice", "Bob"]);
  await expectPlayers(bob.page, ["Alice", "Bob"]);
  await expect(bob.page.getByTestId("scores").getByTestId("player")).toHaveText(["Alice", "Bob"]);

  const start = (await gameView(bob.page)).players.Alice!;
  expect(start).toMatchObject({ x: SPAWN_0.x, y: SPAWN_0.y, score: 0 });

  // Alice runs right into the coin: her own page and Bob's both see her move and score.
  await alice.page.keyboard.down("ArrowRight");
  await expect
    .poll(async () => (await gameView(bob.page)).players.Alice!.x, POLL)
    .toBeGreaterThan(start.x + 40);
  await expect.poll(async () => (await gameView(alice.page)).players.Alice!.score, POLL).toBe(1);
  await alice.page.keyboard.up("ArrowRight");
  await expect.poll(async () => (await gameView(bob.page)).players.Alice!.score, POLL).toBe(1);
  await expect(bob.page.getByTestId("scores").locator("li").first()).toContainText("Alice");

  const moved = (await gameView(bob.page)).players.Alice!;
  expect(moved.x).toBeGreaterThan(TEST_COIN.x - 40);
  expect(moved.y).toBeCloseTo(SPAWN_0.y, 0);
  expect((await gameView(bob.page)).players.Bob!.score).toBe(0);

  await alice.page.waitForTimeout(300); // let interpolation settle for a still screenshot
  await attachScreenshot(alice, "game-alice", testInfo);
  await attachScreenshot(bob, "game-bob", testInfo);
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(dirname(README_SCREENSHOT), { recursive: true });
    await alice.page.screenshot({ path: README_SCREENSHOT });
  }

  // A reload comes back into the same slot: same name, same score, same place.
  const network = await cuttableNetwork(alice.page);
  const before = (await gameView(alice.page)).players.Alice!;
  await alice.page.reload();
  await expect.poll(async () => (await gameView(alice.page)).me, POLL).toBe("Alice");
  await expectPlayers(alice.page, ["Alice", "Bob"]);
  const after = (await gameView(alice.page)).players.Alice!;
  expect(after.score).toBe(1);
  expect(after.x).toBeCloseTo(before.x, 0);
  expect(after.y).toBeCloseTo(before.y, 0);
  await expectPlayers(bob.page, ["Alice", "Bob"]);
  expect(alice.page.url()).toContain(`match=${code}`);

  // So does a network cut: the socket reconnects and rejoins with the seat token.
  const status = alice.page.getByTestId("connection").locator("[data-status]");
  await expect(status).toHaveAttribute("data-status", "connected");
  await alice.page.evaluate(() => {
    // Record every status the page shows: the drop may be brief.
    const pill = document.querySelector('[data-testid="connection"] [data-status]')!;
    const seen: string[] = [];
    Object.assign(window, { __statuses: seen });
    new MutationObserver(() => seen.push(pill.getAttribute("data-status") ?? "")).observe(pill, {
      attributeFilter: ["data-status"],
    });
  });
  await network.cut();
  await expect
    .poll(
      () => alice.page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses),
      POLL,
    )
    .toContain("reconnecting");
  await expect(status).toHaveAttribute("data-status", "connected");
  await expectPlayers(bob.page, ["Alice", "Bob"]);
  const rejoined = await gameView(alice.page);
  expect(rejoined.me).toBe("Alice");
  expect(rejoined.players.Alice!.score).toBe(1);
  await alice.page.keyboard.down("ArrowDown");
  await expect
    .poll(async () => (await gameView(bob.page)).players.Alice!.y, POLL)
    .toBeGreaterThan(after.y + 30);
  await alice.page.keyboard.up("ArrowDown");
});

test("matches are isolated; touch joystick; leaving and watching as a spectator", async ({
  browser,
}, testInfo) => {
  const carol = await openPlayer(browser, app.url, "Carol", { phone: true });
  const dave = await openPlayer(browser, app.url, "Dave");
  opened.push(carol, dave);

  const first = await createMatch(carol);
  const second = await createMatch(dave);
  expect(second).not.toBe(first);
  await expectPlayers(carol.page, ["Carol"]);
  await expectPlayers(dave.page, ["Dave"]);

  // Carol steers with the touch joystick: finger down mid-arena, drag right, hold.
  const box = (await carol.page.getByTestId("arena").boundingBox())!;
  const start = (await gameView(carol.page)).players.Carol!;
  const cdp = await carol.context.newCDPSession(carol.page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", dx: number) =>
    cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints:
        type === "touchEnd" ? [] : [{ x: box.x + box.width / 2 + dx, y: box.y + box.height / 2 }],
    });
  await touch("touchStart", 0);
  for (const dx of [10, 25, 40, 60]) await touch("touchMove", dx);
  await expect
    .poll(async () => (await gameView(carol.page)).players.Carol!.x, POLL)
    .toBeGreaterThan(start.x + 60);
  await attachScreenshot(carol, "phone-joystick", testInfo);
  await touch("touchEnd", 60);
  expect((await gameView(carol.page)).players.Carol!.y).toBeCloseTo(start.y, 0);

  // Neither match ever shows the other's player.
  await expectPlayers(dave.page, ["Dave"]);
  await expect(dave.page.getByTestId("scores").getByTestId("player")).toHaveText(["Dave"]);
  await expect(carol.page.getByTestId("scores").getByTestId("player")).toHaveText(["Carol"]);

  // Dave leaves his match and watches Carol's.
  await dave.page.getByRole("button", { name: "Leave match" }).click();
  await dave.page.getByRole("button", { name: `Watch match ${first}` }).click();
  await expectPlayers(dave.page, ["Carol"]);
  expect((await gameView(dave.page)).me).toBe("");
  await expect(dave.page.getByText("You are watching.")).toBeVisible();
  await attachScreenshot(dave, "spectator", testInfo);
});

test("fog of war: a player never receives a coin outside their sight, nor another's input seq", async ({
  browser,
}, testInfo) => {
  const received: Buffer[] = [];
  const alice = await openPlayer(browser, app.url, "Alice", {
    beforeLoad: (page) => recordBinaryFrames(page, received),
  });
  const bob = await openPlayer(browser, app.url, "Bob", { phone: true, width: 390 });
  opened.push(alice, bob);
  const code = await createMatch(alice);
  await joinFromList(bob, code);
  await expectPlayers(alice.page, ["Alice", "Bob"]);

  // Alice wanders right then down, past the test coin and through the arena.
  await alice.page.keyboard.down("ArrowRight");
  await expect.poll(async () => (await gameView(alice.page)).players.Alice!.score, POLL).toBe(1);
  await alice.page.keyboard.up("ArrowRight");
  await alice.page.keyboard.down("ArrowDown");
  const start = (await gameView(alice.page)).players.Alice!;
  await expect
    .poll(async () => (await gameView(alice.page)).players.Alice!.y, POLL)
    .toBeGreaterThan(start.y + 150);
  await alice.page.keyboard.up("ArrowDown");
  await expect(alice.page.getByTestId("sight")).toContainText("in sight");
  await attachScreenshot(alice, "fog-desktop", testInfo);
  await attachScreenshot(bob, "fog-phone-390", testInfo);

  // Decode every state message Alice's page received, each against the state it names as base.
  const states = new Map<number, AnyState>();
  let decoded = 0;
  let coinsSeen = 0;
  for (const bytes of received) {
    const header = readHeader(bytes);
    const base = states.get(header.base);
    if (header.kind === 1 && !base) continue; // its base came before the WebSocket (polling)
    const state = decodeMessage(gameSchema, bytes, base);
    states.set(header.seq, state);
    decoded++;
    const me = state.collections.players!.get(0)!; // Alice created the match: slot 0
    for (const [slot, player] of state.collections.players!)
      if (slot !== 0) expect(player.seq, "another player's input seq").toBeUndefined();
    for (const coin of state.collections.coins!.values()) {
      coinsSeen++;
      const distance = Math.hypot(Number(coin.x) - Number(me.x), Number(coin.y) - Number(me.y));
      expect(distance, "a coin outside Alice's sight").toBeLessThanOrEqual(
        DEFAULT_RULES.viewRadius + 0.01,
      );
    }
  }
  expect(decoded).toBeGreaterThan(20);
  expect(coinsSeen).toBeGreaterThan(0);
});

/** Collects the binary WebSocket frames a page receives (the `match:state` attachments). */
function recordBinaryFrames(page: Page, into: Buffer[]): void {
  page.on("websocket", (ws) => {
    ws.on("framereceived", ({ payload }) => {
      if (typeof payload !== "string") into.push(payload);
    });
  });
}

/** Saves what a player sees into the test's output folder and attaches it to the report. */
async function attachScreenshot(player: GamePlayer, name: string, testInfo: TestInfo) {
  const path = testInfo.outputPath(`${name}.png`);
  await player.page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
