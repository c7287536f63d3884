/**
 * Instagram Direct through the HTTP stack (signed deliveries → serverless-offline → DynamoDB Local → the Graph
 * API sink): the subscription handshake and signature, a reply at the sink with typing and seen, a real
 * third-party payload (Chatwoot's), and a whole conversation ending in an order.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { signBody } from "../../lib/channels/meta/signature";
import { adminApi, agentApi, joined, orderIdIn, payloadsOf, say, turn } from "../helpers/chat";
import {
  APP_SECRET,
  allSinkMessages,
  asIfNow,
  FIXTURES,
  INSTAGRAM_ACCOUNT_ID,
  instagramPostback,
  metaJson,
  newIgsid,
  postWebhook,
  sinkFor,
} from "../helpers/meta";

const url = inject("stackUrl");

describe("Instagram webhook", () => {
  it("answers the subscription handshake and refuses a bad signature", async () => {
    const ok = await fetch(
      `${url}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=dev-verify-token&hub.challenge=ig42`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("ig42");
    const bad = await fetch(
      `${url}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`,
    );
    expect(bad.status).toBe(403);
    const body = metaJson({ object: "instagram", entry: [] });
    expect((await postWebhook(url, "instagram", body, "sha256=00")).status).toBe(401);
    expect((await postWebhook(url, "instagram", body, null)).status).toBe(401);
    expect((await postWebhook(url, "instagram", "{not json", signBody("{not json", APP_SECRET))).status).toBe(
      400,
    );
  });

  it("a signed delivery gets a reply at the sink from the Instagram account, with seen and typing first", async () => {
    const igsid = newIgsid();
    const replies = await say(url, "instagram", igsid, "hi");
    const reply = replies[0];
    expect(reply?.accountId).toBe(INSTAGRAM_ACCOUNT_ID);
    expect(reply?.channel).toBe("instagram");
    expect(joined(replies)).toMatch(/welcome/i);
    const message = reply?.body.message as {
      metadata?: string;
      quick_replies?: Array<{ content_type: string }>;
    };
    expect(message.metadata).toBeUndefined();
    expect(message.quick_replies?.every((q) => q.content_type === "text")).toBe(true);
    const actionsFor = async () =>
      (await allSinkMessages(url))
        .filter(
          (m) => (m.body.recipient as { id?: string } | undefined)?.id === igsid && m.body.sender_action,
        )
        .map((m) => m.body.sender_action);
    let actions = await actionsFor();
    for (let i = 0; i < 25 && actions.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 200));
      actions = await actionsFor();
    }
    expect(actions).toEqual(expect.arrayContaining(["mark_seen", "typing_on"]));
    const conv = await agentApi(url, "GET", `conversations/${encodeURIComponent(`instagram:${igsid}`)}`);
    expect(conv.status).toBe(200);
    expect(conv.body.conversation).toMatchObject({ channel: "instagram", userId: igsid, status: "bot" });
  });

  it("answers a real third-party payload (Chatwoot's message event) addressed to the shop", async () => {
    const igsid = newIgsid();
    const raw = asIfNow(readFileSync(join(FIXTURES, "instagram/chatwoot_message_create.json"), "utf8"))
      .replaceAll('"instagram-message-id-123"', `"${INSTAGRAM_ACCOUNT_ID}"`)
      .replaceAll('"chatwoot-app-user-id-1"', `"${INSTAGRAM_ACCOUNT_ID}"`)
      .replaceAll('"Sender-id-1"', `"${igsid}"`)
      .replaceAll('"message-id-1"', `"mid-${igsid}"`);
    expect((await postWebhook(url, "instagram", raw)).status).toBe(200);
    const replies = await sinkFor(url, igsid);
    expect(replies.length).toBeGreaterThan(0);
    // a redelivery of the same message is not answered again
    expect((await postWebhook(url, "instagram", raw)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect((await sinkFor(url, igsid)).length).toBe(replies.length);
  });
});

describe("a whole conversation on Instagram ends in an order", () => {
  it("browse with a postback, add, name, typed phone, typed address, yes", async () => {
    const igsid = newIgsid();
    await say(url, "instagram", igsid, "hello");
    const browse = await turn(url, "instagram", igsid, instagramPostback({ igsid, payload: "BROWSE" }));
    expect(browse.flatMap(payloadsOf).length).toBeGreaterThan(0);
    expect(joined(await say(url, "instagram", igsid, "add the stoneware mug to my cart"))).toMatch(
      /Added 1 × Stoneware Mug/,
    );
    expect(joined(await say(url, "instagram", igsid, "checkout"))).toMatch(/What name/);
    const phoneAsk = await say(url, "instagram", igsid, "Siti Rahma");
    expect(joined(phoneAsk)).toMatch(/phone number/);
    // Instagram has no phone-number quick reply: the shopper types it
    expect(phoneAsk.flatMap(payloadsOf)).not.toContain("user_phone_number");
    expect(joined(await say(url, "instagram", igsid, "+6281234567890"))).toMatch(/Where should we deliver/);
    const summary = await say(url, "instagram", igsid, "Jl. Sudirman 5, Jakarta");
    expect(joined(summary)).toContain("To: Siti Rahma, +6281234567890, Jl. Sudirman 5, Jakarta");
    const placed = joined(await say(url, "instagram", igsid, "yes"));
    const id = orderIdIn(placed);
    expect(placed).toMatch(/is placed/);
    const order = (await adminApi(url, "GET", `orders/${id}`)).body;
    expect(order).toMatchObject({
      channel: "instagram",
      conversationId: `instagram:${igsid}`,
      status: "pending",
    });
    expect(joined(await say(url, "instagram", igsid, "where is my order?"))).toContain(`Order ${id}`);
    // the funnel splits every source by channel
    const report = (await adminApi(url, "GET", "analytics")).body;
    expect(report.channels.instagram.conversations).toBeGreaterThanOrEqual(1);
    expect(report.channels.instagram.orders).toBeGreaterThanOrEqual(1);
  });

  it("an agent takes over and replies within Instagram's window", async () => {
    const igsid = newIgsid();
    await say(url, "instagram", igsid, "hi");
    const id = encodeURIComponent(`instagram:${igsid}`);
    const sent = await agentApi(url, "POST", `conversations/${id}/messages`, { text: "Hello from the team" });
    expect(sent.status).toBe(201);
    expect(sent.body.window).toMatchObject({ channel: "instagram", state: "open" });
    const last = (await sinkFor(url, igsid, { count: 2 })).at(-1);
    expect(last?.body).toMatchObject({
      messaging_type: "RESPONSE",
      message: { text: "Hello from the team" },
    });
  });
});
