/**
 * Handover in the webhook, against DynamoDB Local and a fake Graph API: the triggers (asking, unanswered
 * turns), the handoff event, the Page Inbox pass, silence while a person has it, Messenger echoes, thread
 * control and standby, and the idle release with a controlled clock.
 */
import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Activity } from "botbuilder-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../lib/bot/runtime";
import { handleWebhook } from "../../lib/bot/webhook";
import type { ShopSettings } from "../../lib/catalog/types";
import { signBody } from "../../lib/channels/meta/signature";
import { parseConfig } from "../../lib/config";
import { PAGE_INBOX_APP_ID } from "../../lib/handover/echo";
import { noteAgentMessage, releaseIdleConversations } from "../../lib/handover/service";
import type { HttpRequest } from "../../lib/http/request";
import { putProduct } from "../../lib/store/catalog";
import { appendTranscript, getConversation, readConversation } from "../../lib/store/conversations";
import { GSI1, keys } from "../../lib/store/keys";
import { DEFAULT_SETTINGS, getSettings, putSettings } from "../../lib/store/settings";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { freshTable, type TestDb } from "../helpers/db";
import {
  APP_SECRET,
  messengerPostback,
  messengerText,
  metaJson,
  newPsid,
  newWaId,
  PAGE_ID,
  whatsappText,
} from "../helpers/meta";
import { type FakeGraph, startFakeGraph } from "./fakeGraph";

let table: TestDb;
let fake: FakeGraph;
let rt: Runtime;
const SHOP = DEFAULT_SHOP_ID;

beforeAll(async () => {
  table = await freshTable();
  fake = await startFakeGraph();
  const endpoint = await table.raw.config.endpoint?.();
  const config = await parseConfig({
    DYNAMODB_ENDPOINT: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
    TABLE_NAME: table.table,
    META_GRAPH_URL: fake.url,
    LOG_LEVEL: "error",
  });
  rt = createRuntime(config, { db: table });
});

afterAll(async () => {
  await fake.close();
  await table.drop();
});

async function setSettings(over: Partial<ShopSettings>): Promise<void> {
  const current = await getSettings(table, SHOP);
  const { version: _v, catalogVersion: _c, ...rest } = current;
  await putSettings(table, SHOP, { ...rest, ...over });
}

beforeEach(async () => {
  await setSettings({ ...DEFAULT_SETTINGS, openingHours: undefined, hours: undefined });
});

const request = (path: string, raw: string): HttpRequest => ({
  method: "POST",
  path,
  headers: { "content-type": "application/json", "x-hub-signature-256": signBody(raw, APP_SECRET) },
  query: {},
  pathParams: {},
  rawBody: Buffer.from(raw),
});

async function deliver(channel: "messenger" | "whatsapp", value: unknown): Promise<void> {
  const res = await handleWebhook(channel, request(`/webhooks/${channel}`, metaJson(value)), rt);
  expect(res.statusCode).toBe(200);
}

const say = (psid: string, text: string) => deliver("messenger", messengerText({ psid, text }));

/** A Messenger delivery with one raw messaging (or standby) event of the shopper's thread. */
const messaging = (event: Record<string, unknown>, key: "messaging" | "standby" = "messaging") => ({
  object: "page",
  entry: [{ id: PAGE_ID, time: Date.now(), [key]: [{ timestamp: Date.now(), ...event }] }],
});

const sentTo = (user: string) =>
  fake.hits.filter(
    (h) => (h.body.recipient as { id?: string } | undefined)?.id === user || h.body.to === user,
  );
const textOf = (body: Record<string, unknown>) =>
  ((body.message as { text?: string } | undefined)?.text ??
    (body.text as { body?: string })?.body ??
    // a WhatsApp message with reply buttons (the handover's "Talk to the bot")
    (body.interactive as { body?: { text?: string } } | undefined)?.body?.text ??
    "") as string;

const conversation = (id: string) => getConversation(table, SHOP, id);

async function timerOf(id: string) {
  const res = await table.doc.send(
    new QueryCommand({
      TableName: table.table,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": keys.handoverTimers },
    }),
  );
  return res.Items?.find((i) => i.conversationId === id);
}

describe("the bot hands over", () => {
  it("when the cart passes the merchant's cartValueAbove: the add is confirmed, then a person takes it", async () => {
    await putProduct(table, SHOP, {
      id: "VASE",
      title: { en: "Glass Vase" },
      price: { amount: 2000, currency: "USD" },
      stock: 10,
      category: "home",
      tags: [],
      attributes: {},
    });
    await setSettings({ handover: { ...DEFAULT_SETTINGS.handover, cartValueAbove: 5000 } });
    const psid = newPsid();
    await deliver("messenger", messengerPostback({ psid, payload: "ADD:VASE:2" }));
    // $40.00: under the rule
    expect((await conversation(`messenger:${psid}`))?.status).toBe("bot");
    await deliver("messenger", messengerPostback({ psid, payload: "ADD:VASE:1" }));
    const conv = await conversation(`messenger:${psid}`);
    expect(conv).toMatchObject({ status: "waiting", handoverReason: "cart_value" });
    const texts = sentTo(psid).map((h) => textOf(h.body));
    expect(texts.at(-2)).toMatch(/^Added 1 × Glass Vase\.\nCart: 3 items, \$60\.00\./);
    expect(texts.at(-1)).toBe("A person from our team will help you with this order. They'll reply here.");
  });

  it("when the shopper asks for a person: waiting, told so, handoff event with the transcript", async () => {
    const events: Array<Partial<Activity>> = [];
    rt.adapters.messenger.use(async (context, next) => {
      context.onSendActivities(async (_c, activities, send) => {
        events.push(...activities.filter((a) => a.type === "event"));
        return send();
      });
      await next();
    });
    const psid = newPsid();
    await say(psid, "hello");
    await say(psid, "I want to talk to a real person please");
    const conv = await conversation(`messenger:${psid}`);
    expect(conv).toMatchObject({ status: "waiting", handoverReason: "asked", accountId: PAGE_ID });
    expect((conv as unknown as { gsi1pk: string }).gsi1pk).toBe(keys.conversationsByStatus(SHOP, "waiting"));
    const replies = sentTo(psid);
    expect(textOf(replies.at(-1)?.body ?? {})).toBe("I'll pass this to our team. A person will reply here.");
    // the way back to the bot (issue 15)
    expect(replies.at(-1)?.body).toMatchObject({
      message: { quick_replies: [{ payload: "BOT", title: "Talk to the bot" }] },
    });

    const handoff = events.find((e) => e.name === "handoff.initiate");
    expect(handoff?.value).toMatchObject({ reason: "asked", conversationId: `messenger:${psid}` });
    const transcript = handoff?.attachments?.[0]?.content as { activities: Array<{ text?: string }> };
    expect(transcript.activities.map((a) => a.text)).toContain("I want to talk to a real person please");
    expect(await timerOf(`messenger:${psid}`)).toBeDefined();
  });

  it("stays silent while waiting and stores every shopper message", async () => {
    const psid = newPsid();
    await deliver("messenger", {
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          messaging: [
            {
              sender: { id: psid },
              recipient: { id: PAGE_ID },
              timestamp: Date.now(),
              postback: { mid: `m_${randomUUID()}`, title: "Talk to a person", payload: "HUMAN" },
            },
          ],
        },
      ],
    });
    expect((await conversation(`messenger:${psid}`))?.status).toBe("waiting");
    const before = sentTo(psid).length;
    // the first message after the handover is told a person will answer; the next ones are not (issue 15)
    await say(psid, "hello?");
    expect(sentTo(psid)).toHaveLength(before + 1);
    expect(textOf(sentTo(psid).at(-1)?.body ?? {})).toMatch(/A person will answer here/);
    await say(psid, "how much is the linen shirt?");
    expect(sentTo(psid)).toHaveLength(before + 1);
    const { messages } = await readConversation(table, SHOP, `messenger:${psid}`);
    expect(messages.filter((m) => m.author === "shopper").map((m) => m.text)).toEqual([
      "Talk to a person",
      "hello?",
      "how much is the linen shirt?",
    ]);
  });

  it("after maxUnansweredTurns unanswered turns in a row, and an answered turn resets the count", async () => {
    const waId = newWaId();
    const wa = (text: string) => deliver("whatsapp", whatsappText({ waId, text }));
    await wa("hi");
    await wa("qzxv blorptwug frabnitz");
    await wa("thanks!");
    await wa("qzxv blorptwug frabnitz");
    expect((await conversation(`whatsapp:${waId}`))?.status).toBe("bot");
    await wa("vrooblenax quimble zorp");
    // three in a row by default (issue 15): two are not enough
    expect((await conversation(`whatsapp:${waId}`))?.status).toBe("bot");
    await wa("snarfle plonk wibbet");
    expect(await conversation(`whatsapp:${waId}`)).toMatchObject({
      status: "waiting",
      handoverReason: "unanswered",
    });
    const last = sentTo(waId).at(-1)?.body ?? {};
    expect(textOf(last)).toMatch(/still didn't get that.*person will reply/);
  });

  it("adds the opening hours when the shop is closed", async () => {
    await setSettings({
      openingHours: { timezone: "UTC", days: {} },
      hours: { en: "We're here Mon–Fri, 9–17 UTC." },
    });
    const psid = newPsid();
    await say(psid, "hi");
    await say(psid, "can I speak to a human?");
    expect(textOf(sentTo(psid).at(-1)?.body ?? {})).toBe(
      "I'll pass this to our team. A person will reply here.\nWe're here Mon–Fri, 9–17 UTC.",
    );
  });

  it("passes the Messenger thread to the Page Inbox when the shop enables it, after its message", async () => {
    await setSettings({ handover: { ...DEFAULT_SETTINGS.handover, pageInbox: true } });
    const psid = newPsid();
    await say(psid, "hi");
    await say(psid, "talk to a person");
    const hits = fake.hits.filter((h) => (h.body.recipient as { id?: string } | undefined)?.id === psid);
    const pass = hits.at(-1);
    expect(pass?.path).toBe(`/v21.0/${PAGE_ID}/pass_thread_control`);
    expect(pass?.body).toMatchObject({ recipient: { id: psid }, target_app_id: PAGE_INBOX_APP_ID });
    expect(hits.at(-2)?.path).toBe(`/v21.0/${PAGE_ID}/messages`);
  });
});

describe("Messenger echoes, thread control and standby", () => {
  async function waitingConversation(): Promise<string> {
    const psid = newPsid();
    await say(psid, "hi");
    return psid;
  }
  const echo = (psid: string, message: Record<string, unknown>) =>
    messaging({ sender: { id: PAGE_ID }, recipient: { id: psid }, message: { is_echo: true, ...message } });

  it("an echo from another app (a person in the Page Inbox) takes over and is stored as an agent message", async () => {
    const psid = await waitingConversation();
    const mid = `m_${randomUUID()}`;
    await deliver("messenger", echo(psid, { app_id: Number(PAGE_INBOX_APP_ID), mid, text: "Hi, Ana here!" }));
    await deliver("messenger", echo(psid, { app_id: Number(PAGE_INBOX_APP_ID), mid, text: "Hi, Ana here!" }));
    const conv = await conversation(`messenger:${psid}`);
    expect(conv).toMatchObject({ status: "agent", agentId: "page-inbox" });
    expect(conv?.lastAgentAt).toBeDefined();
    const { messages } = await readConversation(table, SHOP, `messenger:${psid}`);
    expect(messages.filter((m) => m.author === "agent")).toEqual([
      expect.objectContaining({ text: "Hi, Ana here!", agentId: "page-inbox", externalId: mid }),
    ]);
    const before = sentTo(psid).length;
    await say(psid, "thanks Ana");
    expect(sentTo(psid)).toHaveLength(before);
  });

  it("echoes of our own messages change nothing: by metadata, or by a message id in the transcript", async () => {
    const psid = await waitingConversation();
    // Bot replies are written with the turn, before they are sent, so they carry no Graph id; the messages sent
    // outside a turn (agent replies, order updates, reminders) record theirs, as this one.
    const ourMid = `m_${randomUUID()}`;
    await appendTranscript(table, SHOP, `messenger:${psid}`, [
      {
        at: new Date().toISOString(),
        direction: "out",
        author: "bot",
        text: "Your order shipped",
        externalId: ourMid,
      },
    ]);
    await deliver(
      "messenger",
      echo(psid, { app_id: 1517776481860111, mid: "m_x", metadata: "chatcart", text: "a" }),
    );
    await deliver("messenger", echo(psid, { app_id: 1517776481860111, mid: ourMid, text: "b" }));
    // tagged with its outbox id (send once, docs/outbound.md): still ours
    await deliver(
      "messenger",
      echo(psid, {
        app_id: 1517776481860111,
        mid: "m_y",
        metadata: `chatcart:messenger#m_in#000`,
        text: "c",
      }),
    );
    expect((await conversation(`messenger:${psid}`))?.status).toBe("bot");
  });

  it("with META_APP_ID, the app id decides", async () => {
    const endpoint = await table.raw.config.endpoint?.();
    const withAppId = createRuntime(
      await parseConfig({
        DYNAMODB_ENDPOINT: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
        TABLE_NAME: table.table,
        META_GRAPH_URL: fake.url,
        LOG_LEVEL: "error",
        META_APP_ID: "1517776481860111",
      }),
      { db: table },
    );
    const psid = await waitingConversation();
    const post = (value: unknown) =>
      handleWebhook("messenger", request("/webhooks/messenger", metaJson(value)), withAppId);
    await post(echo(psid, { app_id: 1517776481860111, mid: `m_${randomUUID()}`, text: "ours" }));
    expect((await conversation(`messenger:${psid}`))?.status).toBe("bot");
    await post(echo(psid, { app_id: 42, mid: `m_${randomUUID()}`, metadata: "chatcart", text: "theirs" }));
    expect((await conversation(`messenger:${psid}`))?.status).toBe("agent");
  });

  it("take_thread_control by another app hands over; pass_thread_control to us gives it back", async () => {
    const psid = await waitingConversation();
    const from = { sender: { id: psid }, recipient: { id: PAGE_ID } };
    await deliver(
      "messenger",
      messaging({
        ...from,
        take_thread_control: { previous_owner_app_id: "1", new_owner_app_id: PAGE_INBOX_APP_ID },
      }),
    );
    expect(await conversation(`messenger:${psid}`)).toMatchObject({ status: "agent", agentId: "page-inbox" });
    await deliver(
      "messenger",
      messaging({
        ...from,
        pass_thread_control: { previous_owner_app_id: PAGE_INBOX_APP_ID, new_owner_app_id: "1" },
      }),
    );
    const back = await conversation(`messenger:${psid}`);
    expect(back).toMatchObject({ status: "bot", releaseReason: "thread_control" });
    expect(back?.agentId).toBeUndefined();
    expect(await timerOf(`messenger:${psid}`)).toBeUndefined();
    await say(psid, "hello again");
    expect(textOf(sentTo(psid).at(-1)?.body ?? {})).toMatch(/Hi again/);
  });

  it("standby messages are stored and move the window, never answered", async () => {
    const psid = await waitingConversation();
    const before = sentTo(psid).length;
    const mid = `m_${randomUUID()}`;
    const later = Date.now() + 60_000;
    const event = {
      sender: { id: psid },
      recipient: { id: PAGE_ID },
      timestamp: later,
      message: { mid, text: "are you there?" },
    };
    await deliver("messenger", messaging(event, "standby"));
    await deliver("messenger", messaging(event, "standby"));
    expect(sentTo(psid)).toHaveLength(before);
    const { messages } = await readConversation(table, SHOP, `messenger:${psid}`);
    expect(messages.filter((m) => m.text === "are you there?")).toHaveLength(1);
    expect((await conversation(`messenger:${psid}`))?.lastInboundAt).toBe(new Date(later).toISOString());
  });
});

describe("idle release", () => {
  it("gives the conversation back after idleReleaseMinutes without a person acting", async () => {
    await setSettings({ handover: { ...DEFAULT_SETTINGS.handover, idleReleaseMinutes: 30 } });
    const psid = newPsid();
    await say(psid, "hi");
    await say(psid, "talk to a person");
    const id = `messenger:${psid}`;
    const rules = async () => (await getSettings(table, SHOP)).handover;
    const since = Date.parse((await conversation(id))?.idleSince as string);
    const min = 60_000;

    expect((await releaseIdleConversations(table, rules, since + 29 * min)).released).toBe(0);
    // a person answers at +20 min: the clock starts again
    await noteAgentMessage(
      table,
      { shopId: SHOP, conversationId: id },
      await rules(),
      new Date(since + 20 * min),
    );
    await releaseIdleConversations(table, rules, since + 31 * min);
    expect((await conversation(id))?.status).toBe("waiting");

    // the merchant shortens the idle time: a timer that is due is checked against the current setting
    await setSettings({ handover: { ...DEFAULT_SETTINGS.handover, idleReleaseMinutes: 45 } });
    await releaseIdleConversations(table, rules, since + 51 * min);
    expect((await conversation(id))?.status).toBe("waiting");
    await releaseIdleConversations(table, rules, since + 66 * min);
    expect(await conversation(id)).toMatchObject({ status: "bot", releaseReason: "idle" });
    expect(await timerOf(id)).toBeUndefined();
  });
});
