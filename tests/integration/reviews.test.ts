/**
 * Reviews against DynamoDB Local and a fake Graph API: a delivered order inside the window gets the status
 * message and the rating question (a WhatsApp list, Messenger quick replies), outside it nothing; a star tap
 * moves the product's average and count with the review (once per order and product, also under concurrent
 * taps and concurrent shoppers), shows on the cards at the next catalogue load, is refused politely for an
 * order that is not delivered, not the shopper's, or without the product; the comment is stored and the next
 * product asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminDeps, handleAdmin } from "../../lib/admin/routes";
import { loadShopData } from "../../lib/catalog/cache";
import type { Product } from "../../lib/catalog/types";
import { createGraphClient } from "../../lib/channels/meta/graph";
import { parseConfig } from "../../lib/config";
import { card } from "../../lib/content/replies";
import type { HttpRequest } from "../../lib/http/request";
import { t } from "../../lib/i18n";
import type { Order } from "../../lib/orders/types";
import { reviewsSkill } from "../../lib/skills/reviews";
import { getProduct, putProduct } from "../../lib/store/catalog";
import { type Conversation, readConversation, updateConversation } from "../../lib/store/conversations";
import { changeOrderStatus, getOrder } from "../../lib/store/orders";
import { dynamoShopperPorts } from "../../lib/store/ports";
import { getReview, listProductReviews, reviewsOfOrder } from "../../lib/store/reviews";
import { getCatalogVersion } from "../../lib/store/settings";
import { createShopDirectory, DEFAULT_SHOP_ID, defaultAccounts } from "../../lib/store/shops";
import { loadTurn } from "../../lib/store/turn";
import { parsePayload } from "../../lib/turn/payloads";
import type { Awaiting, SkillContext, SkillResult } from "../../lib/turn/skill";
import { Turn } from "../../lib/turn/turn";
import { freshTable, type TestDb } from "../helpers/db";
import { placedOrder, shopperConversation } from "../helpers/orders";
import { type FakeGraph, type GraphReply, startFakeGraph } from "./fakeGraph";

let table: TestDb;
let fake: FakeGraph;
let adminDeps: AdminDeps;
const now = Date.parse("2026-04-01T09:00:00.000Z");
const HOUR = 3_600_000;
const SHOP = DEFAULT_SHOP_ID;
const ok: GraphReply = { status: 200, body: { message_id: "m_1", messages: [{ id: "wamid.1" }] } };

type Channel = "messenger" | "whatsapp";

beforeAll(async () => {
  table = await freshTable();
  fake = await startFakeGraph(() => ok);
  const config = await parseConfig({ META_GRAPH_URL: fake.url, LOG_LEVEL: "error" });
  adminDeps = {
    db: table,
    config,
    graph: createGraphClient({ baseUrl: fake.url, timeoutMs: 300, baseDelayMs: 10 }),
    directory: createShopDirectory(table, defaultAccounts(config)),
    now: () => now,
  };
  for (const p of [
    product("TEE", { en: "Classic Tee" }),
    product("MUG", { en: "Mug" }, { average: 4, count: 3 }),
    product("CAP", { en: "Cap" }),
    product("BUSY", { en: "Busy Bag" }, { average: 3, count: 10 }),
  ])
    await putProduct(table, SHOP, p);
});

afterAll(async () => {
  await fake.close();
  await table.drop();
});

function product(id: string, title: Product["title"], rating?: Product["rating"]): Product {
  return {
    id,
    title,
    price: { amount: 1000, currency: "USD" },
    stock: 10_000,
    category: "misc",
    tags: [],
    attributes: {},
    ...(rating && { rating }),
  };
}

/** A conversation whose shopper last wrote `hoursAgo` hours before `now`. */
const conversation = (channel: Channel = "whatsapp", hoursAgo = 1): Promise<Conversation> =>
  shopperConversation(table, SHOP, channel, now - hoursAgo * HOUR, "Ana");

/** Places an order of `lines` from the conversation's cart (addToCart, then placeOrder). */
const order = (conv: Conversation, lines: Array<[string, number]> = [["MUG", 1]]): Promise<Order> =>
  placedOrder(table, SHOP, conv.conversationId, lines, { at: now });

/** Moves the order along to `to` in the store (no notification). */
async function move(o: Order, to: "confirmed" | "shipped" | "delivered" = "delivered"): Promise<void> {
  const path = ["confirmed", "shipped", "delivered"] as const;
  for (const status of path.slice(0, path.indexOf(to) + 1)) {
    await changeOrderStatus(table, SHOP, o.orderId, status, { at: new Date(now).toISOString(), by: "admin" });
  }
}

async function delivered(conv: Conversation, lines?: Array<[string, number]>): Promise<Order> {
  const o = await order(conv, lines);
  await move(o);
  return o;
}

interface ReviewFlow {
  onPayload(raw: string): Promise<SkillResult | undefined>;
  onComment(text: string, awaiting: Awaiting): Promise<SkillResult>;
}

/** The reviews skill on this shopper's loaded turn, with the DynamoDB ports (as the bot runs it). */
async function reviews(conv: Conversation): Promise<ReviewFlow> {
  const at = new Date(now);
  const touch = { ...conv, at: at.toISOString() };
  const c: SkillContext = {
    turn: new Turn(await loadTurn(table, conv, at), touch, at),
    shop: await loadShopData(table, SHOP),
    locale: "en",
    now: at,
    ports: dynamoShopperPorts(table, SHOP, conv.conversationId),
    lastShown: [],
  };
  return {
    async onPayload(raw) {
      const p = parsePayload(raw);
      return p ? reviewsSkill.onPayload?.(p, c) : undefined;
    },
    async onComment(text, awaiting) {
      const r = await reviewsSkill.onAnswer?.({ text }, awaiting, c);
      if (!r) throw new Error("the comment was not taken");
      return r;
    },
  };
}

const ratingOf = async (id: string) => (await getProduct(table, SHOP, id))?.rating;

async function patch(orderId: string, status: string) {
  const req: HttpRequest = {
    method: "PATCH",
    path: `/api/admin/orders/${orderId}`,
    headers: { authorization: "Bearer dev-admin-token", "content-type": "application/json" },
    query: {},
    pathParams: {},
    rawBody: Buffer.from(JSON.stringify({ status })),
  };
  const res = await handleAdmin(req, adminDeps);
  expect(res.statusCode, res.body).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the JSON answer, read field by field
  return JSON.parse(String(res.body)) as any;
}

const hitsFrom = (start: number) => fake.hits.slice(start).filter((h) => h.path.endsWith("/messages"));

describe("the delivery notification asks for a rating", () => {
  it("WhatsApp, inside the window: the status message, then a list of 1–5 stars; reviewAskedAt is set", async () => {
    const conv = await conversation("whatsapp", 2);
    const o = await order(conv, [
      ["TEE", 1],
      ["MUG", 2],
    ]);
    await patch(o.orderId, "confirmed");
    await patch(o.orderId, "shipped");
    const start = fake.hits.length;
    const res = await patch(o.orderId, "delivered");
    expect(res.history.at(-1)).toMatchObject({ status: "delivered", notified: "sent" });
    const hits = hitsFrom(start);
    expect(hits).toHaveLength(2);
    expect(hits[0]?.body).toMatchObject({
      to: conv.userId,
      type: "text",
      text: { body: `Order ${o.orderId} is ${t("en", "status.delivered")}.` },
    });
    expect(hits[1]?.body).toMatchObject({
      to: conv.userId,
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "How do you like Classic Tee? Tap 1–5 ⭐" },
        action: { button: t("en", "list.button") },
      },
    });
    const list = hits[1]?.body as { interactive: { action: { sections: Array<{ rows: unknown[] }> } } };
    const rows = list.interactive.action.sections[0]?.rows;
    expect(rows).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ id: `RATE:${o.orderId}:TEE:${n}`, title: `${"⭐".repeat(n)} ${n}` })),
    );
    const stored = (await getOrder(table, SHOP, o.orderId)) as Order & { reviewAskedAt?: string };
    expect(stored.reviewAskedAt).toBe(new Date(now).toISOString());
    const transcript = await readConversation(table, SHOP, conv.conversationId);
    expect(transcript?.messages.slice(-2).map((m) => m.text)).toEqual([
      `Order ${o.orderId} is delivered.`,
      expect.stringContaining("How do you like Classic Tee?"),
    ]);
  });

  it("Messenger: five quick replies on the question, a RESPONSE", async () => {
    const conv = await conversation("messenger", 20);
    const o = await order(conv, [["CAP", 1]]);
    await move(o, "shipped");
    const start = fake.hits.length;
    await patch(o.orderId, "delivered");
    const hits = hitsFrom(start);
    expect(hits).toHaveLength(2);
    expect(hits[1]?.body).toMatchObject({
      recipient: { id: conv.userId },
      messaging_type: "RESPONSE",
      message: { text: "How do you like Cap? Tap 1–5 ⭐" },
    });
    const quick = hits[1]?.body as { message: { quick_replies: Array<{ payload: string }> } };
    const replies = quick.message.quick_replies;
    expect(replies.map((q) => q.payload)).toEqual([1, 2, 3, 4, 5].map((n) => `RATE:${o.orderId}:CAP:${n}`));
  });

  it("WhatsApp outside the window: the status and the rating question go as templates (lib/outbound)", async () => {
    const conv = await conversation("whatsapp", 25);
    const o = await order(conv);
    await move(o, "shipped");
    const start = fake.hits.length;
    const res = await patch(o.orderId, "delivered");
    expect(res.history.at(-1)).toMatchObject({ notified: "sent" });
    const names = hitsFrom(start).map((h) => (h.body as { template?: { name: string } }).template?.name);
    expect(names).toEqual(["chatcart_order_delivered", "chatcart_rating_request"]);
    expect(await getOrder(table, SHOP, o.orderId)).toHaveProperty("reviewAskedAt");
  });

  it("Messenger outside the window: the status goes tagged, the rating question is not allowed", async () => {
    const conv = await conversation("messenger", 25);
    const o = await order(conv);
    await move(o, "shipped");
    const start = fake.hits.length;
    const res = await patch(o.orderId, "delivered");
    expect(res.history.at(-1)).toMatchObject({ notified: "sent" });
    const sent = hitsFrom(start).map((h) => h.body as { tag?: string });
    expect(sent.map((b) => b.tag)).toEqual(["POST_PURCHASE_UPDATE"]);
    expect(await getOrder(table, SHOP, o.orderId)).not.toHaveProperty("reviewAskedAt");
  });

  it("a shopper who said stop gets the status message, not the rating question", async () => {
    const conv = await conversation("whatsapp");
    await updateConversation(table, SHOP, conv.conversationId, { optedOut: true });
    const o = await order(conv);
    await move(o, "shipped");
    const start = fake.hits.length;
    await patch(o.orderId, "delivered");
    expect(hitsFrom(start)).toHaveLength(1);
    expect(await getOrder(table, SHOP, o.orderId)).not.toHaveProperty("reviewAskedAt");
  });

  it("confirmed and shipped get the status message only", async () => {
    const o = await order(await conversation("whatsapp"));
    for (const status of ["confirmed", "shipped"]) {
      const start = fake.hits.length;
      await patch(o.orderId, status);
      expect(hitsFrom(start)).toHaveLength(1);
    }
  });
});

describe("rating a delivered order", () => {
  it("moves the product's average and count with the review, and the cards show it at the next load", async () => {
    const conv = await conversation();
    const o = await delivered(conv, [["MUG", 1]]);
    const before = await ratingOf("MUG");
    const version = await getCatalogVersion(table, SHOP);
    const r = await (await reviews(conv)).onPayload(`RATE:${o.orderId}:MUG:5`);
    expect(r?.reply.text).toBe(`Thanks for rating Mug!\n${t("en", "review.askComment")}`);
    expect(r?.reply.choices).toEqual([{ title: "Skip", payload: `REVIEWSKIP:${o.orderId}:MUG` }]);
    expect(r?.awaiting).toEqual({ kind: "review", orderId: o.orderId, productId: "MUG" });
    expect(before).toEqual({ average: 4, count: 3 });
    expect(await ratingOf("MUG")).toEqual({ average: 4.25, count: 4 });
    expect(await getCatalogVersion(table, SHOP)).toBe(version + 1);
    expect(await getReview(table, SHOP, o.orderId, "MUG")).toMatchObject({
      stars: 5,
      conversationId: conv.conversationId,
      locale: "en",
    });
    expect((await listProductReviews(table, SHOP, "MUG")).map((x) => x.orderId)).toContain(o.orderId);
    const shop = await loadShopData(table, SHOP);
    const mug = shop.catalogue.byId.get("MUG") as Product;
    const shown = card(mug, { locale: "en", settings: shop.settings, catalogue: shop.catalogue });
    expect(shown.subtitle).toContain("★ 4.3 (4)");
  });

  it("a repeated identical tap does not count twice (also five at once)", async () => {
    const conv = await conversation();
    const o = await delivered(conv, [["TEE", 1]]);
    const flow = await reviews(conv);
    const first = await flow.onPayload(`RATE:${o.orderId}:TEE:4`);
    const after = await ratingOf("TEE");
    const again = await flow.onPayload(`RATE:${o.orderId}:TEE:4`);
    expect(again).toEqual(first);
    expect(await ratingOf("TEE")).toEqual(after);

    const o2 = await delivered(conv, [["TEE", 1]]);
    const base = (await ratingOf("TEE")) as { average: number; count: number };
    await Promise.all(Array.from({ length: 5 }, () => flow.onPayload(`RATE:${o2.orderId}:TEE:2`)));
    const now2 = await ratingOf("TEE");
    expect(now2?.count).toBe(base.count + 1);
    expect(now2?.average).toBeCloseTo((base.average * base.count + 2) / (base.count + 1), 12);
  });

  it("other stars later change the review: the average moves from the old stars to the new, the count stays", async () => {
    const conv = await conversation();
    const o = await delivered(conv, [["CAP", 1]]);
    const flow = await reviews(conv);
    const base = await ratingOf("CAP");
    await flow.onPayload(`RATE:${o.orderId}:CAP:1`);
    const once = (await ratingOf("CAP")) as { average: number; count: number };
    expect(once.count).toBe((base?.count ?? 0) + 1);
    const changed = await flow.onPayload(`RATE:${o.orderId}:CAP:5`);
    expect(changed?.reply.text).toContain("Got it, changed to ⭐⭐⭐⭐⭐ 5.");
    const twice = await ratingOf("CAP");
    expect(twice?.count).toBe(once.count);
    expect(twice?.average).toBeCloseTo((once.average * once.count - 1 + 5) / once.count, 12);
    expect((await getReview(table, SHOP, o.orderId, "CAP"))?.stars).toBe(5);
  });

  it("ten shoppers rating one product at once: every rating counts, the average is their mean", async () => {
    const shoppers = await Promise.all(Array.from({ length: 10 }, () => conversation()));
    const orders: Order[] = [];
    for (const conv of shoppers) orders.push(await delivered(conv, [["BUSY", 1]]));
    const stars = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1];
    const flows = await Promise.all(shoppers.map((c) => reviews(c)));
    await Promise.all(flows.map((f, i) => f.onPayload(`RATE:${orders[i]?.orderId}:BUSY:${stars[i]}`)));
    const r = await ratingOf("BUSY");
    expect(r?.count).toBe(20);
    expect(r?.average).toBeCloseTo((3 * 10 + 30) / 20, 12);
  }, 60_000);

  it.each([
    ["an order not delivered yet", "notDelivered"],
    ["someone else's order", "notYours"],
    ["a product not in the order", "notInOrder"],
    ["an order that does not exist", "missing"],
  ])("refuses %s politely and changes nothing", async (_, kind) => {
    const owner = await conversation();
    const o = await order(owner, [["MUG", 1]]);
    await move(o, kind === "notDelivered" ? "shipped" : "delivered");
    const shopper = kind === "notYours" ? await conversation() : owner;
    const orderId = kind === "missing" ? "CC-2345ZZ" : o.orderId;
    const productId = kind === "notInOrder" ? "TEE" : "MUG";
    const before = await Promise.all([ratingOf("MUG"), ratingOf("TEE"), getCatalogVersion(table, SHOP)]);
    const r = await (await reviews(shopper)).onPayload(`RATE:${orderId}:${productId}:5`);
    const expected = {
      notDelivered: `You can rate order ${orderId} once it's delivered.`,
      notYours: `I can't find order ${orderId}.`,
      notInOrder: `That item isn't in order ${orderId}.`,
      missing: `I can't find order ${orderId}.`,
    }[kind];
    expect(r).toEqual({ reply: { text: expected } });
    expect(await Promise.all([ratingOf("MUG"), ratingOf("TEE"), getCatalogVersion(table, SHOP)])).toEqual(
      before,
    );
    expect(await reviewsOfOrder(table, SHOP, o.orderId)).toEqual([]);
  });

  it("a malformed payload is not answered here", async () => {
    const flow = await reviews(await conversation());
    expect(await flow.onPayload("RATE:CC-2345ZZ:MUG:9")).toBeUndefined();
    expect(parsePayload("RATE:CC-2345ZZ:MUG:9")).toBeUndefined();
    expect(parsePayload("REVIEWSKIP:CC-2345ZZ:MUG")?.kind).toBe("reviewSkip");
    expect(parsePayload("CART")?.kind).toBe("cart");
  });
});

describe("the comment and the next product", () => {
  it("stores the comment (trimmed), asks the next product not rated, then thanks", async () => {
    const conv = await conversation();
    const o = await delivered(conv, [
      ["TEE", 1],
      ["MUG", 1],
      ["CAP", 1],
    ]);
    const flow = await reviews(conv);
    const rated = await flow.onPayload(`RATE:${o.orderId}:TEE:4`);
    const next = await flow.onComment("  Great fit, soft cotton!  ", rated?.awaiting as never);
    expect((await getReview(table, SHOP, o.orderId, "TEE"))?.comment).toBe("Great fit, soft cotton!");
    expect(next.reply.text).toBe("Thanks for your comment!\nHow do you like Mug? Tap 1–5 ⭐");
    expect(next.reply.choices?.map((c) => c.payload)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `RATE:${o.orderId}:MUG:${n}`),
    );
    expect(next.awaiting).toBeUndefined();

    // the Cap was rated meanwhile (an earlier question): Skip on the Mug ends it
    await flow.onPayload(`RATE:${o.orderId}:CAP:3`);
    await flow.onPayload(`RATE:${o.orderId}:MUG:5`);
    const done = await flow.onPayload(`REVIEWSKIP:${o.orderId}:MUG`);
    expect(done?.reply.text).toBe("OK 👍\nThank you for your feedback! 🙏");
    expect((await getReview(table, SHOP, o.orderId, "MUG"))?.comment).toBeUndefined();
  });

  it("cuts a long comment to 500 characters; a plain 'no' stores none", async () => {
    const conv = await conversation();
    const o = await delivered(conv, [
      ["TEE", 1],
      ["MUG", 1],
    ]);
    const flow = await reviews(conv);
    await flow.onPayload(`RATE:${o.orderId}:TEE:5`);
    await flow.onComment("é".repeat(800), { kind: "review", orderId: o.orderId, productId: "TEE" });
    expect((await getReview(table, SHOP, o.orderId, "TEE"))?.comment).toBe("é".repeat(500));
    await flow.onPayload(`RATE:${o.orderId}:MUG:2`);
    const no = await flow.onComment("no thanks", { kind: "review", orderId: o.orderId, productId: "MUG" });
    expect(no.reply.text).toBe("OK 👍\nThank you for your feedback! 🙏");
    expect((await getReview(table, SHOP, o.orderId, "MUG"))?.comment).toBeUndefined();
  });
});
