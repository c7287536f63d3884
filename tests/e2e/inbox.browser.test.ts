/**
 * The /inbox support page in Chromium against the real local stack: a WhatsApp shopper asks for a person, the
 * conversation shows up in the waiting queue without a reload, an agent takes it over, replies (the reply
 * reaches the local Graph API sink) and releases it; markup a shopper types shows as text and runs nothing.
 * Every step is also checked through the agent API, not only on the page.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, launchChromium, phoneContext, screenshotPath, watchPage } from "../helpers/browser";
import { metaJson, newWaId, postWebhook, sinkFor, whatsappText } from "../helpers/meta";

const TOKEN = "dev-agent-token";
const MARKUP = "<img src=x onerror=alert(1)>";
/** The page polls every 2 s; the design promises updates within 3 s (plus a margin for a busy machine). */
const live = { timeout: 8_000, interval: 100 };
const poll = { timeout: 15_000, interval: 100 };

interface Conversation {
  conversationId: string;
  status: "bot" | "waiting" | "agent";
}

async function agentApi(path: string): Promise<{ status: number; json: { conversation?: Conversation } }> {
  const res = await fetch(`${inject("stackUrl")}/api/agent${path}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}
const statusOf = async (id: string) =>
  (await agentApi(`/conversations/${encodeURIComponent(id)}`)).json.conversation?.status;

/** A WhatsApp shopper; each message's turn is done when the webhook answers 200. */
function shopper(name: string) {
  const waId = newWaId();
  return {
    waId,
    id: `whatsapp:${waId}`,
    say: async (text: string) => {
      const res = await postWebhook(
        inject("stackUrl"),
        "whatsapp",
        metaJson(whatsappText({ waId, text, name })),
      );
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    },
  };
}

describe.skipIf(!hasChromium())("/inbox support page in a browser", () => {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  const byTestId = (id: string) => page.getByTestId(id);
  const queueItem = (id: string) => page.locator(`[data-testid="queue-item"][data-id="${id}"]`);
  const message = async () =>
    (await byTestId("message").isVisible()) ? await byTestId("message").textContent() : "";

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("serves the page with the same security headers as /admin", async () => {
    const res = await fetch(`${inject("stackUrl")}/inbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await res.text()).toContain('data-testid="signin"');
  });

  it("refuses a wrong token, then signs in from ?token= and takes it out of the address", async () => {
    await page.goto(`${inject("stackUrl")}/inbox`);
    await byTestId("token").fill("not-the-token");
    await byTestId("signin").click();
    await expect.poll(() => byTestId("signin-error").textContent(), poll).toMatch(/not accepted/);
    expect(await byTestId("filter-waiting").isVisible()).toBe(false);

    await page.goto(`${inject("stackUrl")}/inbox?token=${TOKEN}`);
    await expect.poll(() => byTestId("filter-waiting").getAttribute("aria-selected"), poll).toBe("true");
    expect(new URL(page.url()).search).toBe("");
    expect(await page.evaluate(() => sessionStorage.getItem("chatcart.agent.token"))).toBe(TOKEN);
    await page.screenshot({ path: screenshotPath("inbox-signed-in") });
  });

  it("shows a shopper who asks for a person, takes over, replies and releases", async () => {
    const base = inject("stackUrl");
    // Marks this page load: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { loadMark: number }).loadMark = 1;
    });
    const s = shopper("Maya Tan");
    await s.say("hi");
    await s.say("I want to talk to a human");
    await expect.poll(() => statusOf(s.id), poll).toBe("waiting");

    // It appears in the open page's waiting queue by itself.
    await expect.poll(() => queueItem(s.id).count(), live).toBe(1);
    expect(await queueItem(s.id).textContent()).toContain("Maya Tan");
    expect(await queueItem(s.id).textContent()).toMatch(/waiting/);
    await page.screenshot({ path: screenshotPath("inbox-queue") });

    await queueItem(s.id).click();
    const transcript = byTestId("transcript");
    await expect
      .poll(
        () => transcript.getByTestId("msg-shopper").filter({ hasText: "I want to talk to a human" }).count(),
        poll,
      )
      .toBe(1);
    await expect.poll(() => transcript.getByTestId("msg-bot").count(), poll).toBeGreaterThan(0);
    expect(await byTestId("window-state").textContent()).toMatch(/open.*left/i);
    expect(await byTestId("composer").isDisabled()).toBe(true);
    expect(await byTestId("release").isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath("inbox-conversation") });

    await byTestId("takeover").click();
    await expect.poll(() => byTestId("release").isVisible(), poll).toBe(true);
    await expect.poll(() => byTestId("composer").isEnabled(), poll).toBe(true);
    expect(await byTestId("takeover").isVisible()).toBe(false);
    expect(await statusOf(s.id)).toBe("agent");

    // The shopper writes while a person has it: shown in the inbox, and the bot stays silent.
    const botBefore = await transcript.getByTestId("msg-bot").count();
    await s.say("my parcel never arrived");
    await expect
      .poll(
        () => transcript.getByTestId("msg-shopper").filter({ hasText: "my parcel never arrived" }).count(),
        live,
      )
      .toBe(1);

    const reply = `Hi Maya, this is Sam from the shop team: let me check your order ${s.waId.slice(-4)}.`;
    await byTestId("composer").fill(reply);
    await byTestId("send").click();
    await expect
      .poll(() => transcript.getByTestId("msg-agent").filter({ hasText: reply }).count(), poll)
      .toBe(1);
    expect(await byTestId("composer").inputValue()).toBe("");
    const sent = async () =>
      (await sinkFor(base, s.waId, { count: 99, timeoutMs: 300 })).some(
        (m) => (m.body.text as { body?: string } | undefined)?.body === reply,
      );
    await expect.poll(sent, poll).toBe(true);
    expect(await transcript.getByTestId("msg-bot").count()).toBe(botBefore);
    await page.screenshot({ path: screenshotPath("inbox-reply") });

    // Listed with the agents now, not as waiting.
    await byTestId("filter-agent").click();
    await expect.poll(() => queueItem(s.id).count(), live).toBe(1);
    await byTestId("filter-waiting").click();
    await expect.poll(() => queueItem(s.id).count(), live).toBe(0);

    await byTestId("release").click();
    await expect.poll(() => byTestId("takeover").isVisible(), poll).toBe(true);
    await expect.poll(() => byTestId("composer").isDisabled(), poll).toBe(true);
    expect(await message()).toMatch(/bot/i);
    expect(await statusOf(s.id)).toBe("bot");
    await page.screenshot({ path: screenshotPath("inbox-released") });

    expect(await page.evaluate(() => (window as unknown as { loadMark?: number }).loadMark)).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("shows markup a shopper sends as text and runs none of it", async () => {
    const s = shopper("Eve <b>Tester</b>");
    await s.say("hi");
    await s.say("I want to talk to a human");
    await s.say(MARKUP);
    await expect.poll(() => statusOf(s.id), poll).toBe("waiting");

    await byTestId("filter-waiting").click();
    await expect.poll(() => queueItem(s.id).count(), live).toBe(1);
    expect(await queueItem(s.id).textContent()).toContain("Eve <b>Tester</b>");
    await queueItem(s.id).click();
    const transcript = byTestId("transcript");
    const markup = transcript.getByTestId("msg-shopper").filter({ hasText: MARKUP });
    await expect.poll(() => markup.count(), poll).toBe(1);
    expect(await markup.locator(".bubble").textContent()).toBe(MARKUP);
    expect(await transcript.locator("img").count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("b", { hasText: "Tester" }).count()).toBe(0);
    // An image that failed to load would have fired by now.
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath("inbox-markup") });
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("fits a 390 px phone screen", async () => {
    const phone = await phoneContext(browser);
    try {
      const p = await phone.newPage();
      p.on("pageerror", (e) => pageErrors.push(e.message));
      await p.goto(`${inject("stackUrl")}/inbox?token=${TOKEN}`);
      await expect.poll(() => p.getByTestId("filter-waiting").isVisible(), poll).toBe(true);
      const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expect.poll(() => p.getByTestId("queue-item").count(), poll).toBeGreaterThan(0);
      await p.screenshot({ path: screenshotPath("inbox-phone-queue") });
      await p.getByTestId("queue-item").first().click();
      await expect.poll(() => p.getByTestId("transcript").isVisible(), poll).toBe(true);
      await expect.poll(() => p.getByTestId("msg-shopper").count(), poll).toBeGreaterThan(0);
      expect(await p.getByTestId("takeover").isVisible()).toBe(true);
      expect(await p.getByTestId("composer").isVisible()).toBe(true);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await p.screenshot({ path: screenshotPath("inbox-phone-conversation") });
    } finally {
      await phone.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
