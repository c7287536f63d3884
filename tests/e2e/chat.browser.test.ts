/**
 * The /chat simulator in Chromium against the real local stack: signed webhook deliveries in, the bot's
 * replies read back from the Graph API sink, on all three channels (Messenger, WhatsApp, Instagram Direct).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";

const REPLY_MS = 20_000;
const ARABIC = /[\u0600-\u06FF]/;
const poll = { timeout: REPLY_MS, interval: 100 };

interface SinkEntry {
  cursor: string;
  body: { recipient?: { id?: string }; to?: string };
}

describe.skipIf(!hasChromium())("/chat simulator in a browser", () => {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  const texts = (testId: string) => page.getByTestId(testId).allTextContents();
  const count = (testId: string) => page.getByTestId(testId).count();
  const errorLine = async () => {
    const el = page.getByTestId("error");
    return (await el.isVisible()) ? await el.textContent() : "";
  };
  const send = async (text: string) => {
    await page.getByTestId("composer").fill(text);
    await page.getByTestId("send").click();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 520, height: 860 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
    const loaded = new Set<string>();
    page.on("response", (r) => {
      if (r.status() === 200) loaded.add(new URL(r.url()).pathname);
    });
    const res = await page.goto(`${inject("stackUrl")}/chat`);
    expect(res?.status()).toBe(200);
    // The page needs its config (app secret, ids) and a first sink cursor before the first send; the first
    // request to the dev function may pay its cold start.
    const ready = () => loaded.has("/dev/chat/config") && loaded.has("/dev/graph/messages");
    for (const deadline = Date.now() + 60_000; !ready(); await page.waitForTimeout(100)) {
      if (Date.now() > deadline)
        throw new Error(
          `/chat did not load its config and first sink read within 60 s (page says: ${(await errorLine()) || "nothing"})`,
        );
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** What the Graph API sink holds for the page's current shopper, to tell "not sent" from "not shown". */
  const sinkForShopper = async () => {
    const id = ((await page.getByTestId("user-id").textContent()) ?? "").trim();
    const found: string[] = [];
    for (let after = "", pages = 0; pages < 50; pages++) {
      const res = await fetch(`${inject("stackUrl")}/dev/graph/messages?after=${encodeURIComponent(after)}`);
      const data = (await res.json()) as { messages: SinkEntry[]; cursor: string };
      for (const m of data.messages) {
        const to = m.body.recipient?.id ?? m.body.to ?? "";
        if (to === id) found.push(`${m.cursor} ${JSON.stringify(m.body).slice(0, 120)}`);
      }
      if (data.messages.length === 0) break;
      after = data.cursor;
    }
    return `sink messages for shopper ${id}: ${found.length ? `\n  ${found.join("\n  ")}` : "none"}`;
  };

  /** Waits for the bot to answer after `before` bot messages; returns the texts of the new ones. */
  const botReplies = async (before: number) => {
    try {
      await expect.poll(() => count("bot-message"), poll).toBeGreaterThan(before);
    } catch (e) {
      throw new Error(`No bot reply shown within ${REPLY_MS} ms; ${await sinkForShopper()}`, { cause: e });
    }
    return (await texts("bot-message")).slice(before);
  };

  it("greets on Messenger with three quick replies and answers a tapped one", async () => {
    expect(await page.getByTestId("channel-messenger").getAttribute("aria-selected")).toBe("true");
    await send("hello");
    await expect.poll(() => texts("user-message"), poll).toEqual(["hello"]);
    const [greeting] = await botReplies(0);
    expect(greeting).toMatch(/^Hi\b/);
    await expect
      .poll(() => texts("choice"), poll)
      .toEqual(["Browse products", "My cart", "Talk to a person"]);

    const before = await count("bot-message");
    await page.getByTestId("choice").filter({ hasText: "My cart" }).click();
    await expect.poll(() => texts("user-message"), poll).toEqual(["hello", "My cart"]);
    const [answer] = await botReplies(before);
    expect(answer?.trim()).not.toBe("");
    expect(await errorLine()).toBe("");
    await page.screenshot({ path: screenshotPath("chat-messenger") });
  });

  it("answers Arabic in Arabic on WhatsApp, with reply buttons", async () => {
    await page.getByTestId("channel-whatsapp").click();
    expect(await page.getByTestId("channel-whatsapp").getAttribute("aria-selected")).toBe("true");
    // Only the active channel's thread is in the document.
    expect(await count("user-message")).toBe(0);
    expect(await count("bot-message")).toBe(0);
    await send("مرحبا");
    await expect.poll(() => texts("user-message"), poll).toEqual(["مرحبا"]);
    const [greeting] = await botReplies(0);
    expect(greeting).toMatch(ARABIC);
    await expect.poll(() => count("choice"), poll).toBe(3);
    for (const title of await texts("choice")) expect(title).toMatch(ARABIC);
    expect(await errorLine()).toBe("");
    await page.screenshot({ path: screenshotPath("chat-whatsapp") });
  });

  it("shows shopper markup as text and runs none of it", async () => {
    const markup = "<img src=x onerror=alert(1)>";
    const before = await count("bot-message");
    await send(markup);
    await expect.poll(() => texts("user-message"), poll).toEqual(["مرحبا", markup]);
    expect(await page.locator('[data-testid="user-message"] img').count()).toBe(0);
    // Let the bot answer (the round trip a stored XSS would need) before checking for dialogs.
    await botReplies(before);
    expect(await errorLine()).toBe("");
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("greets and answers on Instagram: deliveries signed by the server for /webhooks/instagram, replies from the Instagram account", async () => {
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posted.push(new URL(r.url()).pathname);
    });
    await page.getByTestId("channel-instagram").click();
    expect(await page.getByTestId("channel-instagram").getAttribute("aria-selected")).toBe("true");
    expect(await page.getByTestId("user-id").getAttribute("data-label")).toBe("IGSID");
    expect(await count("user-message")).toBe(0);
    await send("hello");
    await expect.poll(() => texts("user-message"), poll).toEqual(["hello"]);
    const [greeting] = await botReplies(0);
    expect(greeting).toMatch(/^Hi\b/);
    expect(posted).toContain("/dev/chat/deliver/instagram");
    await expect.poll(() => count("choice"), poll).toBeGreaterThan(0);

    const before = await count("bot-message");
    await page.getByTestId("choice").filter({ hasText: "My cart" }).click();
    await expect.poll(() => texts("user-message"), poll).toEqual(["hello", "My cart"]);
    const [answer] = await botReplies(before);
    expect(answer?.trim()).not.toBe("");
    // the replies were sent to the Instagram account's edge, for this IGSID
    const igsid = ((await page.getByTestId("user-id").textContent()) ?? "").trim();
    const all: Array<{ channel: string; body: { recipient?: { id?: string } } }> = [];
    for (let after = "", pages = 0; pages < 50; pages++) {
      const res = await fetch(`${inject("stackUrl")}/dev/graph/messages?after=${encodeURIComponent(after)}`);
      const data = (await res.json()) as { messages: typeof all; cursor: string };
      all.push(...data.messages);
      if (data.messages.length === 0) break;
      after = data.cursor;
    }
    const mine = all.filter((m) => m.body.recipient?.id === igsid);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((m) => m.channel))).toEqual(new Set(["instagram"]));
    expect(await errorLine()).toBe("");
    expect(pageErrors).toEqual([]);
    await page.screenshot({ path: screenshotPath("chat-instagram") });
  });
});
