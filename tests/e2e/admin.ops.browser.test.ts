/**
 * /admin's issue-15 screens in Chromium against the real local stack: the Settings tab saves one section with
 * PATCH and shows the server's field error next to its field; an order is confirmed and shipped with a tracking
 * number through the confirmation dialogs (the shopper gets it at the sink), and the change is undone; the
 * analytics note says cancelled orders are left out. Every change is checked through the admin API too.
 */

import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";
import { adminApi as sharedAdminApi } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { metaJson, newWaId, postWebhook, sinkFor, whatsappText } from "../helpers/meta";
import { placedOrder } from "../helpers/orders";

const TOKEN = "dev-admin-token";
const poll = { timeout: 15_000, interval: 100 };
const tag = randomBytes(3).toString("hex").toUpperCase();
const db = useStackDb();

/** The admin API with this file's token: `{status, json}` (the shared helper's answer, renamed). */
const adminApi = async (method: string, path: string, body?: unknown) => {
  const r = await sharedAdminApi(inject("stackUrl"), method, path.replace(/^\//, ""), body, TOKEN);
  // biome-ignore lint/suspicious/noExplicitAny: API answers are checked field by field in the tests
  return { status: r.status, json: r.body as any };
};

/** A WhatsApp shopper says hi (the window is open) and has an order placed from their cart, as the checkout does. */
async function shopperWithOrder(productId: string) {
  const waId = newWaId();
  expect(
    (await postWebhook(inject("stackUrl"), "whatsapp", metaJson(whatsappText({ waId, text: "hi" })))).status,
  ).toBe(200);
  const order = await placedOrder(db, DEFAULT_SHOP_ID, `whatsapp:${waId}`, [[productId, 1]], {
    at: Date.now(),
    customer: { name: `Ops ${tag}`, address: { text: "1 Orchard Rd, Singapore" } },
  });
  return { waId, order };
}

describe.skipIf(!hasChromium())("/admin settings, order tracking and undo in a browser", () => {
  const PRODUCT_ID = `E2E-OPS-${tag}`;
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: the stored settings, put back afterwards
  let before: any;
  const byTestId = (id: string) => page.getByTestId(id);
  const message = async () =>
    (await byTestId("message").isVisible()) ? await byTestId("message").textContent() : "";
  const openTab = async (name: string) => {
    await byTestId(`tab-${name}`).click();
    await expect.poll(() => byTestId(`tab-${name}`).getAttribute("aria-selected"), poll).toBe("true");
  };

  beforeAll(async () => {
    before = (await adminApi("GET", "/settings")).json;
    const put = await adminApi("PUT", `/products/${PRODUCT_ID}`, {
      id: PRODUCT_ID,
      title: { en: `Ops Tee ${tag}` },
      price: { amount: 2599, currency: "USD" },
      stock: 5,
      category: "e2e",
    });
    expect(put.status, JSON.stringify(put.json)).toBeLessThan(300);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    if (before?.handover)
      await adminApi("PATCH", "/settings", { handover: before.handover, cart: before.cart ?? null });
    await adminApi("DELETE", `/products/${PRODUCT_ID}`).catch(() => {});
  });

  it("signs in", async () => {
    await page.goto(`${inject("stackUrl")}/admin`);
    await byTestId("token").fill(TOKEN);
    await byTestId("signin").click();
    await expect.poll(() => byTestId("tab-products").getAttribute("aria-selected"), poll).toBe("true");
  });

  it("saves one settings section with PATCH and shows a field error next to its field", async () => {
    await openTab("settings");
    const idle = byTestId("field-handover.idleReleaseMinutes");
    await expect.poll(() => idle.isVisible(), poll).toBe(true);
    const minutes = before.handover?.idleReleaseMinutes === 45 ? 50 : 45;
    await idle.fill(String(minutes));
    await byTestId("save-handover").click();
    await expect.poll(message, poll).toMatch(/Handover to a person saved/);
    const stored = (await adminApi("GET", "/settings")).json;
    expect(stored.handover.idleReleaseMinutes).toBe(minutes);
    // the other sections were not sent back
    expect(stored.name).toBe(before.name);

    // out of range: the server's error lands next to the field, nothing is written
    await idle.fill("0");
    await byTestId("save-handover").click();
    await expect
      .poll(() => byTestId("error-handover.idleReleaseMinutes").textContent(), poll)
      .toMatch(/>=\s*1|at least|too small/i);
    expect(await idle.getAttribute("aria-invalid")).toBe("true");
    expect((await adminApi("GET", "/settings")).json.handover.idleReleaseMinutes).toBe(minutes);
    await page.screenshot({ path: screenshotPath("admin-settings"), fullPage: true });
  });

  it("confirms and ships an order with a tracking number (the shopper gets it), then undoes the shipping", async () => {
    const { waId, order } = await shopperWithOrder(PRODUCT_ID);
    const number = `JNE ${tag}0123`;
    const url = `https://www.jne.co.id/tracking/${tag}`;
    await openTab("orders");
    const row = page.locator(`[data-testid="order-row"][data-id="${order.orderId}"]`);
    await expect.poll(() => row.count(), poll).toBe(1);
    await row.click();
    await expect.poll(() => byTestId("order-title").textContent(), poll).toBe(order.orderId);
    expect(await byTestId("open-conversation").getAttribute("href")).toBe(
      `/inbox#c=${encodeURIComponent(`whatsapp:${waId}`)}`,
    );

    // every move asks first: backing out changes nothing
    await byTestId("order-to-confirmed").click();
    await byTestId("confirm-cancel").click();
    expect((await adminApi("GET", `/orders/${order.orderId}`)).json.status).toBe("pending");
    await byTestId("order-to-confirmed").click();
    await byTestId("confirm-ok").click();
    await expect.poll(() => byTestId("order-detail-status").textContent(), poll).toBe("Confirmed");
    expect(await byTestId("order-undo").isVisible()).toBe(true);

    // shipped asks for the tracking number; the link is optional but must be https
    await byTestId("order-to-shipped").click();
    await byTestId("tracking-ok").click();
    await expect.poll(() => byTestId("tracking-error").textContent(), poll).toMatch(/tracking number/);
    await byTestId("tracking-number").fill(number);
    await byTestId("tracking-url").fill(url);
    await page.screenshot({ path: screenshotPath("admin-order-tracking") });
    await byTestId("tracking-ok").click();
    await expect.poll(() => byTestId("order-detail-status").textContent(), poll).toBe("Shipped");
    expect(await byTestId("order-tracking-number").textContent()).toBe(number);
    expect(await byTestId("order-tracking-link").getAttribute("href")).toBe(url);
    const shipped = (await adminApi("GET", `/orders/${order.orderId}`)).json;
    expect(shipped.tracking).toEqual({ number, url });
    expect(Date.parse(shipped.undoUntil)).toBeGreaterThan(Date.now());
    // the shopper is told, with the tracking number
    await expect
      .poll(
        async () =>
          (await sinkFor(inject("stackUrl"), waId, { count: 1 })).some((m) =>
            JSON.stringify(m.body).includes(number),
          ),
        poll,
      )
      .toBe(true);

    await byTestId("order-undo").click();
    await expect.poll(() => byTestId("order-detail-status").textContent(), poll).toBe("Confirmed");
    const undone = (await adminApi("GET", `/orders/${order.orderId}`)).json;
    expect(undone.status).toBe("confirmed");
    expect(undone.tracking).toBeUndefined();
    expect(await byTestId("order-tracking").count()).toBe(0);
  }, 60_000);

  it("says in analytics that cancelled orders are left out, and counts them", async () => {
    await openTab("analytics");
    await expect.poll(() => byTestId("analytics-note").textContent(), poll).toMatch(/not cancelled/);
    expect(await byTestId("analytics-cancelled").textContent()).toMatch(/^Cancelled: \d+ orders? \(/);
    expect(pageErrors).toEqual([]);
  });

  it("edits a product's variants as one: the shared title once, a price and a stock per variant", async () => {
    const groupId = `E2E-GRP-${tag}`;
    const ids = [`${groupId}-A`, `${groupId}-B`]; // the page lists variants by id
    for (const [i, id] of ids.entries()) {
      const put = await adminApi("PUT", `/products/${id}`, {
        id,
        groupId,
        title: { en: `Group Tee ${tag}` },
        price: { amount: 1000, currency: "USD" },
        stock: 3,
        category: "e2e",
        attributes: { size: i ? "M" : "S" },
      });
      expect(put.status, JSON.stringify(put.json)).toBeLessThan(300);
    }
    try {
      await page.evaluate((g) => {
        location.hash = `#/products/group/${encodeURIComponent(g)}`;
      }, groupId);
      await expect.poll(() => byTestId("group-variant").count(), poll).toBe(2);
      await byTestId("field-shared.title.en").fill(`Group Tee ${tag} v2`);
      await byTestId("field-variants.0.price").fill("12.50");
      await byTestId("field-variants.1.stock").fill("9");
      await page.screenshot({ path: screenshotPath("admin-product-group"), fullPage: true });
      await byTestId("group-save").click();
      await expect.poll(message, poll).toMatch(/Saved 2 variant/);
      const [a, b] = await Promise.all(
        ids.map(async (id) => (await adminApi("GET", `/products/${id}`)).json),
      );
      expect([a.title.en, b.title.en]).toEqual([`Group Tee ${tag} v2`, `Group Tee ${tag} v2`]);
      expect([a.price.amount, b.price.amount, a.stock, b.stock]).toEqual([1250, 1000, 3, 9]);
    } finally {
      for (const id of ids) await adminApi("DELETE", `/products/${id}`).catch(() => {});
    }
  }, 60_000);

  it("dismisses an unanswered question and links it to its conversation", async () => {
    const waId = newWaId();
    const name = Array.from(randomBytes(6), (b) => "bcdfghjklmnpqrstvwxz"[b % 20]).join("");
    const question = `Do you engrave brass pet tags for a hamster called Quix${name}?`;
    const say = async (text: string) =>
      expect(
        (await postWebhook(inject("stackUrl"), "whatsapp", metaJson(whatsappText({ waId, text })))).status,
      ).toBe(200);
    await say("hello");
    await say(question);
    const find = async () =>
      (
        (await adminApi("GET", "/unanswered?limit=200")).json.items as Array<{ text: string; key: string }>
      ).find((q) => q.text === question);
    await expect.poll(async () => (await find())?.key ?? "", { timeout: 20_000, interval: 250 }).not.toBe("");
    await openTab("unanswered");
    const row = page.locator('[data-testid="unanswered-row"]', { hasText: question });
    await expect.poll(() => row.count(), poll).toBe(1);
    expect(await row.getByTestId("open-conversation").getAttribute("href")).toBe(
      `/inbox#c=${encodeURIComponent(`whatsapp:${waId}`)}`,
    );
    await row.getByTestId("dismiss-unanswered").click();
    await expect.poll(() => row.count(), poll).toBe(0);
    expect(await find()).toBeUndefined();
  }, 60_000);
});
