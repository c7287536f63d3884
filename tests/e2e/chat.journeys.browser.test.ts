/**
 * Two shopper journeys seen in the /chat simulator (Chromium against the real local stack), issue 15:
 * - a shopper who asked for a person waits, is told so with a "Talk to the bot" button, taps it, and the bot
 *   answers again;
 * - the merchant marks the shopper's order shipped in /admin with a tracking number and link, and /chat shows
 *   the shipped message with both (the link clickable).
 */
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";
import { ADMIN_TOKEN, adminApi, agentApi } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { placedOrder } from "../helpers/orders";

const REPLY_MS = 20_000;
const poll = { timeout: REPLY_MS, interval: 100 };
const tag = randomBytes(3).toString("hex").toUpperCase();
const db = useStackDb();

describe.skipIf(!hasChromium())("/chat shopper journeys in a browser", () => {
  let browser: Browser | undefined;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A new /chat page (a new shopper) on `channel`, once it has its config and its first sink read. */
  async function openChat(channel: "messenger" | "whatsapp") {
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ viewport: { width: 520, height: 860 }, locale: "en-US" });
    const page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
    const loaded = new Set<string>();
    page.on("response", (r) => {
      if (r.status() === 200) loaded.add(new URL(r.url()).pathname);
    });
    expect((await page.goto(`${inject("stackUrl")}/chat#${channel}`))?.status()).toBe(200);
    await expect
      .poll(() => loaded.has("/dev/chat/config") && loaded.has("/dev/graph/messages"), {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true);
    expect(await page.getByTestId(`channel-${channel}`).getAttribute("aria-selected")).toBe("true");
    const user = ((await page.getByTestId("user-id").textContent()) ?? "").trim();
    expect(user).toMatch(/^\d{6,20}$/);
    const bot = () => page.getByTestId("bot-message").allTextContents();
    /** Sends `text` and returns the bot's new messages once at least one arrived. */
    const send = async (text: string) => {
      const before = (await bot()).length;
      await page.getByTestId("composer").fill(text);
      await page.getByTestId("send").click();
      await expect.poll(async () => (await bot()).length, poll).toBeGreaterThan(before);
      return (await bot()).slice(before);
    };
    return { page, user, conversationId: `${channel}:${user}`, bot, send };
  }

  const statusOf = async (id: string) =>
    (await agentApi(inject("stackUrl"), "GET", `conversations/${encodeURIComponent(id)}`)).body?.conversation;

  it("a waiting shopper taps “Talk to the bot” and the bot answers again", async () => {
    const { page, conversationId, bot, send } = await openChat("messenger");
    await send("hi");
    await send("I want to talk to a person");
    await expect.poll(async () => (await statusOf(conversationId))?.status, poll).toBe("waiting");

    // the next message is told that a person will answer, with the button back to the bot
    const waiting = await send("hello? anyone?");
    expect(waiting.join("\n")).toMatch(/A person will answer here/);
    const back = page.getByTestId("choice").filter({ hasText: "Talk to the bot" });
    await expect.poll(() => back.count(), poll).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("chat-waiting") });

    const before = (await bot()).length;
    await back.last().click();
    await expect.poll(async () => (await bot()).slice(before).join("\n"), poll).toContain("OK, I'm back");
    expect(await statusOf(conversationId)).toMatchObject({ status: "bot", releaseReason: "shopper" });

    // the bot answers a product question again
    const answer = await send("show me shirts");
    expect(answer.join("\n").trim()).not.toBe("");
    expect(answer.join("\n")).not.toMatch(/A person will answer here/);
    expect((await statusOf(conversationId))?.status).toBe("bot");
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 90_000);

  it("an order shipped in /admin with a tracking number and link reaches /chat", async () => {
    const base = inject("stackUrl");
    const productId = `E2E-SHIP-${tag}`;
    const put = await adminApi(base, "PUT", `products/${productId}`, {
      id: productId,
      title: { en: `Ship Tee ${tag}` },
      price: { amount: 1999, currency: "USD" },
      stock: 5,
      category: "e2e",
    });
    expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
    try {
      // the shopper greets the bot in /chat (the window is open), then has an order placed from their cart
      const chat = await openChat("whatsapp");
      await chat.send("hi");
      const order = await placedOrder(db, DEFAULT_SHOP_ID, chat.conversationId, [[productId, 1]], {
        at: Date.now(),
      });

      // the merchant confirms and ships it in /admin
      if (!browser) throw new Error("no browser");
      const admin: Page = await (
        await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" })
      ).newPage();
      watchPage(admin, dialogs, pageErrors);
      const byTestId = (id: string) => admin.getByTestId(id);
      await admin.goto(`${base}/admin`);
      await byTestId("token").fill(ADMIN_TOKEN);
      await byTestId("signin").click();
      await expect.poll(() => byTestId("tab-products").getAttribute("aria-selected"), poll).toBe("true");
      await byTestId("tab-orders").click();
      const row = admin.locator(`[data-testid="order-row"][data-id="${order.orderId}"]`);
      await expect.poll(() => row.count(), poll).toBe(1);
      await row.click();
      await expect.poll(() => byTestId("order-title").textContent(), poll).toBe(order.orderId);
      await byTestId("order-to-confirmed").click();
      await byTestId("confirm-ok").click();
      await expect.poll(() => byTestId("order-detail-status").textContent(), poll).toBe("Confirmed");
      const number = `SPX${tag}77`;
      const link = `https://spx.example.com/track/${number}`;
      await byTestId("order-to-shipped").click();
      await byTestId("tracking-number").fill(number);
      await byTestId("tracking-url").fill(link);
      await byTestId("tracking-ok").click();
      await expect.poll(() => byTestId("order-detail-status").textContent(), poll).toBe("Shipped");

      // /chat shows the shipped message with the number and a link to the tracking page
      const shipped = chat.page.getByTestId("bot-message").filter({ hasText: number });
      await expect.poll(() => shipped.count(), poll).toBe(1);
      expect(await shipped.textContent()).toContain(order.orderId);
      expect(await shipped.locator(`a[href="${link}"]`).count()).toBe(1);
      await chat.page.screenshot({ path: screenshotPath("chat-shipped") });
      expect(pageErrors).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await adminApi(base, "DELETE", `products/${productId}`).catch(() => {});
    }
  }, 120_000);
});
