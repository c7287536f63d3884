/**
 * Issue 14 (6): a data deletion also removes the shopper's words from the shop's unanswered questions, and a
 * signed deletion request that is old or already used is refused.
 */
import { randomInt } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { signRequest } from "../../lib/channels/meta/signedRequest";
import { adminApi } from "../helpers/chat";
import { APP_SECRET, metaJson, newWaId, postWebhook, sinkFor, whatsappText } from "../helpers/meta";

const url = inject("stackUrl");

const callback = (signed: string) =>
  fetch(`${url}/webhooks/data-deletion`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ signed_request: signed }).toString(),
  });

const signed = (userId: string, issuedAt = Math.floor(Date.now() / 1000)) =>
  signRequest({ algorithm: "HMAC-SHA256", issued_at: issuedAt, user_id: userId }, APP_SECRET);

const unansweredText = async () => JSON.stringify((await adminApi(url, "GET", "unanswered?limit=200")).body);

describe("data deletion", () => {
  it("removes the shopper's words from the unanswered questions", async () => {
    const user = newWaId();
    const word = `zorblatt${randomInt(10 ** 6)}`;
    const question = `${word} fnord quux blorp?`;
    // a first message is greeted whatever it says: the question comes second
    expect(
      (await postWebhook(url, "whatsapp", metaJson(whatsappText({ waId: user, text: "hi" })))).status,
    ).toBe(200);
    await sinkFor(url, user, { count: 2 });
    expect(
      (await postWebhook(url, "whatsapp", metaJson(whatsappText({ waId: user, text: question })))).status,
    ).toBe(200);
    await sinkFor(url, user, { count: 4 });
    expect(await unansweredText()).toContain(word);
    const res = await callback(signed(user));
    expect(res.status).toBe(200);
    expect(await unansweredText()).not.toContain(word);
  }, 90_000);

  it("refuses a request signed over an hour ago, and one used before", async () => {
    const user = newWaId();
    const old = await callback(signed(user, Math.floor(Date.now() / 1000) - 2 * 3600));
    expect(old.status).toBe(400);
    const request = signed(user);
    expect((await callback(request)).status).toBe(200);
    expect((await callback(request)).status).toBe(409);
  });
});
