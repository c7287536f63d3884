/**
 * The /chat simulator's "time passes" control in Chromium: it asks the stack to move its clock 25 hours
 * (`POST /dev/clock {"advanceHours": 25}`, lib/dev/clock.ts) and shows the offset it answered. Test files share
 * one stack, so the POST is answered here by the browser (Playwright's route) instead of moving the real clock;
 * the GET the page makes on load reaches the real stack.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, launchChromium, watchPage } from "../helpers/browser";

const poll = { timeout: 10_000, interval: 100 };

describe.skipIf(!hasChromium())("/chat time passes", () => {
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: "en-US" })).newPage();
    watchPage(page, dialogs, pageErrors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("posts advanceHours 25 to /dev/clock and shows the new offset", async () => {
    const posted: unknown[] = [];
    await page.route("**/dev/clock", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      posted.push(route.request().postDataJSON());
      await route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ offsetMs: 25 * 3_600_000, now: new Date().toISOString() }),
      });
    });
    await page.goto(`${inject("stackUrl")}/chat`);
    const button = page.getByTestId("time-passes");
    await expect.poll(() => button.getAttribute("data-offset-hours"), poll).not.toBeNull();
    await button.click();
    await expect.poll(() => button.getAttribute("data-offset-hours"), poll).toBe("25");
    expect(posted).toEqual([{ advanceHours: 25 }]);
    expect(await button.getAttribute("title")).toMatch(/25 h ahead/);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
