/**
 * The /admin editor in Chromium against the real local stack: sign in, edit a product (and lose a race with
 * another editor), write an answer, import a feed, turn an unanswered shopper question into an answer, list
 * orders and confirm one (the shopper gets the update), see the funnel per traffic source as a chart and a
 * table, and show markup in a title or a customer's name as text. Every change is checked through the admin
 * API, not only on the page.
 */
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { countFunnel } from "../../lib/store/funnel";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { hasChromium, launchChromium, phoneContext, screenshotPath, watchPage } from "../helpers/browser";
import { useStackDb } from "../helpers/db";
import { metaJson, newWaId, postWebhook, sinkFor, whatsappText } from "../helpers/meta";
import { placedOrder } from "../helpers/orders";

const TOKEN = "dev-admin-token";
const poll = { timeout: 15_000, interval: 100 };
const tag = randomBytes(3).toString("hex").toUpperCase();
const MARKUP = "<img src=x onerror=alert(1)>";
const db = useStackDb();

interface ApiResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: API answers are checked field by field in the tests
  json: any;
}

async function adminApi(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult> {
  const res = await fetch(`${inject("stackUrl")}/api/admin${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const product = (id: string, title: Record<string, string>) => ({
  id,
  title,
  description: { en: "Made for the browser test." },
  price: { amount: 2599, currency: "USD" },
  stock: 7,
  category: "e2e",
  tags: ["test"],
  attributes: { color: "blue", size: "L" },
});

/**
 * A WhatsApp shopper says hi (so the chat window is open) and has an order of `quantity` of `productId`, placed
 * from their cart with lib/store/orders.ts on the stack's table, as the checkout does.
 */
async function shopperWithOrder(productId: string, quantity: number, name: string) {
  const waId = newWaId();
  expect(
    (await postWebhook(inject("stackUrl"), "whatsapp", metaJson(whatsappText({ waId, text: "hi" })))).status,
  ).toBe(200);
  const order = await placedOrder(db, DEFAULT_SHOP_ID, `whatsapp:${waId}`, [[productId, quantity]], {
    at: Date.now(),
    customer: { name, address: { text: "1 Orchard Rd, Singapore" } },
  });
  return { waId, order };
}

describe.skipIf(!hasChromium())("/admin editor in a browser", () => {
  const EDIT_ID = `E2E-ADMIN-${tag}`;
  const XSS_ID = `E2E-XSS-${tag}`;
  const ORDER_PRODUCT_ID = `E2E-ORDERED-${tag}`;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  const byTestId = (id: string) => page.getByTestId(id);
  const message = async () =>
    (await byTestId("message").isVisible()) ? await byTestId("message").textContent() : "";
  const openTab = async (name: string) => {
    await byTestId(`tab-${name}`).click();
    await expect.poll(() => byTestId(`tab-${name}`).getAttribute("aria-selected"), poll).toBe("true");
  };

  beforeAll(async () => {
    // Made before the page loads, so the first product list already has them.
    for (const p of [
      product(EDIT_ID, { en: `Browser Test Tee ${tag}` }),
      product(XSS_ID, { en: MARKUP, ar: MARKUP }),
      product(ORDER_PRODUCT_ID, { en: `Browser Test Tee ${tag}` }),
    ]) {
      const put = await adminApi("PUT", `/products/${p.id}`, p);
      expect(put.status, JSON.stringify(put.json)).toBeLessThan(300);
    }
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    for (const id of [
      EDIT_ID,
      XSS_ID,
      ORDER_PRODUCT_ID,
      `E2E-IMP-${tag}-1`,
      `E2E-IMP-${tag}-2`,
      `E2E-IMP-${tag}-4`,
    ])
      await adminApi("DELETE", `/products/${id}`).catch(() => {});
    await adminApi("DELETE", `/answers/e2e-answer-${tag.toLowerCase()}`).catch(() => {});
  });

  it("serves the page with its security headers", async () => {
    const res = await fetch(`${inject("stackUrl")}/admin`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await res.text()).toContain('src="/assets/admin/main.js"'); // the sign-in card is built by the module
    // the page's modules come from the same manifest
    const mod = await fetch(`${inject("stackUrl")}/assets/admin/main.js`);
    expect([mod.status, mod.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
  });

  it("refuses a wrong token and signs in with the admin token", async () => {
    const res = await page.goto(`${inject("stackUrl")}/admin`);
    expect(res?.status()).toBe(200);
    await byTestId("token").fill("not-the-token");
    await byTestId("signin").click();
    await expect.poll(() => byTestId("signin-error").textContent(), poll).toMatch(/not accepted/);
    expect(await byTestId("tab-products").isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath("admin-signin") });

    await byTestId("token").fill(TOKEN);
    await byTestId("signin").click();
    await expect.poll(() => byTestId("tab-products").getAttribute("aria-selected"), poll).toBe("true");
    await expect.poll(() => byTestId("product-row").count(), poll).toBeGreaterThan(1);
    expect(await page.evaluate(() => sessionStorage.getItem("chatcart.admin.token"))).toBe(TOKEN);
  });

  it("finds a product by search, changes its Arabic title and stock, and saves a new version", async () => {
    const before = await adminApi("GET", `/products/${EDIT_ID}`);
    expect(before.status).toBe(200);

    await byTestId("product-search").fill(EDIT_ID.toLowerCase());
    await expect.poll(() => byTestId("product-row").count(), poll).toBe(1);
    expect(await byTestId("product-row").textContent()).toContain(`Browser Test Tee ${tag}`);
    expect(await byTestId("product-price").textContent()).toBe("$25.99");
    await page.screenshot({ path: screenshotPath("admin-products") });

    await byTestId("product-row").click();
    await expect.poll(() => byTestId("field-title-en").inputValue(), poll).toBe(`Browser Test Tee ${tag}`);
    expect(await byTestId("field-title-ar").getAttribute("dir")).toBe("rtl");
    expect(await byTestId("field-price").inputValue()).toBe("25.99");
    await byTestId("field-title-ar").fill("قميص الاختبار");
    await byTestId("field-stock").fill("42");
    await byTestId("field-price").fill("27.50");
    // the form sends only what was edited, the stock with the stock it showed (docs/interface.md)
    const patch = page.waitForRequest(
      (r) => r.method() === "PATCH" && r.url().endsWith(`/products/${EDIT_ID}`),
    );
    await byTestId("save").click();
    expect((await patch).postDataJSON()).toEqual({
      title: { en: `Browser Test Tee ${tag}`, ar: "قميص الاختبار" },
      price: { amount: 2750, currency: "USD" },
      stock: 42,
      stockExpected: before.json.stock,
    });
    await expect.poll(message, poll).toMatch(/Saved/);
    await page.screenshot({ path: screenshotPath("admin-product-saved"), fullPage: true });

    const after = await adminApi("GET", `/products/${EDIT_ID}`);
    expect(after.json.title).toEqual({ en: `Browser Test Tee ${tag}`, ar: "قميص الاختبار" });
    expect(after.json.stock).toBe(42);
    expect(after.json.price).toEqual({ amount: 2750, currency: "USD" });
    // what the form does not edit survives
    expect(after.json.attributes).toEqual({ color: "blue", size: "L" });
    expect(after.json.version).toBeGreaterThan(before.json.version);
  });

  it("tells the merchant when someone else changed the product meanwhile (412), and reloads it", async () => {
    const current = await adminApi("GET", `/products/${EDIT_ID}`);
    const theirs = await adminApi(
      "PUT",
      `/products/${EDIT_ID}`,
      { ...current.json, stock: 5 },
      { "if-match": String(current.json.version) },
    );
    expect(theirs.status).toBe(200);

    await byTestId("field-stock").fill("99");
    await byTestId("save").click();
    await expect.poll(message, poll).toMatch(/changed by someone else/);
    await page.screenshot({ path: screenshotPath("admin-product-conflict") });
    expect((await adminApi("GET", `/products/${EDIT_ID}`)).json.stock).toBe(5);

    await byTestId("reload").click();
    await expect.poll(() => byTestId("field-stock").inputValue(), poll).toBe("5");
    await expect.poll(() => byTestId("version").textContent(), poll).toBe(`version ${theirs.json.version}`);
  });

  it("shows field errors from the form next to the fields", async () => {
    await byTestId("field-price").fill("12.345");
    await byTestId("save").click();
    await expect.poll(() => byTestId("error-price").textContent(), poll).toMatch(/19\.99/);
    expect(await byTestId("field-price").getAttribute("aria-invalid")).toBe("true");

    // The API's own checks come back as details[].path and land next to their fields too.
    await byTestId("field-price").fill("25.99");
    await byTestId("field-tags").fill(`summer, ${"x".repeat(60)}`);
    await byTestId("save").click();
    await expect.poll(() => byTestId("error-tags").textContent(), poll).not.toBe("");
    expect(await byTestId("error-price").textContent()).toBe("");
    expect(await message()).toMatch(/not valid/);
    await page.screenshot({ path: screenshotPath("admin-product-invalid") });
    await byTestId("cancel").click();
    await expect.poll(() => byTestId("product-search").isVisible(), poll).toBe(true);
  });

  it("creates an answer with an English question", async () => {
    const id = `e2e-answer-${tag.toLowerCase()}`;
    await openTab("answers");
    await expect.poll(() => byTestId("new-answer").isVisible(), poll).toBe(true);
    await page.screenshot({ path: screenshotPath("admin-answers") });
    await byTestId("new-answer").click();
    await byTestId("field-questions-en").fill(`Do you gift wrap ${tag}?\nCan I get it gift wrapped?`);
    // the id follows the first question until the merchant types one
    expect(await byTestId("field-id").inputValue()).toMatch(/^do-you-gift-wrap/);
    await byTestId("field-id").fill(id);
    await byTestId("field-answer-en").fill("Yes: gift wrapping is free, just ask at checkout.");
    await byTestId("save").click();
    await expect.poll(message, poll).toMatch(/Saved/);

    const saved = await adminApi("GET", `/answers/${id}`);
    expect(saved.status).toBe(200);
    expect(saved.json.questions).toEqual({ en: [`Do you gift wrap ${tag}?`, "Can I get it gift wrapped?"] });
    expect(saved.json.answer).toEqual({ en: "Yes: gift wrapping is free, just ask at checkout." });

    await openTab("answers");
    await expect.poll(() => byTestId("answer-row").filter({ hasText: id }).count(), poll).toBe(1);
  });

  it("previews a catalog feed, then imports it: good lines saved, the bad line reported by its number", async () => {
    const csv = [
      "id,title,description,availability,condition,price,link,image_link,brand,inventory",
      `E2E-IMP-${tag}-1,Imported Mug,A mug,in stock,new,9.99 USD,https://example.com/1,https://example.com/1.jpg,Acme,12`,
      `E2E-IMP-${tag}-2,Imported Cap,A cap,in stock,new,14.50 USD,https://example.com/2,https://example.com/2.jpg,Acme,3`,
      `E2E-IMP-${tag}-3,Broken Line,No price,in stock,new,lots of money,https://example.com/3,https://example.com/3.jpg,Acme,5`,
      `E2E-IMP-${tag}-4,Imported Bag,A bag,in stock,new,30.00 USD,https://example.com/4,https://example.com/4.jpg,Acme,8`,
    ].join("\n");
    await openTab("import");
    await byTestId("import-csv").fill(csv);
    await byTestId("import-submit").click();
    await expect.poll(() => byTestId("import-row").count(), poll).toBe(4);
    const bad = page.locator('[data-testid="import-row"][data-status="error"]');
    expect(await bad.count()).toBe(1);
    expect(await bad.getByTestId("import-line").textContent()).toBe("4");
    expect(await bad.textContent()).toMatch(/price/i);
    expect(await byTestId("import-preview").textContent()).toMatch(/3\s*Will be created/);
    // the preview writes nothing; "Import" does
    expect((await adminApi("GET", `/products/E2E-IMP-${tag}-1`)).status).toBe(404);
    await byTestId("import-commit").click();
    await expect.poll(() => byTestId("import-report").count(), poll).toBe(1);
    expect(await byTestId("import-result").textContent()).toMatch(/3\s*Created/);
    await page.screenshot({ path: screenshotPath("admin-import"), fullPage: true });

    for (const n of [1, 2, 4])
      expect((await adminApi("GET", `/products/E2E-IMP-${tag}-${n}`)).status).toBe(200);
    expect((await adminApi("GET", `/products/E2E-IMP-${tag}-3`)).status).toBe(404);
  });

  it("lists a question the bot could not answer and turns it into a new answer", async () => {
    const base = inject("stackUrl");
    const waId = newWaId();
    // A made-up name no product or answer has (the tag is in this run's product titles, so not the tag).
    const name = Array.from(randomBytes(6), (b) => "bcdfghjklmnpqrstvwxz"[b % 20]).join("");
    const question = `Do you engrave pet tags for a dog called Zorb${name}?`;
    const say = async (text: string) =>
      expect((await postWebhook(base, "whatsapp", metaJson(whatsappText({ waId, text })))).status).toBe(200);
    const recorded = async () => {
      const list = await adminApi("GET", "/unanswered?limit=200");
      expect(list.status, JSON.stringify(list.json)).toBe(200);
      return (list.json.items as Array<{ text: string }>).some((q) => q.text === question);
    };
    // A first message gets the welcome whatever it says: say hello first (its turn is done when the webhook
    // answers 200, even if the reply itself goes out later through the outbox), then ask.
    await say("hello");
    await say(question);
    for (const deadline = Date.now() + 20_000; !(await recorded()); await page.waitForTimeout(250)) {
      if (Date.now() > deadline) {
        const replies = (await sinkFor(base, waId, { count: 99, timeoutMs: 500 })).map((m) =>
          JSON.stringify(m.body),
        );
        throw new Error(`"${question}" was not recorded as unanswered; the bot sent:\n${replies.join("\n")}`);
      }
    }

    await openTab("unanswered");
    const row = byTestId("unanswered-row").filter({ hasText: question });
    await expect.poll(() => row.count(), poll).toBe(1);
    expect(await row.getByTestId("unanswered-locale").textContent()).toBe("en");
    await page.screenshot({ path: screenshotPath("admin-unanswered") });

    await row.getByTestId("make-answer").click();
    await expect.poll(() => byTestId("tab-answers").getAttribute("aria-selected"), poll).toBe("true");
    await expect.poll(() => byTestId("field-questions-en").inputValue(), poll).toBe(question);
    expect(await byTestId("field-answer-en").inputValue()).toBe("");
  }, 60_000);

  it("lists orders newest first, filters them, opens one and confirms it: the shopper is told", async () => {
    const older = await shopperWithOrder(ORDER_PRODUCT_ID, 1, MARKUP);
    const { waId, order } = await shopperWithOrder(ORDER_PRODUCT_ID, 2, `Ana Reyes ${tag}`);
    const rowOf = (id: string) => page.locator(`[data-testid="order-row"][data-id="${id}"]`);

    await openTab("orders");
    await expect.poll(() => rowOf(order.orderId).count(), poll).toBe(1);
    const ids = await byTestId("order-id").allTextContents();
    expect(ids.indexOf(order.orderId)).toBeLessThan(ids.indexOf(older.order.orderId));
    const row = rowOf(order.orderId);
    expect(await row.getByTestId("order-customer").textContent()).toBe(`Ana Reyes ${tag}`);
    expect(await row.getByTestId("order-total").textContent()).toBe("$51.98");
    expect(await row.getByTestId("order-status").textContent()).toBe("Pending");
    expect(await row.getByTestId("order-date").textContent()).not.toBe("");
    // a customer's name is data: shown as text, never run
    expect(await rowOf(older.order.orderId).getByTestId("order-customer").textContent()).toBe(MARKUP);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath("admin-orders") });

    await byTestId("order-filter").selectOption("delivered");
    await expect.poll(() => rowOf(order.orderId).count(), poll).toBe(0);
    await byTestId("order-filter").selectOption("pending");
    await expect.poll(() => rowOf(order.orderId).count(), poll).toBe(1);

    await rowOf(order.orderId).click();
    await expect.poll(() => byTestId("order-title").textContent(), poll).toBe(order.orderId);
    expect(await byTestId("order-line-title").textContent()).toBe(`Browser Test Tee ${tag}`);
    expect(await byTestId("order-line-quantity").textContent()).toBe("2");
    expect(await byTestId("order-detail-total").textContent()).toBe("$51.98");
    expect(await byTestId("order-customer-name").textContent()).toBe(`Ana Reyes ${tag}`);
    expect(await byTestId("order-customer-address").textContent()).toBe("1 Orchard Rd, Singapore");
    expect(await byTestId("order-payment-method").textContent()).toBe("Cash on delivery");
    expect(await byTestId("history-entry").count()).toBe(1);
    // only the moves the statuses allow
    expect(await byTestId("order-to-confirmed").isVisible()).toBe(true);
    expect(await byTestId("order-to-cancelled").isVisible()).toBe(true);
    expect(await byTestId("order-to-delivered").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("admin-order"), fullPage: true });

    await byTestId("order-to-confirmed").click();
    await byTestId("confirm-ok").click();
    await expect.poll(() => byTestId("order-detail-status").textContent(), poll).toBe("Confirmed");
    await expect.poll(message, poll).toMatch(/is now confirmed\. Shopper told in the chat/);
    expect(await byTestId("history-entry").count()).toBe(2);
    expect(await byTestId("history-notified").last().textContent()).toBe("Shopper told in the chat");
    expect(await byTestId("order-to-shipped").isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("admin-order-confirmed"), fullPage: true });

    const stored = await adminApi("GET", `/orders/${order.orderId}`);
    expect(stored.json.status).toBe("confirmed");
    expect(stored.json.history.at(-1)).toMatchObject({ status: "confirmed", notified: "sent" });
    const sent = await sinkFor(inject("stackUrl"), waId, { count: 2 });
    expect(sent.map((m) => (m.body.text as { body?: string } | undefined)?.body)).toContain(
      `Order ${order.orderId} is confirmed.`,
    );

    // someone else moved it meanwhile: the page says so instead of pretending
    expect((await adminApi("PATCH", `/orders/${order.orderId}`, { status: "shipped" })).status).toBe(200);
    await byTestId("order-to-cancelled").click();
    await byTestId("confirm-ok").click();
    await expect.poll(message, poll).toMatch(/shipped cannot become cancelled/);
    expect((await adminApi("GET", `/orders/${order.orderId}`)).json.status).toBe("shipped");
    await byTestId("reload").click();
    await expect.poll(() => byTestId("order-detail-status").textContent(), poll).toBe("Shipped");
    expect(await byTestId("order-to-delivered").isVisible()).toBe(true);
  }, 60_000);

  it("shows the funnel: a chart per day, a row per source, one source picked, other days, a bad range", async () => {
    const ref = `e2e-browser-${tag.toLowerCase()}`;
    const key = `ref:${ref}`;
    const conversation = {
      shopId: DEFAULT_SHOP_ID,
      channel: "messenger",
      source: { source: "SHORTLINK", type: "OPEN_THREAD", ref, at: new Date().toISOString() },
    };
    const now = new Date();
    for (const [event, by, extra] of [
      ["conversations", 3, {}],
      ["productViews", 4, {}],
      ["addToCart", 2, {}],
      ["checkouts", 1, {}],
      ["orders", 1, { revenue: 2599 }],
    ] as const)
      await countFunnel(db, conversation, event, now, by, extra);
    const row = () => page.locator(`[data-testid="analytics-source-row"][data-source="${key}"]`);

    await openTab("analytics");
    await expect.poll(() => row().count(), poll).toBe(1);
    expect(await row().getByTestId("source-label").textContent()).toBe(`Link · ${ref}`);
    expect(await row().getByTestId("source-conversations").textContent()).toBe("3");
    expect(await row().getByTestId("source-addToCart").textContent()).toBe("2");
    expect(await row().getByTestId("source-addToCart-rate").textContent()).toBe("50%"); // of 4 product views
    expect(await row().getByTestId("source-orders").textContent()).toBe("1");
    expect(await row().getByTestId("source-orders-rate").textContent()).toBe("100%"); // of 1 checkout
    expect(await row().getByTestId("source-revenue").textContent()).toBe("$25.99");
    expect(await row().getByTestId("source-conversion").textContent()).toBe("33.3%");
    expect(await byTestId("analytics-chart").isVisible()).toBe(true);
    expect(
      await page.locator('[data-testid="analytics-svg"] rect[data-series="orders"]').count(),
    ).toBeGreaterThan(0);
    // the default range: the last 30 days, one group of bars per day
    expect(await page.locator('[data-testid="analytics-svg"] g.day').count()).toBe(30);
    await page.screenshot({ path: screenshotPath("admin-analytics"), fullPage: true });

    await byTestId("analytics-source").selectOption(key);
    await expect.poll(() => byTestId("analytics-totals-title").textContent(), poll).toBe(`Link · ${ref}`);
    expect(await byTestId("analytics-total-conversations").textContent()).toBe("3");
    expect(await byTestId("analytics-total-orders").textContent()).toBe("1");
    expect(await byTestId("analytics-total-revenue").textContent()).toBe("$25.99");
    expect(await row().getAttribute("aria-selected")).toBe("true");
    const today = now.toISOString().slice(0, 10);
    const bars = page.locator(`[data-testid="analytics-svg"] g.day[data-day="${today}"] rect[data-series]`);
    expect(await bars.count()).toBe(3);

    // other days: nothing then, and the chart has one group per day
    await byTestId("analytics-from").fill("2020-01-01");
    await byTestId("analytics-to").fill("2020-01-07");
    await byTestId("analytics-apply").click();
    await expect.poll(() => byTestId("analytics-empty").count(), poll).toBe(1);
    expect(await page.locator('[data-testid="analytics-svg"] g.day').count()).toBe(7);
    expect(await byTestId("analytics-total-orders").textContent()).toBe("0");

    // a range the API refuses: its field errors are shown, the last good report stays
    await byTestId("analytics-from").fill("2020-02-01");
    await byTestId("analytics-apply").click();
    await expect.poll(message, poll).toMatch(/From: must not be after to/);
    expect(await byTestId("analytics-empty").count()).toBe(1);

    await byTestId("analytics-from").fill(today);
    await byTestId("analytics-to").fill(today);
    await byTestId("analytics-apply").click();
    await expect.poll(() => row().count(), poll).toBe(1);
    expect(await page.locator('[data-testid="analytics-svg"] g.day').count()).toBe(1);
  }, 60_000);

  it("shows markup in a product title as text and runs none of it", async () => {
    await openTab("products");
    await byTestId("product-search").fill(XSS_ID);
    await expect.poll(() => byTestId("product-row").count(), poll).toBe(1);
    expect(await byTestId("product-title").textContent()).toBe(MARKUP);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await byTestId("product-row").click();
    await expect.poll(() => byTestId("field-title-en").inputValue(), poll).toBe(MARKUP);
    expect(await byTestId("field-title-ar").inputValue()).toBe(MARKUP);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    // An image that fails to load would have fired by now.
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("fits a 390 px phone screen", async () => {
    const phone = await phoneContext(browser);
    try {
      const p = await phone.newPage();
      p.on("pageerror", (e) => pageErrors.push(e.message));
      // `?token=` signs in straight away (handy locally) and leaves the address bar
      await p.goto(`${inject("stackUrl")}/admin?token=${TOKEN}`);
      await expect.poll(() => p.getByTestId("product-row").count(), poll).toBeGreaterThan(1);
      expect(new URL(p.url()).search).toBe("");
      const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      for (const t of ["products", "orders", "answers", "import", "unanswered", "analytics"]) {
        expect(await p.getByTestId(`tab-${t}`).isVisible()).toBe(true);
        // every tab fits the width: none is scrolled out of sight
        const box = await p.getByTestId(`tab-${t}`).boundingBox();
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
      }
      await p.screenshot({ path: screenshotPath("admin-phone-products") });
      await p.getByTestId("product-search").fill(EDIT_ID);
      await p.getByTestId("product-row").click();
      await expect.poll(() => p.getByTestId("field-title-ar").isVisible(), poll).toBe(true);
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await p.getByTestId("save").isVisible()).toBe(true);
      await p.screenshot({ path: screenshotPath("admin-phone-editor") });
      await p.getByTestId("tab-unanswered").click();
      await expect.poll(() => p.getByTestId("unanswered-row").count(), poll).toBeGreaterThan(0);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await p.screenshot({ path: screenshotPath("admin-phone-unanswered") });
      await p.getByTestId("tab-orders").click();
      await expect.poll(() => p.getByTestId("order-row").count(), poll).toBeGreaterThan(0);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await p.getByTestId("order-row").first().click();
      await expect.poll(() => p.getByTestId("order-title").isVisible(), poll).toBe(true);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await p.screenshot({ path: screenshotPath("admin-phone-order"), fullPage: true });
      await p.getByTestId("tab-analytics").click();
      await expect.poll(() => p.getByTestId("analytics-chart").isVisible(), poll).toBe(true);
      await expect.poll(() => p.getByTestId("analytics-source-row").count(), poll).toBeGreaterThan(0);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await p.screenshot({ path: screenshotPath("admin-phone-analytics"), fullPage: true });
    } finally {
      await phone.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
