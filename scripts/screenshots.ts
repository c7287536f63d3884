/**
 * `npm run screenshots`: the README's tour pictures (docs/screenshots/{chat,inbox,admin}.png), taken from a
 * running local stack (`npm start`, or `BASE_URL=…`) with Debian's Chromium through playwright-core; nothing
 * downloads a browser. It plays a short conversation first (a signed webhook delivery, the dev app secret), so
 * the chat and the inbox have something to show. The dev tokens only work on the local stack.
 */
import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const OUT = join(process.cwd(), "docs", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

async function shopperSays(waId: string, text: string): Promise<void> {
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
              contacts: [{ profile: { name: "Maria Santos" }, wa_id: waId }],
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
  const res = await fetch(`${BASE}/webhooks/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` },
    body,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const waId = `6591${String(Date.now()).slice(-7)}`;
  for (const text of ["hi", "show me mugs", "I want to talk to a person"]) await shopperSays(waId, text);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const pages: Array<[string, string, { width: number; height: number }]> = [
      ["chat", "/chat", { width: 420, height: 860 }],
      ["inbox", "/inbox?token=dev-agent-token", { width: 1280, height: 800 }],
      ["admin", "/admin?token=dev-admin-token", { width: 1280, height: 800 }],
    ];
    for (const [name, path, viewport] of pages) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${BASE}${path}`, { waitUntil: "networkidle" });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(OUT, `${name}.png`) });
      await page.close();
      console.log(JSON.stringify({ screenshot: `docs/screenshots/${name}.png` }));
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
