/**
 * The chat's look at desktop and phone widths. Checks the responsive layout (the room list
 * collapses into a drawer on phones) and saves screenshots: into this test's output folder, or
 * into e2e/screenshots/ (the README's images) when run with UPDATE_SCREENSHOTS=1.
 */
import { join } from "node:path";
import { startApp } from "./support/app-server";
import { expect, message, openRoom, send, signIn, test } from "./support/chat";

const screenshotDir = (testOutput: string) =>
  process.env.UPDATE_SCREENSHOTS ? join(import.meta.dirname, "screenshots") : testOutput;

test("desktop and phone layouts", async ({ browser }, testInfo) => {
  const server = await startApp("chat");
  try {
    const desktop = { width: 1280, height: 760 };
    const phone = { width: 390, height: 760 };
    const maya = await signIn(browser, server, "Maya", { viewport: desktop });
    const leo = await signIn(browser, server, "Leo", { viewport: desktop });
    const sam = await signIn(browser, server, "Sam", { viewport: phone });

    for (const room of ["design", "releases"]) await openRoom(leo, room);
    await leo.page.getByTestId("rooms").locator('[data-room="general"]').click();

    await send(maya, "Morning all! The 2.0 release candidate is up on staging.");
    await expect(
      message(leo, "Morning all! The 2.0 release candidate is up on staging."),
    ).toBeVisible();
    await send(leo, "Nice. Reconnection feels instant now, even over long-polling.");
    await send(leo, "I'll run the load test after lunch.");
    await expect(message(sam, "I'll run the load test after lunch.")).toBeVisible();
    await send(sam, "Checked it on my phone: works great on the train too.");
    await expect(
      message(maya, "Checked it on my phone: works great on the train too."),
    ).toBeVisible();
    await leo.page.getByTestId("composer").pressSequentially("Ship", { delay: 20 });
    await expect(maya.page.getByTestId("typing")).toHaveText("Leo is typing…");

    // Desktop: three columns, the room list visible.
    await maya.page.mouse.move(0, 0);
    await expect(maya.page.getByTestId("rooms")).toBeVisible();
    await expect(maya.page.getByTestId("members")).toBeVisible();
    await maya.page.screenshot({
      path: join(screenshotDir(testInfo.outputDir), "chat-desktop.png"),
    });

    // Phone: one column; the room list is a drawer behind the menu button.
    await sam.page.mouse.move(195, 200);
    await expect(sam.page.getByTestId("rooms")).not.toBeInViewport();
    await expect(sam.page.getByRole("button", { name: "Rooms" })).toBeVisible();
    await sam.page.screenshot({ path: join(screenshotDir(testInfo.outputDir), "chat-phone.png") });
    await sam.page.getByRole("button", { name: "Rooms" }).click();
    await expect(sam.page.getByTestId("rooms")).toBeInViewport();

    for (const user of [maya, leo, sam]) {
      expect(user.errors).toEqual([]);
      await user.context.close();
    }
  } finally {
    await server.stop();
  }
});
