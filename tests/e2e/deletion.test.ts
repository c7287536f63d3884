/**
 * Meta's data deletion callback through the HTTP stack: a shopper talks on WhatsApp and Messenger (signed
 * webhook deliveries, a cart), then Meta's signed form deletes them; the answer names a status URL on this
 * host that reports the deletion, and a scan of the stack's table finds the shopper's id nowhere (the local
 * Graph API sink, which does not exist deployed, aside). A bad signature gets 401 and deletes nothing.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { signRequest } from "../../lib/channels/meta/signedRequest";
import { getCart } from "../../lib/store/carts";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { useStackDb } from "../helpers/db";
import {
  APP_SECRET,
  messengerText,
  metaJson,
  newWaId,
  postWebhook,
  sinkFor,
  whatsappText,
} from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

async function scanFor(needle: string): Promise<Array<Record<string, unknown>>> {
  const found: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(new ScanCommand({ TableName: db.table, ExclusiveStartKey: start }));
    for (const item of res.Items ?? []) {
      if (item.pk === keys.sinkPartition) continue; // the local Graph API sink: dev stage only
      if (JSON.stringify(item).includes(needle)) found.push(item);
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return found;
}

const callback = (signed: string) =>
  fetch(`${url}/webhooks/data-deletion`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ signed_request: signed }).toString(),
  });

describe("POST /webhooks/data-deletion", () => {
  it("deletes a shopper's conversations on both channels and reports it at the status URL", async () => {
    const user = newWaId();
    const wa = (text: string) => postWebhook(url, "whatsapp", metaJson(whatsappText({ waId: user, text })));
    expect((await wa("hi")).status).toBe(200);
    expect((await wa("add the stoneware mug")).status).toBe(200);
    const ms = (text: string) => postWebhook(url, "messenger", metaJson(messengerText({ psid: user, text })));
    expect((await ms("hello")).status).toBe(200);
    await sinkFor(url, user, { count: 3 });
    expect((await getCart(db, DEFAULT_SHOP_ID, `whatsapp:${user}`)).lines).toHaveLength(1);
    expect((await scanFor(user)).length).toBeGreaterThan(5);

    const forged = signRequest({ algorithm: "HMAC-SHA256", issued_at: 1, user_id: user }, "not-the-secret");
    const refused = await callback(forged);
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain(APP_SECRET);
    expect((await scanFor(user)).length).toBeGreaterThan(5);

    const signed = signRequest(
      { algorithm: "HMAC-SHA256", issued_at: Math.floor(Date.now() / 1000), user_id: user },
      APP_SECRET,
    );
    const res = await callback(signed);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { url: string; confirmation_code: string };
    expect(body.confirmation_code).toMatch(/^[A-Z2-7]{16}$/);
    expect(body.url).toBe(`${url}/data-deletion/${body.confirmation_code}`);

    const page = await fetch(body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("completed");
    const status = await fetch(body.url, { headers: { accept: "application/json" } });
    expect(await status.json()).toMatchObject({ status: "completed", conversations: 2 });

    expect(await scanFor(user)).toEqual([]);
    expect((await fetch(`${url}/data-deletion/AAAAAAAAAAAAAAAA`)).status).toBe(404);
  }, 60_000);

  it("answers 400 to a form without a signed_request and 415 to JSON", async () => {
    const empty = await fetch(`${url}/webhooks/data-deletion`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "foo=bar",
    });
    expect(empty.status).toBe(400);
    const json = await fetch(`${url}/webhooks/data-deletion`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
  });
});
