/**
 * Abandoned-cart reminders against DynamoDB Local and a fake Graph API, with a controlled clock: one reminder
 * per idle cart (never twice, also with two runs at once), in the shopper's language with the cart's buttons;
 * none after "stop", none while a person has the conversation, none outside (or at the edge of) the 24 h
 * window, none in a shop that turned them off; those carts leave the index. A cart changed after its reminder
 * is reminded again only after idling again; the shop's idle time is respected.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "../../lib/catalog/types";
import { createGraphClient } from "../../lib/channels/meta/graph";
import { parseConfig } from "../../lib/config";
import { t } from "../../lib/i18n";
import { type ReminderDeps, sendCartReminders } from "../../lib/reminders/cartReminder";
import { addToCart } from "../../lib/store/carts";
import { putProduct } from "../../lib/store/catalog";
import { readConversation, touchInbound, updateConversation } from "../../lib/store/conversations";
import { keys } from "../../lib/store/keys";
import { DEFAULT_SETTINGS, putSettings } from "../../lib/store/settings";
import {
  createShopDirectory,
  DEFAULT_SHOP_ID,
  defaultAccounts,
  putChannelAccount,
} from "../../lib/store/shops";
import { freshTable, type TestDb } from "../helpers/db";
import { newPsid, newWaId, PAGE_ID, PHONE_NUMBER_ID } from "../helpers/meta";
import { type FakeGraph, startFakeGraph } from "./fakeGraph";

let db: TestDb;
let fake: FakeGraph;
let deps: ReminderDeps;
const MIN = 60_000;
const HOUR = 60 * MIN;
const SHOP = DEFAULT_SHOP_ID;
const MUG: Product = {
  id: "MUG",
  title: { en: "Stoneware Mug", zh: "石器马克杯" },
  price: { amount: 1250, currency: "USD" },
  stock: 50,
  category: "home",
  tags: [],
  attributes: {},
};

beforeAll(async () => {
  db = await freshTable();
  fake = await startFakeGraph((_h, i) => ({
    status: 200,
    body: { message_id: `m_${i}`, messages: [{ id: `wamid.${i}` }] },
  }));
  const config = await parseConfig({ META_GRAPH_URL: fake.url, LOG_LEVEL: "error" });
  deps = {
    db,
    graph: createGraphClient({ baseUrl: fake.url, timeoutMs: 500, baseDelayMs: 10 }),
    directory: createShopDirectory(db, defaultAccounts(config)),
  };
  for (const shop of [SHOP, "slow", "quiet"]) await putProduct(db, shop, MUG);
  await putSettings(db, "slow", { ...DEFAULT_SETTINGS, cart: { expiryDays: 7, reminderAfterMinutes: 180 } });
  await putSettings(db, "quiet", { ...DEFAULT_SETTINGS, cart: { expiryDays: 7, reminderAfterMinutes: 0 } });
  await putChannelAccount(db, {
    shopId: "slow",
    channel: "whatsapp",
    accountId: "300000000000003",
    accessToken: "t",
  });
  await putChannelAccount(db, {
    shopId: "quiet",
    channel: "whatsapp",
    accountId: "400000000000004",
    accessToken: "t",
  });
});

afterAll(async () => {
  await fake.close();
  await db.drop();
});

type Channel = "messenger" | "whatsapp";
// biome-ignore lint/suspicious/noExplicitAny: Graph API bodies, read field by field in the tests
type Json = any;

/** A shopper who wrote at `at` and put `quantity` mugs in the cart then. */
async function shopper(
  at: number,
  o: { channel?: Channel; shopId?: string; locale?: string; quantity?: number } = {},
) {
  const channel = o.channel ?? "whatsapp";
  const shopId = o.shopId ?? SHOP;
  const userId = channel === "whatsapp" ? newWaId() : newPsid();
  const conversationId = `${channel}:${userId}`;
  const accountId =
    shopId === "slow"
      ? "300000000000003"
      : shopId === "quiet"
        ? "400000000000004"
        : channel === "whatsapp"
          ? PHONE_NUMBER_ID
          : PAGE_ID;
  await touchInbound(db, {
    shopId,
    conversationId,
    channel,
    userId,
    at: new Date(at).toISOString(),
    accountId,
  });
  if (o.locale) await updateConversation(db, shopId, conversationId, { locale: o.locale });
  await activity(shopId, conversationId, at, o.quantity ?? 2);
  return { shopId, conversationId, userId };
}

/** The shopper writes and adds to the cart at `at`. */
async function activity(shopId: string, conversationId: string, at: number, quantity = 1) {
  const [channel = "whatsapp", userId = ""] = conversationId.split(":");
  await touchInbound(db, { shopId, conversationId, channel, userId, at: new Date(at).toISOString() });
  return addToCart(db, { shopId, conversationId, expiryDays: 7, now: new Date(at) }, "MUG", quantity);
}

const hitsFor = (userId: string) =>
  fake.hits.filter(
    (h) => h.body.to === userId || (h.body.recipient as { id?: string } | undefined)?.id === userId,
  );

const cartItem = async (shopId: string, conversationId: string) =>
  (
    await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.cart(shopId, conversationId), ConsistentRead: true }),
    )
  ).Item as Record<string, unknown>;

describe("cart reminders", () => {
  it("sends one reminder once the cart idled, never a second, and writes it to the transcript", async () => {
    const t0 = Date.parse("2026-06-01T08:00:00.000Z");
    const s = await shopper(t0);
    expect((await sendCartReminders(deps, t0 + 30 * MIN)).sent).toBe(0);
    expect(hitsFor(s.userId)).toHaveLength(0);

    const run = await sendCartReminders(deps, t0 + 61 * MIN);
    expect(run.sent).toBe(1);
    const [hit] = hitsFor(s.userId);
    expect(hit?.body.type).toBe("interactive");
    const interactive = hit?.body.interactive as Json;
    expect(interactive.body.text).toBe(t("en", "reminder.cart", { count: "2", total: "$25.00" }));
    expect(interactive.action.buttons.map((b: Json) => b.reply.id)).toEqual(["CART", "CHECKOUT"]);

    for (const later of [62, 90, 600]) await sendCartReminders(deps, t0 + later * MIN);
    expect(hitsFor(s.userId)).toHaveLength(1);
    const cart = await cartItem(s.shopId, s.conversationId);
    expect(cart.remindedAt).toBe(new Date(t0 + 61 * MIN).toISOString());
    expect(cart.gsi1pk).toBeUndefined();
    const { messages } = await readConversation(db, s.shopId, s.conversationId);
    expect(messages.at(-1)).toMatchObject({ author: "bot", direction: "out", kind: "reminder" });
  });

  it("reminds a cart changed after its reminder again, only after it idled again", async () => {
    const t0 = Date.parse("2026-06-02T08:00:00.000Z");
    const s = await shopper(t0);
    await sendCartReminders(deps, t0 + 61 * MIN);
    expect(hitsFor(s.userId)).toHaveLength(1);
    await activity(s.shopId, s.conversationId, t0 + 2 * HOUR);
    expect((await cartItem(s.shopId, s.conversationId)).remindedAt).toBeUndefined();
    await sendCartReminders(deps, t0 + 2 * HOUR + 30 * MIN);
    expect(hitsFor(s.userId)).toHaveLength(1);
    await sendCartReminders(deps, t0 + 3 * HOUR + MIN);
    expect(hitsFor(s.userId)).toHaveLength(2);
  });

  it("waits while the shopper is still writing, even if the cart did not change", async () => {
    const t0 = Date.parse("2026-06-03T08:00:00.000Z");
    const s = await shopper(t0);
    await touchInbound(db, {
      shopId: s.shopId,
      conversationId: s.conversationId,
      channel: "whatsapp",
      userId: s.userId,
      at: new Date(t0 + 50 * MIN).toISOString(),
    });
    expect((await sendCartReminders(deps, t0 + 61 * MIN)).waiting).toBeGreaterThan(0);
    expect(hitsFor(s.userId)).toHaveLength(0);
    await sendCartReminders(deps, t0 + 111 * MIN);
    expect(hitsFor(s.userId)).toHaveLength(1);
  });

  it("sends nothing to a shopper who said stop, and takes the cart off the index", async () => {
    const t0 = Date.parse("2026-06-04T08:00:00.000Z");
    const s = await shopper(t0);
    await updateConversation(db, s.shopId, s.conversationId, { optedOut: true });
    const run = await sendCartReminders(deps, t0 + 61 * MIN);
    expect(run.dropped.opted_out).toBe(1);
    await sendCartReminders(deps, t0 + 5 * HOUR);
    expect(hitsFor(s.userId)).toHaveLength(0);
    expect((await cartItem(s.shopId, s.conversationId)).gsi1pk).toBeUndefined();
  });

  it("sends nothing outside the 24 h window or about to leave it, nor while a person has it", async () => {
    const t0 = Date.parse("2026-06-05T08:00:00.000Z");
    const late = await shopper(t0);
    const edge = await shopper(t0 + 10 * HOUR);
    const person = await shopper(t0 + 10 * HOUR);
    await updateConversation(db, person.shopId, person.conversationId, { status: "agent", agentId: "a1" });
    // late: the window closed 9 h 55 min ago; edge: 5 minutes left; person: with an agent
    const run = await sendCartReminders(deps, t0 + 10 * HOUR + 23 * HOUR + 55 * MIN);
    expect(run.dropped.window_closed).toBeGreaterThanOrEqual(2);
    expect(run.dropped.with_person).toBe(1);
    await sendCartReminders(deps, t0 + 40 * HOUR);
    for (const s of [late, edge, person]) {
      expect(hitsFor(s.userId)).toHaveLength(0);
      expect((await cartItem(s.shopId, s.conversationId)).gsi1pk, s.conversationId).toBeUndefined();
    }
  });

  it("follows the shop's idle time, and sends none where the shop turned them off", async () => {
    const t0 = Date.parse("2026-06-06T08:00:00.000Z");
    const slow = await shopper(t0, { shopId: "slow" });
    const quiet = await shopper(t0, { shopId: "quiet" });
    const run = await sendCartReminders(deps, t0 + 61 * MIN);
    expect(run.dropped.disabled).toBe(1);
    expect(hitsFor(slow.userId)).toHaveLength(0);
    await sendCartReminders(deps, t0 + 181 * MIN);
    expect(hitsFor(slow.userId)).toHaveLength(1);
    expect(hitsFor(slow.userId)[0]?.path).toContain("/300000000000003/messages");
    expect(hitsFor(quiet.userId)).toHaveLength(0);
  });

  it("sends on Messenger as RESPONSE with quick replies, in the shopper's language", async () => {
    const t0 = Date.parse("2026-06-07T08:00:00.000Z");
    const s = await shopper(t0, { channel: "messenger", locale: "zh", quantity: 3 });
    await sendCartReminders(deps, t0 + 61 * MIN);
    const [hit] = hitsFor(s.userId);
    expect(hit?.body.messaging_type).toBe("RESPONSE");
    expect(hit?.body.tag).toBeUndefined();
    const message = hit?.body.message as Json;
    expect(message.text).toContain("3");
    expect(message.text).toBe(
      t("zh", "reminder.cart", { count: "3", total: message.text.match(/（(.*)）/)[1] }),
    );
    expect(message.quick_replies.map((q: Json) => q.payload)).toEqual(["CART", "CHECKOUT"]);
    expect(message.quick_replies[0].title).toBe(t("zh", "choice.cart"));
  });

  it("never sends twice when two runs overlap", async () => {
    const t0 = Date.parse("2026-06-08T08:00:00.000Z");
    const shoppers = await Promise.all([shopper(t0), shopper(t0), shopper(t0)]);
    const runs = await Promise.all([1, 2, 3].map(() => sendCartReminders(deps, t0 + 61 * MIN)));
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(3);
    for (const s of shoppers) expect(hitsFor(s.userId)).toHaveLength(1);
  });
});
