/**
 * /inbox and Meta's window in Chromium against the local stack (issue 12, docs/outbound.md): a WhatsApp shopper who
 * last wrote 25 hours ago gets no free-text box but the shop's approved templates, one input per parameter, and the
 * template reaches the local Graph sink; a Messenger shopper from 25 hours ago shows the HUMAN_AGENT days left.
 * The shoppers are made 25 hours old (as tests/e2e/outbound.test.ts does) instead of moving the shared clock.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";
import { adminApi, agentApi, type Json } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { sinkFor } from "../helpers/meta";
import { shopperConversation } from "../helpers/orders";

const url = inject("stackUrl");
const db = useStackDb();
const HOUR = 3_600_000;
const TOKEN = "dev-agent-token";
const poll = { timeout: 15_000, interval: 100 };

describe.skipIf(!hasChromium())("/inbox window panel in a browser", () => {
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Chatcart's templates, submitted to the sink, which approves them after its review time
    const submitted = await adminApi(url, "POST", "templates", {});
    expect([200, 201]).toContain(submitted.status);
    await new Promise((r) => setTimeout(r, 2200));
    // the admin list syncs them from Graph: the window route then offers the approved ones
    expect((await adminApi(url, "GET", "templates")).status).toBe(200);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("WhatsApp, window closed: picks an approved template, fills its parameter, and it reaches the sink", async () => {
    const c = await shopperConversation(
      db,
      DEFAULT_SHOP_ID,
      "whatsapp",
      Date.now() - 25 * HOUR,
      "Old Shopper",
    );
    const id = c.conversationId;
    await page.goto(`${url}/inbox?token=${TOKEN}#c=${encodeURIComponent(id)}`);
    const picker = page.getByTestId("template-picker");
    await expect
      .poll(() => picker.isVisible(), poll)
      .toBe(true)
      .catch(async (e) => {
        throw new Error(
          `${e}: ${await page
            .locator("#conv-body")
            .textContent()
            .catch(() => "")}`,
        );
      });
    expect(await page.locator("#composer-form").isVisible()).toBe(false);
    expect(await page.getByTestId("window-countdown").textContent()).toMatch(/closed/i);

    const win = await agentApi(url, "GET", `conversations/${encodeURIComponent(id)}/window`);
    const follow = win.body.templates.find(
      (t: Json) => t.name === "chatcart_agent_follow_up" && t.language === "en",
    );
    expect(follow).toMatchObject({ parameters: 1 });
    await page.getByTestId("template-name").selectOption(`${follow.name}|${follow.language}`);
    const send = page.getByTestId("template-send");
    expect(await send.isDisabled()).toBe(true);
    await page.getByTestId("template-param-1").fill("Window Test Shop");
    expect(await page.getByTestId("template-body").textContent()).toContain("Window Test Shop");
    await page.screenshot({ path: screenshotPath("inbox-template-picker") });
    await send.click();

    const [m] = await sinkFor(url, c.userId);
    const t = m?.body.template as { name: string; components?: Json[] } | undefined;
    expect(t?.name).toBe("chatcart_agent_follow_up");
    expect(JSON.stringify(t?.components)).toContain("Window Test Shop");
    await expect.poll(() => page.getByTestId("message").textContent(), poll).toMatch(/sent/);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("Messenger after 24 h: HUMAN_AGENT days left, free text still possible", async () => {
    const c = await shopperConversation(db, DEFAULT_SHOP_ID, "messenger", Date.now() - 25 * HOUR);
    await page.goto(`${url}/inbox?token=${TOKEN}#c=${encodeURIComponent(c.conversationId)}`);
    const line = page.getByTestId("window-countdown");
    await expect
      .poll(() => line.textContent().catch(() => ""), poll)
      .toMatch(/HUMAN_AGENT tag · 6 days left/);
    expect(await page.getByTestId("template-picker").count()).toBe(0);
  }, 30_000);

  it("Messenger after 7 days: says why nothing can be sent", async () => {
    const c = await shopperConversation(db, DEFAULT_SHOP_ID, "messenger", Date.now() - 8 * 24 * HOUR);
    await page.goto(`${url}/inbox?token=${TOKEN}#c=${encodeURIComponent(c.conversationId)}`);
    await expect
      .poll(
        () =>
          page
            .getByTestId("window-refused")
            .textContent()
            .catch(() => ""),
        poll,
      )
      .toMatch(/7 days/);
  }, 30_000);
});
