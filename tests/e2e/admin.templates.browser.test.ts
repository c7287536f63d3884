/**
 * /admin's Templates tab and an order's messages in Chromium against the local stack (issue 12,
 * docs/interface.md): the shop's WhatsApp templates synced from the local Graph sink with their status and
 * purpose, every purpose covered, "Submit missing" with nothing left to submit; an order moved after the 24 h
 * window shows the template notification it sent. The shopper is made 25 hours old (as
 * tests/e2e/outbound.test.ts does) instead of moving the shared clock.
 */
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";
import { adminApi, type Json } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { placedOrder, shopperConversation } from "../helpers/orders";

const url = inject("stackUrl");
const db = useStackDb();
const HOUR = 3_600_000;
const TOKEN = "dev-admin-token";
const poll = { timeout: 15_000, interval: 100 };
const PRODUCT_ID = `E2E-TPL-${randomBytes(3).toString("hex").toUpperCase()}`;

describe.skipIf(!hasChromium())("/admin templates in a browser", () => {
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const put = await adminApi(url, "PUT", `products/${PRODUCT_ID}`, {
      id: PRODUCT_ID,
      title: { en: "Template Tote" },
      price: { amount: 1999, currency: "USD" },
      stock: 20,
      category: "e2e",
      tags: [],
      attributes: {},
    });
    expect(put.status).toBeLessThan(300);
    // Chatcart's templates, submitted to the sink, which approves them after its review time
    expect([200, 201]).toContain((await adminApi(url, "POST", "templates", {})).status);
    await new Promise((r) => setTimeout(r, 2200));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("lists the shop's templates with status and purpose; nothing missing, nothing to submit", async () => {
    await page.goto(`${url}/admin?token=${TOKEN}#/templates`);
    const rows = page.getByTestId("template-row");
    await expect.poll(() => rows.count(), poll).toBeGreaterThan(0);
    const api = await adminApi(url, "GET", "templates");
    expect(await rows.count()).toBe(api.body.templates.length);
    const shipped = page.locator(
      '[data-testid="template-row"][data-name="chatcart_order_shipped"][data-language="zh_CN"]',
    );
    expect(await shipped.textContent()).toMatch(/Order shipped/);
    expect(await shipped.getByTestId("template-status").getAttribute("data-status")).toBe("APPROVED");
    expect(await page.getByTestId("template-purpose").count()).toBe(api.body.purposes.length);
    expect(await page.getByTestId("templates-missing").textContent()).toMatch(
      /Every purpose has an approved/,
    );
    await page.screenshot({ path: screenshotPath("admin-templates") });

    await page.getByTestId("templates-submit-missing").click();
    await expect.poll(() => page.getByTestId("message").textContent(), poll).toMatch(/Nothing to submit/);
    expect(await page.getByTestId("tab-templates").getAttribute("aria-selected")).toBe("true");
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("shows an order's notifications: a template sent after the window", async () => {
    const c = await shopperConversation(db, DEFAULT_SHOP_ID, "whatsapp", Date.now() - 25 * HOUR);
    const order = await placedOrder(db, DEFAULT_SHOP_ID, c.conversationId, [[PRODUCT_ID, 1]], {
      at: Date.now() - 25 * HOUR,
      locale: "en",
    });
    const moved = await adminApi(url, "PATCH", `orders/${order.orderId}`, { status: "confirmed" });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const api = await adminApi(url, "GET", `orders/${order.orderId}/notifications`);
    const first = api.body.items[0] as Json;
    expect(first).toMatchObject({ purpose: "order_confirmed" });

    await page.goto(`${url}/admin?token=${TOKEN}#/orders/edit/${encodeURIComponent(order.orderId)}`);
    const item = page.getByTestId("order-notification");
    await expect.poll(() => item.count(), poll).toBeGreaterThan(0);
    const text = await item.first().textContent();
    expect(text).toMatch(/order confirmed/);
    expect(text).toMatch(/Sent|Delivered|Read/);
    expect(text).toContain("template:");
  }, 60_000);
});
