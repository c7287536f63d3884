/**
 * The Meta webhooks through the real HTTP stack (serverless-offline → handlers → DynamoDB Local → Graph API
 * sink): verification, signed deliveries on both channels, every fixture type, redelivery and bad input.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { signBody } from "../../lib/channels/meta/signature";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { useStackDb } from "../helpers/db";
import {
  APP_SECRET,
  fixtureFiles,
  fixtureFor,
  messengerText,
  metaJson,
  newPsid,
  newWaId,
  postWebhook,
  readReceipt,
  sinkFor,
  whatsappText,
} from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

const conversation = async (id: string) =>
  (await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.conversation(DEFAULT_SHOP_ID, id) })))
    .Item;

describe.each(["messenger", "whatsapp"] as const)("GET /webhooks/%s verification", (channel) => {
  it("echoes hub.challenge for the right verify token", async () => {
    const res = await fetch(
      `${url}/webhooks/${channel}?hub.mode=subscribe&hub.verify_token=dev-verify-token&hub.challenge=1158201444`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("1158201444");
  });

  it.each([
    ["a wrong token", "hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"],
    ["no token", "hub.mode=subscribe&hub.challenge=1"],
    ["another mode", "hub.mode=unsubscribe&hub.verify_token=dev-verify-token&hub.challenge=1"],
  ])("answers 403 to %s", async (_label, query) => {
    const res = await fetch(`${url}/webhooks/${channel}?${query}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("dev-verify-token");
  });
});

describe("a signed delivery gets a reply at the Graph API sink", () => {
  it("WhatsApp: marks read, greets by name with reply buttons, records the conversation", async () => {
    const waId = newWaId();
    const wamid = `wamid.${waId}`;
    const res = await postWebhook(
      url,
      "whatsapp",
      metaJson(whatsappText({ waId, wamid, text: "hi", name: "Aisha Tan" })),
    );
    expect(res.status).toBe(200);
    const [reply] = await sinkFor(url, waId);
    const read = await readReceipt(url, wamid);
    expect(read?.body).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: wamid,
      typing_indicator: { type: "text" },
    });
    expect(read && reply && read.cursor < reply.cursor, "read receipt before the answer").toBe(true);
    expect(reply?.accountId).toBe("200000000000002");
    expect(reply?.body).toMatchObject({
      messaging_product: "whatsapp",
      to: waId,
      interactive: { type: "button" },
    });
    const interactive = reply?.body.interactive as { body: { text: string }; action: { buttons: unknown[] } };
    expect(interactive.body.text).toMatch(/^Hi Aisha!/);
    expect(interactive.action.buttons).toHaveLength(3);

    const conv = await conversation(`whatsapp:${waId}`);
    expect(conv).toMatchObject({
      channel: "whatsapp",
      userId: waId,
      status: "bot",
      locale: "en",
      name: "Aisha Tan",
    });
    expect(Date.now() - Date.parse(conv?.lastInboundAt as string)).toBeLessThan(60_000);
  });

  it("Messenger: answers with quick replies as RESPONSE", async () => {
    const psid = newPsid();
    const res = await postWebhook(url, "messenger", metaJson(messengerText({ psid, text: "hello" })));
    expect(res.status).toBe(200);
    const [reply] = await sinkFor(url, psid);
    expect(reply?.accountId).toBe("100000000000001");
    expect(reply?.body).toMatchObject({ recipient: { id: psid }, messaging_type: "RESPONSE" });
    const message = reply?.body.message as { text: string; quick_replies: Array<{ title: string }> };
    expect(message.text).toMatch(/^Hi!/);
    expect(message.quick_replies.map((q) => q.title)).toEqual([
      "Browse products",
      "My cart",
      "Talk to a person",
    ]);
    expect(reply?.body).not.toHaveProperty("tag");
  });

  it.each([
    ["ar", "مرحبا، كم سعر هذا؟", /[\u0600-\u06FF]/],
    ["zh", "你好，这个多少钱？", /[\u4E00-\u9FFF]/],
    ["id", "halo, berapa harga ini?", /Halo|Selamat|Maaf/],
    ["tl", "kumusta po, magkano ito?", /Maligayang|Pasensya/],
  ])(
    "answers in the shopper's language (%s), with a \\u-escaped signed body",
    async (locale, text, script) => {
      const waId = newWaId();
      const body = metaJson(whatsappText({ waId, text }));
      expect([...body].every((c) => c.charCodeAt(0) < 128)).toBe(true);
      expect((await postWebhook(url, "whatsapp", body)).status).toBe(200);
      const [reply] = await sinkFor(url, waId);
      const interactive = reply?.body.interactive as { body: { text: string } } | undefined;
      expect(interactive?.body.text).toMatch(script);
      expect((await conversation(`whatsapp:${waId}`))?.locale).toBe(locale);
    },
  );

  it("answers a redelivered message once", async () => {
    const psid = newPsid();
    const body = metaJson(messengerText({ psid, text: "hello", mid: `m_redelivered_${psid}` }));
    for (let i = 0; i < 3; i++) expect((await postWebhook(url, "messenger", body)).status).toBe(200);
    // concurrent redeliveries too
    const parallel = await Promise.all([1, 2, 3].map(() => postWebhook(url, "messenger", body)));
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sinkFor(url, psid, { count: 2, timeoutMs: 1000 })).toHaveLength(1);
  });
});

describe("every fixture type is acknowledged and handled", () => {
  // Shopper actions get a reply; platform events (deliveries, reads, statuses, echoes) get none.
  const replies: Record<string, boolean> = {
    "delivery.json": false,
    "read.json": false,
    "echo.json": false,
    "split_status_delivered.json": false,
    "split_status_failed.json": false,
    "split_status_read.json": false,
    "split_status_sent.json": false,
    "split_status_with_tracker.json": false,
  };
  const cases = (["messenger", "whatsapp"] as const).flatMap((channel) =>
    fixtureFiles(channel).map((file) => [channel, file] as const),
  );

  it.each(cases)("%s %s", async (channel, file) => {
    const user = channel === "messenger" ? newPsid() : newWaId();
    const res = await postWebhook(url, channel, fixtureFor(channel, file, user));
    expect(res.status).toBe(200);
    const expectReply = replies[file] ?? true;
    const got = await sinkFor(url, user, { timeoutMs: expectReply ? 8000 : 1500 });
    expect(got.length > 0).toBe(expectReply);
  });

  it("stores the traffic source of a click-to-WhatsApp ad", async () => {
    const waId = newWaId();
    await postWebhook(url, "whatsapp", fixtureFor("whatsapp", "split_message_referral.json", waId));
    const conv = await conversation(`whatsapp:${waId}`);
    expect(conv?.source).toMatchObject({ source: expect.any(String), at: expect.any(String) });
    expect(conv?.source.adId ?? conv?.source.url).toBeTruthy();
  });

  it("stores the m.me ref of a Messenger referral", async () => {
    const psid = newPsid();
    await postWebhook(url, "messenger", fixtureFor("messenger", "referral_mme.json", psid));
    const conv = await conversation(`messenger:${psid}`);
    expect(conv?.source).toMatchObject({ source: expect.any(String) });
    expect(conv?.source.ref).toBeTruthy();
  });
});

describe("bad input changes nothing", () => {
  it("401 for a bad signature: nothing stored, nothing sent", async () => {
    const psid = newPsid();
    const body = metaJson(messengerText({ psid, text: "hello" }));
    const res = await postWebhook(url, "messenger", body, signBody(body, "not-the-app-secret"));
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.json)).not.toContain(signBody(body, APP_SECRET));
    expect(await sinkFor(url, psid, { timeoutMs: 1000 })).toHaveLength(0);
    expect(await conversation(`messenger:${psid}`)).toBeUndefined();
  });

  it("401 for a missing signature, and for a body changed after signing", async () => {
    const waId = newWaId();
    const body = metaJson(whatsappText({ waId, text: "hi" }));
    expect((await postWebhook(url, "whatsapp", body, null)).status).toBe(401);
    expect(
      (await postWebhook(url, "whatsapp", body.replace("hi", "ho"), signBody(body, APP_SECRET))).status,
    ).toBe(401);
    expect(await conversation(`whatsapp:${waId}`)).toBeUndefined();
  });

  it("400 for broken JSON with a valid signature", async () => {
    const res = await postWebhook(url, "whatsapp", '{"object":"whatsapp_business_account","entry":[');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: "request.bad_json" } });
  });

  it("413 for a body over 256 KiB, before anything else", async () => {
    const psid = newPsid();
    const body = metaJson(messengerText({ psid, text: "x".repeat(300 * 1024) }));
    const res = await postWebhook(url, "messenger", body);
    expect(res.status).toBe(413);
    expect(await conversation(`messenger:${psid}`)).toBeUndefined();
  });

  it.each([
    ["an unknown object", { object: "instagram", entry: [] }],
    [
      "an unknown event type",
      { object: "page", entry: [{ id: "100000000000001", messaging: [{ sender: { id: "1" }, poll: {} }] }] },
    ],
    ["an unknown page", messengerText({ psid: "1234", text: "hi", pageId: "999" })],
    ["wrong types", { object: "page", entry: [{ id: 5, messaging: "nope" }] }],
    ["JSON that is not an object", [1, 2, 3]],
  ])("200 and ignored for %s", async (_label, value) => {
    const res = await postWebhook(url, "messenger", metaJson(value));
    expect(res.status).toBe(200);
  });
});
