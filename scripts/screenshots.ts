/**
 * `npm run screenshots`: the README's tour pictures, docs/screenshots/{chat,chat-phone,inbox,admin}.png, with
 * Debian's Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH) through playwright-core; nothing downloads a browser.
 * It starts a local stack of its own (DynamoDB Local in memory, the demo shop), or uses a running one at
 * BASE_URL. Three WhatsApp shoppers (signed webhook deliveries, the dev app secret) ask for a person in three
 * languages, so the inbox has a queue and a transcript; the chat pictures are a shopper browsing the shop in
 * /chat itself. The dev tokens only work on the local stack.
 */
import { createHmac } from "node:crypto";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { freePort } from "../lib/store/local";
import { startStack } from "./stack";

const OUT = join(process.cwd(), "docs", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const REPLY_MS = 30_000;

/** The shoppers the inbox shows: a name (WhatsApp profile), and what they write, in order. */
const SHOPPERS: Array<[name: string, texts: string[]]> = [
  ["Ahmad Karim", ["مرحبا", "أريد التحدث مع شخص"]],
  ["Budi Santoso", ["halo", "saya mau bicara dengan orang"]],
  ["Maria Santos", ["hi", "do you have leather bags?", "I want to talk to a person"]],
];

/**
 * The demo greeting without its emoji: Debian's Chromium has no emoji font, and a missing glyph in the pictures
 * would look like a bug. A merchant may set any greeting (Settings), so this is still the product as shipped.
 */
async function plainGreeting(base: string): Promise<void> {
  const headers = { authorization: "Bearer dev-admin-token", "content-type": "application/json" };
  const res = await fetch(`${base}/api/admin/settings`, { headers });
  const data = (await res.json()) as { greeting?: Record<string, string>; settings?: { greeting?: object } };
  const greeting = Object.fromEntries(
    Object.entries((data.settings ?? data).greeting ?? {}).map(([l, t]) => [
      l,
      t.replace(/\s*\p{Extended_Pictographic}\uFE0F?/gu, "."),
    ]),
  );
  const patched = await fetch(`${base}/api/admin/settings`, {
    method: "PATCH",
    headers,
    body: JSON.stringify({ greeting }),
  });
  if (!patched.ok) throw new Error(`settings answered ${patched.status}: ${await patched.text()}`);
}

async function whatsappSays(base: string, waId: string, name: string, text: string): Promise<void> {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "1",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550000002", phone_number_id: "200000000000002" },
              contacts: [{ profile: { name }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.shot${Date.now()}${Math.random().toString(36).slice(2)}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: "text",
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = createHmac("sha256", process.env.META_APP_SECRET ?? "dev-app-secret")
    .update(body)
    .digest("hex");
  const res = await fetch(`${base}/webhooks/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

/** Waits until the page shows more than `before` elements with `testId`. */
async function more(page: Page, testId: string, before: number): Promise<void> {
  const deadline = Date.now() + REPLY_MS;
  while ((await page.getByTestId(testId).count()) <= before) {
    if (Date.now() > deadline) throw new Error(`no new ${testId} within ${REPLY_MS} ms`);
    await page.waitForTimeout(200);
  }
}

/** A shopper in /chat on `channel`: says hi and taps `taps` (the last choice whose label matches, in turn). */
async function chatPicture(
  browser: Browser,
  base: string,
  file: string,
  viewport: { width: number; height: number },
  channel: string,
  taps: RegExp[],
) {
  const page = await browser.newPage({ viewport, locale: "en-US" });
  await page.goto(`${base}/chat`, { waitUntil: "networkidle" });
  await page.getByTestId(`channel-${channel}`).click();
  const say = async (text: string) => {
    const before = await page.getByTestId("bot-message").count();
    await page.getByTestId("composer").fill(text);
    await page.getByTestId("send").click();
    await more(page, "bot-message", before);
  };
  const tap = async (label: RegExp) => {
    const before = await page.getByTestId("bot-message").count();
    await page.getByTestId("choice").filter({ hasText: label }).last().click();
    await more(page, "bot-message", before);
  };
  await say("hi");
  for (const label of taps) await tap(label);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(OUT, file) });
  await page.close();
}

async function shoot(browser: Browser, base: string): Promise<void> {
  await plainGreeting(base);
  const waBase = 6591000000 + Math.floor(Math.random() * 900000);
  for (const [i, [name, texts]] of SHOPPERS.entries())
    for (const text of texts) await whatsappSays(base, String(waBase + i), name, text);

  await chatPicture(browser, base, "chat.png", { width: 640, height: 690 }, "messenger", [/Browse/, /Bags/]);
  await chatPicture(browser, base, "chat-phone.png", { width: 390, height: 780 }, "whatsapp", [/Browse/]);

  const inbox = await browser.newPage({ viewport: { width: 1120, height: 720 }, locale: "en-US" });
  await inbox.goto(`${base}/inbox?token=dev-agent-token`, { waitUntil: "networkidle" });
  const first = inbox.getByTestId("queue-item").first();
  await first.waitFor({ timeout: REPLY_MS });
  await first.click();
  await inbox.locator("#transcript .m").first().waitFor({ timeout: REPLY_MS });
  await inbox.waitForTimeout(1500);
  await inbox.screenshot({ path: join(OUT, "inbox.png") });
  await inbox.close();

  const admin = await browser.newPage({ viewport: { width: 1120, height: 720 }, locale: "en-US" });
  await admin.goto(`${base}/admin?token=dev-admin-token`, { waitUntil: "networkidle" });
  await admin.getByTestId("product-row").first().waitFor({ timeout: REPLY_MS });
  await admin.waitForTimeout(1000);
  await admin.screenshot({ path: join(OUT, "admin.png") });
  await admin.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const own = process.env.BASE_URL
    ? undefined
    : await startStack({
        port: await freePort(),
        dataDir: ":memory:",
        buildDir: `.esbuild/screenshots-${process.pid}`,
        env: { SEED: "demo", LOG_LEVEL: "warn" },
      });
  const base = process.env.BASE_URL ?? own?.url ?? "";
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    await shoot(browser, base);
  } finally {
    await browser?.close();
    await own?.stop();
  }
  for (const name of ["chat", "chat-phone", "inbox", "admin"]) {
    const file = `docs/screenshots/${name}.png`;
    console.log(JSON.stringify({ screenshot: file, bytes: statSync(join(process.cwd(), file)).size }));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
