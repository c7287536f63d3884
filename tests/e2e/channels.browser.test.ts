/**
 * The issue-13 pages in Chromium against the real local stack: in /inbox a photo a WhatsApp shopper sent shows
 * inline and an Instagram voice note is playable, both fetched through the agent media route with the token in a
 * header (never in an address); the channel badge and filter; an agent sends an image that reaches the sink.
 * In /admin the Welcome tab saves a greeting through the settings API and shows what each channel got.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";
import {
  allSinkMessages,
  metaAttachment,
  metaJson,
  newIgsid,
  newWaId,
  PAGE_ID,
  postWebhook,
  recipientOf,
  whatsappMessage,
} from "../helpers/meta";

const AGENT = "dev-agent-token";
const ADMIN = "dev-admin-token";
const poll = { timeout: 15_000, interval: 100 };

async function adminApi(method: string, path: string, body?: unknown) {
  const res = await fetch(`${inject("stackUrl")}/api/admin/${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

describe.skipIf(!hasChromium())("channels, media and the welcome surfaces in a browser", () => {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const urls: string[] = [];
  const consoleErrors: string[] = [];
  const byTestId = (id: string) => page.getByTestId(id);

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
    page.on("request", (r) => urls.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") {
      await page.screenshot({
        path: screenshotPath(`failed-${ctx.task.name.slice(0, 20).replace(/\W+/g, "-")}`),
      });
      console.error("page errors:", pageErrors, "console errors:", consoleErrors);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("/inbox shows a shopper's photo and voice note inline, badges and filters by channel, sends an image", async () => {
    const url = inject("stackUrl");
    const waId = newWaId();
    const wamid = `wamid.photo-${waId}`;
    const photo = whatsappMessage({
      waId,
      wamid,
      message: { type: "image", image: { id: `img-${waId}`, mime_type: "image/png" } },
    });
    expect((await postWebhook(url, "whatsapp", metaJson(photo))).status).toBe(200);
    const igsid = newIgsid();
    const voice = metaAttachment({
      channel: "instagram",
      user: igsid,
      type: "audio",
      url: `${url}/dev/media/cdn-${igsid}-audio`,
      mid: `aWdfvoice${igsid}`,
    });
    expect((await postWebhook(url, "instagram", metaJson(voice))).status).toBe(200);

    await page.goto(`${url}/inbox`);
    await byTestId("token").fill(AGENT);
    await byTestId("signin").click();
    await byTestId("filter-bot").click();
    const wa = page.locator(`[data-testid="queue-item"][data-id="whatsapp:${waId}"]`);
    const ig = page.locator(`[data-testid="queue-item"][data-id="instagram:${igsid}"]`);
    await expect.poll(() => wa.count(), poll).toBe(1);
    await expect.poll(() => ig.count(), poll).toBe(1);
    expect(await wa.getByTestId("channel-badge").textContent()).toBe("WhatsApp");
    expect(await ig.getByTestId("channel-badge").textContent()).toBe("Instagram");

    // the channel filter keeps only that channel's conversations
    await byTestId("channel-filter").selectOption("instagram");
    await expect.poll(() => wa.count(), poll).toBe(0);
    expect(await ig.count()).toBe(1);
    const shown = await page.locator('#queue [data-testid="channel-badge"]').allTextContents();
    expect(new Set(shown)).toEqual(new Set(["Instagram"]));

    // the voice note plays from an object URL
    await ig.click();
    const audio = page.locator('[data-testid="msg-shopper"] [data-testid="media"] audio');
    await expect.poll(() => audio.count(), poll).toBe(1);
    expect(await audio.getAttribute("src")).toMatch(/^blob:/);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.controls)).toBe(true);

    await byTestId("channel-filter").selectOption("");
    await expect.poll(() => wa.count(), poll).toBe(1);
    await wa.click();
    const img = page.locator('[data-testid="msg-shopper"] [data-testid="media-image"]');
    await expect.poll(() => img.count(), poll).toBe(1);
    expect(await img.getAttribute("src")).toMatch(/^blob:/);
    // the sink's 2×2 PNG, decoded
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), poll)
      .toBe(2);
    expect(await page.locator('#conv-sub [data-testid="channel-badge"]').textContent()).toBe("WhatsApp");
    const mediaCalls = urls.filter((u) => u.includes("/media?message="));
    expect(mediaCalls.length).toBeGreaterThanOrEqual(2);
    expect(urls.filter((u) => u.includes(AGENT))).toEqual([]);

    // an agent sends an image by its address, with the reply box's text before it
    await byTestId("takeover").click();
    await expect.poll(() => byTestId("conv-status").getAttribute("data-status"), poll).toBe("agent");
    await byTestId("composer").fill("This one?");
    await byTestId("attach-image").click();
    await byTestId("image-url").fill("https://example.com/tee.png");
    await byTestId("image-send").click();
    const sent = page.locator('[data-testid="msg-agent"] [data-testid="media"] img');
    await expect.poll(() => sent.count(), poll).toBe(1);
    expect(await sent.getAttribute("src")).toBe("https://example.com/tee.png");
    const toShopper = async () =>
      (await allSinkMessages(url)).filter((m) => recipientOf(m) === waId).map((m) => m.body);
    await expect.poll(async () => (await toShopper()).map((b) => b.type), poll).toContain("image");
    const got = await toShopper();
    expect(got).toContainEqual(
      expect.objectContaining({
        type: "image",
        image: expect.objectContaining({ link: "https://example.com/tee.png" }),
      }),
    );
    expect(got).toContainEqual(
      expect.objectContaining({ type: "text", text: expect.objectContaining({ body: "This one?" }) }),
    );
    await page.screenshot({ path: screenshotPath("inbox-media") });
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("/admin Welcome saves a greeting through the settings API and shows it live", async () => {
    const url = inject("stackUrl");
    const greeting = `Welcome to the test shop ${Date.now().toString(36)}`;
    await page.goto(`${url}/admin`);
    await byTestId("token").fill(ADMIN);
    await byTestId("signin").click();
    await byTestId("tab-welcome").click();
    await expect.poll(() => byTestId("welcome-form").count(), poll).toBe(1);
    // the defaults are filled in and marked as such
    expect(await byTestId("wl-greeting-en").inputValue()).not.toBe("");
    expect(await byTestId("wl-greeting-sec-en").getAttribute("data-custom")).toBe("");
    expect(await page.locator('[data-testid="wl-menu-en"] .wl-row').count()).toBe(4);

    const before = (await allSinkMessages(url)).length;
    await byTestId("wl-greeting-en").fill(greeting);
    await byTestId("wl-save").click();
    await expect.poll(() => byTestId("message-text").textContent(), poll).toMatch(/Saved and published/);
    await expect.poll(() => byTestId("wl-status-messenger").textContent(), poll).toBe("Live");
    expect(await byTestId("wl-status-instagram").textContent()).toBe("Live");
    expect(await byTestId("wl-status-whatsapp").textContent()).toBe("Live");
    expect(await byTestId("wl-greeting-sec-en").getAttribute("data-custom")).toBe("1");
    expect(await byTestId("wl-live-messenger").textContent()).toContain(greeting);

    // only what the merchant edited is stored; the rest stays on the defaults
    const settings = (await adminApi("GET", "settings")).json;
    expect(settings.welcome.greeting).toEqual({ en: greeting });
    expect(settings.welcome.menu).toBeUndefined();
    const pushed = (await allSinkMessages(url))
      .slice(before)
      .filter((m) => m.accountId === PAGE_ID && m.edge === "messenger_profile");
    const entries = pushed.flatMap((m) => (m.body.greeting as Array<{ locale: string; text: string }>) ?? []);
    expect(entries).toContainEqual({ locale: "en_US", text: greeting });
    await page.screenshot({ path: screenshotPath("admin-welcome"), fullPage: true });

    // back to the defaults for the other tests
    const { version: _v, updatedAt: _u, catalogVersion: _c, welcome: _w, ...rest } = settings;
    expect((await adminApi("PUT", "settings", rest)).status).toBe(200);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
