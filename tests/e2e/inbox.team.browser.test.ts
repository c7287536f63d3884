/**
 * The /inbox team features in Chromium against the real local stack (docs/interface.md "Agent API"): search finds
 * a conversation by name, by its last message's text and by an earlier message; "Assign to me" puts it in the
 * Mine view; a canned reply is rendered with its variables into the composer and sent, then given an Indonesian
 * text in the manager, which an Indonesian shopper gets (a Chinese one gets English, and the agent is told); an
 * internal note is saved and never reaches the Graph API sink.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, launchChromium, screenshotPath, watchPage } from "../helpers/browser";
import { useStackDb } from "../helpers/db";
import { metaJson, newWaId, postWebhook, sinkFor, whatsappText } from "../helpers/meta";

const TOKEN = "dev-agent-token";
const poll = { timeout: 15_000, interval: 100 };

async function agentApi(method: string, path: string, body?: unknown) {
  const res = await fetch(`${inject("stackUrl")}/api/agent${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

async function waitingShopper(name: string, words: string, after = "", ask = "I want to talk to a human") {
  const waId = newWaId();
  const say = async (text: string) => {
    const res = await postWebhook(
      inject("stackUrl"),
      "whatsapp",
      metaJson(whatsappText({ waId, text, name })),
    );
    expect(res.status).toBe(200);
  };
  await say(words);
  await say(ask);
  const id = `whatsapp:${waId}`;
  await expect
    .poll(
      async () =>
        (await agentApi("GET", `/conversations/${encodeURIComponent(id)}`)).json.conversation?.status,
      poll,
    )
    .toBe("waiting");
  // said while waiting for a person, so it is the conversation's last message (what the search reads)
  if (after) await say(after);
  return { waId, id };
}

describe.skipIf(!hasChromium())("/inbox team features in a browser", () => {
  useStackDb();
  let browser: Browser | undefined;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const byTestId = (id: string) => page.getByTestId(id);
  const queueItem = (id: string) => page.locator(`[data-testid="queue-item"][data-id="${id}"]`);

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: "en-US" });
    page = await context.newPage();
    watchPage(page, dialogs, pageErrors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("searches, assigns to me, sends a canned reply and keeps a note internal", async () => {
    const base = inject("stackUrl");
    const rosa = await waitingShopper("Rosa Quintana", "where is my zebrafinch lamp");
    const ben = await waitingShopper("Ben Okafor", "do you sell kettles");

    await page.goto(`${base}/inbox?token=${TOKEN}`);
    await expect.poll(() => queueItem(rosa.id).count(), poll).toBe(1);
    await expect.poll(() => queueItem(ben.id).count(), poll).toBe(1);
    expect(await queueItem(rosa.id).textContent()).toContain("Rosa Quintana");
    expect(await queueItem(rosa.id).getByTestId("handover-kind").textContent()).toMatch(/asked for a person/);

    expect(await byTestId("shortcuts").textContent()).toMatch(/\/ search/);
    // Search by name, then by a word of the shopper's message.
    const shown = async () => [await queueItem(rosa.id).count(), await queueItem(ben.id).count()];
    await byTestId("search").fill("quintana");
    await expect.poll(shown, poll).toEqual([1, 0]);
    await byTestId("search").fill("okafor");
    await expect.poll(shown, poll).toEqual([0, 1]);
    // a word of Rosa's first message, long before her last one (the search reads the whole conversation)
    await byTestId("search").fill("Zebrafinch");
    await expect.poll(shown, poll).toEqual([1, 0]);
    await byTestId("search").fill("");
    await expect.poll(() => queueItem(rosa.id).count(), poll).toBe(1);

    // Open Rosa's conversation: it is marked read; assign it to me; it shows in Mine.
    await queueItem(rosa.id).click();
    await byTestId("assign-me").click();
    await expect
      .poll(
        async () =>
          (await agentApi("GET", `/conversations/${encodeURIComponent(rosa.id)}`)).json.conversation?.status,
        poll,
      )
      .toBe("agent");
    await byTestId("filter-agent").click();
    await byTestId("filter-mine").check();
    await expect.poll(shown, poll).toEqual([1, 0]);
    const mine = await agentApi("GET", "/conversations?status=all&mine=true");
    expect(mine.json.items.map((c: { conversationId: string }) => c.conversationId)).toContain(rosa.id);
    const unread = mine.json.items.find(
      (c: { conversationId: string }) => c.conversationId === rosa.id,
    ).unread;
    expect(unread).toBe(0);

    // A canned reply added in the manager, picked, rendered with the shopper's name, sent.
    await page.locator('[data-testid="canned-manager"] summary').click();
    await byTestId("canned-title").fill("On its way");
    await byTestId("canned-text-en").fill("Hi {name}, your parcel is on its way.");
    await byTestId("canned-add").click();
    await expect.poll(() => byTestId("canned-pick").locator("option").count(), poll).toBeGreaterThan(1);
    await byTestId("canned-pick").selectOption({ label: "On its way" });
    await expect
      .poll(() => byTestId("composer").inputValue(), poll)
      .toMatch(/^Hi Rosa.*, your parcel is on its way\.$/);
    const reply = await byTestId("composer").inputValue();
    await expect.poll(() => byTestId("send").isEnabled(), poll).toBe(true);
    await byTestId("send").click();
    await expect
      .poll(
        async () =>
          (await sinkFor(base, rosa.waId, { count: 99, timeoutMs: 300 })).some(
            (m) => (m.body.text as { body?: string } | undefined)?.body === reply,
          ),
        poll,
      )
      .toBe(true);

    // Search by text: the list matches the last message (the reply just sent), Ben also with me.
    expect(
      (await agentApi("POST", `/conversations/${encodeURIComponent(ben.id)}/assign`, { agentId: "me" }))
        .status,
    ).toBe(200);
    await expect.poll(shown, poll).toEqual([1, 1]);
    await byTestId("search").fill("parcel is on its way");
    await expect.poll(shown, poll).toEqual([1, 0]);
    await byTestId("search").fill("");
    await expect.poll(shown, poll).toEqual([1, 1]);

    // Per locale: the Indonesian text added by editing the reply; a typo'd variable is refused at the field.
    const item = page.locator('[data-testid="canned-item"]', { hasText: "On its way" });
    await expect.poll(() => item.getByTestId("canned-locales").textContent(), poll).toBe("en");
    await item.getByTestId("canned-edit").click();
    expect(await byTestId("canned-text-en").inputValue()).toBe("Hi {name}, your parcel is on its way.");
    await byTestId("canned-text-id").fill("Halo {nama}, paket Anda dalam perjalanan.");
    await byTestId("canned-add").click();
    await expect
      .poll(() => byTestId("canned-error").textContent(), poll)
      .toMatch(/Bahasa Indonesia.*\{nama\}/);
    await byTestId("canned-text-id").fill("Halo {name}, paket {orderId} Anda dalam perjalanan.");
    await byTestId("canned-add").click();
    await expect.poll(() => item.getByTestId("canned-locales").textContent(), poll).toBe("en · id");
    const stored = (await agentApi("GET", "/canned")).json.items.find(
      (c: { title: string }) => c.title === "On its way",
    );
    expect(stored.text).toEqual({
      en: "Hi {name}, your parcel is on its way.",
      id: "Halo {name}, paket {orderId} Anda dalam perjalanan.",
    });
    // An Indonesian shopper gets the Indonesian text; a Chinese one gets English, and the agent is told.
    const language = async (id: string) =>
      (await agentApi("GET", `/conversations/${encodeURIComponent(id)}`)).json.conversation?.locale;
    const sari = await waitingShopper(
      "Sari Wulandari",
      "halo kak, apakah ada kaos?",
      "",
      "saya mau bicara dengan petugas",
    );
    expect(await language(sari.id)).toBe("id");
    await agentApi("POST", `/conversations/${encodeURIComponent(sari.id)}/assign`, { agentId: "me" });
    await expect.poll(() => queueItem(sari.id).count(), poll).toBe(1);
    await queueItem(sari.id).click();
    await expect.poll(() => byTestId("canned-pick").locator("option").count(), poll).toBeGreaterThan(1);
    await byTestId("canned-pick").selectOption({ label: "On its way" });
    await expect
      .poll(() => byTestId("composer").inputValue(), poll)
      .toMatch(/^Halo Sari.*, paket Anda dalam perjalanan\.$/);
    const wei = await waitingShopper("Wei Zhang", "你好，有衬衫吗？", "", "我想联系人工");
    expect(await language(wei.id)).toBe("zh");
    await agentApi("POST", `/conversations/${encodeURIComponent(wei.id)}/assign`, { agentId: "me" });
    await expect.poll(() => queueItem(wei.id).count(), poll).toBe(1);
    await queueItem(wei.id).click();
    await expect.poll(() => byTestId("canned-pick").locator("option").count(), poll).toBeGreaterThan(1);
    await byTestId("canned-pick").selectOption({ label: "On its way" });
    await expect
      .poll(() => byTestId("composer").inputValue(), poll)
      .toMatch(/^Hi Wei.*, your parcel is on its way\.$/);
    await expect
      .poll(() => page.getByTestId("message").textContent(), poll)
      .toMatch(/inserted the English one/);
    await byTestId("composer").fill("");
    await queueItem(rosa.id).click();
    // the panel under the composer is Rosa's again (it is rebuilt for each conversation)
    await expect
      .poll(() => page.locator("#team-panel").getAttribute("data-conversation"), poll)
      .toBe(rosa.id);

    // An internal note: saved, listed, never sent.
    const note = "VIP: refund if late";
    await byTestId("note-text").fill(note);
    await byTestId("note-add").click();
    await expect.poll(() => byTestId("note").filter({ hasText: note }).count(), poll).toBe(1);
    const notes = await agentApi("GET", `/conversations/${encodeURIComponent(rosa.id)}/notes`);
    expect(notes.json.items.map((n: { text: string }) => n.text)).toContain(note);
    const sink = await sinkFor(base, rosa.waId, { count: 99, timeoutMs: 500 });
    expect(JSON.stringify(sink.map((m) => m.body))).not.toContain("refund if late");
    await page.screenshot({ path: screenshotPath("inbox-team") });
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 120_000);
});
