/**
 * Orders in the admin API and the agent view, against DynamoDB Local and a fake Graph API, with a controlled
 * clock: listing (newest first, by status, in pages), reading, status changes (allowed, 409, 400, 401/403),
 * the shopper told inside the 24 h window and not outside it (nor with the HUMAN_AGENT tag), Meta refusing
 * or hanging; and `GET /api/agent/conversations/{id}` with the current cart and the orders.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AdminDeps, handleAdmin } from "../../lib/admin/routes";
import { type AgentDeps, handleAgent } from "../../lib/agent/routes";
import type { Product } from "../../lib/catalog/types";
import { createGraphClient } from "../../lib/channels/meta/graph";
import { parseConfig } from "../../lib/config";
import type { HttpRequest } from "../../lib/http/request";
import { t } from "../../lib/i18n";
import type { Order } from "../../lib/orders/types";
import type { Cart } from "../../lib/store/carts";
import { getProduct, putProduct } from "../../lib/store/catalog";
import { updateConversation } from "../../lib/store/conversations";
import { getOrder } from "../../lib/store/orders";
import { dueOutbox } from "../../lib/store/outbox";
import { createShopDirectory, DEFAULT_SHOP_ID, defaultAccounts } from "../../lib/store/shops";
import { putToken } from "../../lib/store/tokens";
import { freshTable, type TestDb } from "../helpers/db";
import { PAGE_ID, PHONE_NUMBER_ID } from "../helpers/meta";
import { fillCart, placedOrder, shopperConversation } from "../helpers/orders";
import { type FakeGraph, type GraphReply, startFakeGraph } from "./fakeGraph";

let table: TestDb;
let fake: FakeGraph;
let adminDeps: AdminDeps;
let agentDeps: AgentDeps;
const now = Date.parse("2026-04-01T09:00:00.000Z");
const HOUR = 3_600_000;
const SHOP = DEFAULT_SHOP_ID;
const ADMIN = "dev-admin-token";
const ok: GraphReply = { status: 200, body: { message_id: "m_1", messages: [{ id: "wamid.1" }] } };

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field in the tests
type Json = any;
type Channel = "messenger" | "whatsapp";

beforeAll(async () => {
  table = await freshTable();
  fake = await startFakeGraph(() => ok);
  const config = await parseConfig({ META_GRAPH_URL: fake.url, LOG_LEVEL: "error" });
  const shared = {
    db: table,
    config,
    graph: createGraphClient({ baseUrl: fake.url, timeoutMs: 300, baseDelayMs: 10 }),
    directory: createShopDirectory(table, defaultAccounts(config)),
    now: () => now,
  };
  adminDeps = shared;
  agentDeps = shared;
  for (const p of [
    product("TEE", 20, 1999, { en: "Classic Tee", ar: "قميص كلاسيكي" }),
    product("MUG", 50, 850, { en: "Mug" }),
    product("CAP", 5, 1500, { en: "Cap" }),
  ])
    await putProduct(table, SHOP, p);
});

afterAll(async () => {
  await fake.close();
  await table.drop();
});

beforeEach(() => {
  fake.reply = () => ok;
});

function product(id: string, stock: number, amount: number, title: Product["title"]): Product {
  return {
    id,
    title,
    price: { amount, currency: "USD" },
    stock,
    category: "misc",
    tags: [],
    attributes: {},
  };
}

interface Call {
  method: string;
  path: string;
  body?: unknown;
  token?: string | null;
  raw?: { text: string; type: string };
}

function request({ method, path, body, token, raw }: Call, prefix: string): HttpRequest {
  const [pathname = "", query = ""] = path.split("?");
  const text = raw?.text ?? (body === undefined ? "" : JSON.stringify(body));
  const type = raw?.type ?? (body === undefined ? undefined : "application/json");
  return {
    method,
    path: `${prefix}${pathname}`,
    headers: {
      ...(token !== null && { authorization: `Bearer ${token ?? ADMIN}` }),
      ...(type && { "content-type": type }),
    },
    query: Object.fromEntries(new URLSearchParams(query)),
    pathParams: {},
    rawBody: Buffer.from(text),
  };
}

const parse = (res: { body?: string }) => JSON.parse(String(res.body ?? "null")) as Json;

async function admin(method: string, path: string, body?: unknown, opts: Partial<Call> = {}) {
  const res = await handleAdmin(request({ method, path, body, ...opts }, "/api/admin/"), adminDeps);
  return { ...res, json: parse(res) };
}

async function agent(path: string) {
  const res = await handleAgent(
    request({ method: "GET", path, token: "dev-agent-token" }, "/api/agent/"),
    agentDeps,
  );
  return { ...res, json: parse(res) };
}

/** A conversation whose shopper last wrote `hoursAgo` hours before `now`. */
async function conversation(channel: Channel, hoursAgo = 1, locale?: string): Promise<string> {
  const { conversationId: id } = await shopperConversation(
    table,
    SHOP,
    channel,
    now - hoursAgo * HOUR,
    "Ana",
  );
  if (locale) await updateConversation(table, SHOP, id, { locale });
  return id;
}

const fill = (conversationId: string, lines: Array<[string, number]>, at = now): Promise<Cart> =>
  fillCart(table, SHOP, conversationId, lines, at);

/** Places an order of `lines` from the conversation's cart, at `now` (or `at`). */
const order = (
  conversationId: string,
  lines: Array<[string, number]> = [["MUG", 1]],
  opts: { at?: number; locale?: string } = {},
): Promise<Order> => placedOrder(table, SHOP, conversationId, lines, { ...opts, at: opts.at ?? now });

const orderPath = (id: string) => `orders/${encodeURIComponent(id)}`;
const hitsFrom = (start: number) => fake.hits.slice(start).filter((h) => h.path.endsWith("/messages"));

describe("GET /api/admin/orders", () => {
  const ids: string[] = [];
  const STATUS_SHOP = "s-list";
  beforeAll(async () => {
    // four orders a minute apart, the second one confirmed
    for (let i = 0; i < 4; i++) {
      const id = await conversation("whatsapp", 1);
      ids.push((await order(id, [["MUG", 1]], { at: now + i * 60_000 })).orderId);
    }
    await admin("PATCH", orderPath(ids[1] as string), { status: "confirmed" });
    await putToken(table, "other-shop-admin", { shopId: STATUS_SHOP, role: "admin" });
  });

  it("lists newest first and filters by status", async () => {
    const all = await admin("GET", "orders");
    expect(all.statusCode).toBe(200);
    const listed = all.json.items.map((o: Order) => o.orderId);
    expect(listed.slice(0, 4)).toEqual([...ids].reverse());
    expect(all.json.next).toBeUndefined();
    const confirmed = await admin("GET", "orders?status=confirmed");
    expect(confirmed.json.items.map((o: Order) => o.orderId)).toEqual([ids[1]]);
    expect(confirmed.json.items[0].history.at(-1)).toMatchObject({ status: "confirmed", notified: "sent" });
  });

  it("pages with limit and cursor, every order once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await admin(
        "GET",
        `orders?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.json.items.map((o: Order) => o.orderId));
      cursor = res.json.next;
      if (!cursor) break;
    }
    expect(seen.slice(0, 4)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ["status=lost", "status"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["cursor=not-a-cursor", "cursor"],
  ])("400 for %s, naming the field", async (query, field) => {
    const res = await admin("GET", `orders?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json.error.code).toBe("request.invalid");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("another shop's admin sees none of these orders", async () => {
    const res = await admin("GET", "orders", undefined, { token: "other-shop-admin" });
    expect(res.statusCode).toBe(200);
    expect(res.json.items).toEqual([]);
    const one = await admin("GET", orderPath(ids[0] as string), undefined, { token: "other-shop-admin" });
    expect(one.statusCode).toBe(404);
  });
});

describe("GET /api/admin/orders/{id}", () => {
  it("answers the order with lines, customer, payment and history", async () => {
    const placed = await order(await conversation("messenger"), [
      ["TEE", 2],
      ["MUG", 1],
    ]);
    const res = await admin("GET", orderPath(placed.orderId));
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual(placed);
    expect(res.json).not.toHaveProperty("pk");
    expect(res.json.total).toEqual({ amount: 2 * 1999 + 850, currency: "USD" });
  });

  it.each([["CC-2345ZZ"], ["nope"], ["cc-2345zz"], ["CC-0000OO"]])("404 for %s", async (id) => {
    const res = await admin("GET", orderPath(id));
    expect(res.statusCode).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });

  it("405 with Allow for another method", async () => {
    const res = await admin("DELETE", orderPath("CC-2345ZZ"));
    expect(res.statusCode).toBe(405);
    expect(res.headers?.allow).toBe("GET, PATCH");
  });
});

describe("PATCH /api/admin/orders/{id}", () => {
  it("confirms an order and tells the WhatsApp shopper inside the window", async () => {
    const conv = await conversation("whatsapp", 2);
    const placed = await order(conv);
    const start = fake.hits.length;
    const res = await admin("PATCH", orderPath(placed.orderId), { status: "confirmed" });
    expect(res.statusCode).toBe(200);
    expect(res.json.status).toBe("confirmed");
    expect(res.json.updatedAt).toBe(new Date(now).toISOString());
    expect(res.json.history).toHaveLength(2);
    expect(res.json.history[1]).toEqual({
      status: "confirmed",
      at: new Date(now).toISOString(),
      by: expect.stringMatching(/^admin-[0-9a-f]{16}$/),
      notified: "sent",
    });
    const text = `Order ${placed.orderId} is ${t("en", "status.confirmed")}.`;
    const hits = hitsFrom(start);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(hits[0]?.body).toMatchObject({ to: conv.split(":")[1], type: "text", text: { body: text } });
    // stored: the order with its notification, the transcript with the bot's message
    expect((await getOrder(table, SHOP, placed.orderId))?.history[1]).toMatchObject({ notified: "sent" });
    const detail = await agent(`conversations/${encodeURIComponent(conv)}`);
    expect(detail.json.messages.at(-1)).toMatchObject({ author: "bot", direction: "out", text });
  });

  it("on Messenger sends a RESPONSE, never a tag, in the order's locale", async () => {
    const conv = await conversation("messenger", 23);
    const placed = await order(conv, [["MUG", 1]], { locale: "ar" });
    const start = fake.hits.length;
    const res = await admin("PATCH", orderPath(placed.orderId), { status: "confirmed" });
    expect(res.statusCode).toBe(200);
    expect(res.json.history.at(-1).notified).toBe("sent");
    const [hit] = hitsFrom(start);
    expect(hit?.path).toBe(`/v21.0/${PAGE_ID}/messages`);
    expect(hit?.body).toMatchObject({
      recipient: { id: conv.split(":")[1] },
      messaging_type: "RESPONSE",
      message: {
        text: t("ar", "order.update", { id: placed.orderId, status: t("ar", "status.confirmed") }),
      },
    });
    expect(hit?.body).not.toHaveProperty("tag");
  });

  it.each([
    ["whatsapp", 25],
    // inside Messenger's 7-day HUMAN_AGENT window, which is for people, not for the bot
    ["messenger", 30],
    ["messenger", 24 * 8],
  ] as const)(
    "outside the 24 h window (%s, %i h) the update goes as a template or with POST_PURCHASE_UPDATE (lib/outbound)",
    async (channel, hours) => {
      const placed = await order(await conversation(channel, hours));
      const start = fake.hits.length;
      const res = await admin("PATCH", orderPath(placed.orderId), { status: "confirmed" });
      expect(res.statusCode).toBe(200);
      expect(res.json.status).toBe("confirmed");
      expect(res.json.history.at(-1)).toMatchObject({ notified: "sent" });
      const [body, more] = hitsFrom(start).map((h) => h.body as Record<string, unknown>);
      expect(more).toBeUndefined();
      if (channel === "whatsapp") {
        // no WABA id in these deps: the template goes unchecked, in the order's locale
        expect(body).toMatchObject({ type: "template", template: { name: "chatcart_order_confirmed" } });
      } else expect(body).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "POST_PURCHASE_UPDATE" });
    },
  );

  it("keeps the change when Meta refuses the message: not_sent / send_failed, the refusal in the transcript", async () => {
    fake.reply = () => ({ status: 400, body: { error: { message: "(#100) Invalid parameter" } } });
    const conv = await conversation("whatsapp");
    const placed = await order(conv);
    const res = await admin("PATCH", orderPath(placed.orderId), { status: "confirmed" });
    expect(res.statusCode).toBe(200);
    expect(res.json.history.at(-1)).toMatchObject({ notified: "not_sent", reason: "send_failed" });
    expect((await getOrder(table, SHOP, placed.orderId))?.status).toBe("confirmed");
    const detail = await agent(`conversations/${encodeURIComponent(conv)}`);
    const bot = detail.json.messages.filter((m: { author: string }) => m.author === "bot");
    expect(bot).toEqual([
      expect.objectContaining({ kind: "not_sent", reason: "send_failed", status: "not_sent" }),
    ]);
  });

  it("queues the message when Meta hangs: queued, in the outbox", async () => {
    fake.reply = () => "hang";
    const placed = await order(await conversation("messenger"));
    const res = await admin("PATCH", orderPath(placed.orderId), { status: "confirmed" });
    expect(res.statusCode).toBe(200);
    expect(res.json.history.at(-1).notified).toBe("queued");
    const queued = await dueOutbox(table, Date.now() + 60_000, 200);
    expect(queued.some((q) => (q.body.message as { text?: string })?.text?.includes(placed.orderId))).toBe(
      true,
    );
  }, 20_000);

  it("409 for a move the statuses forbid, with from and to; nothing changes, nothing is sent", async () => {
    const placed = await order(await conversation("whatsapp"));
    const start = fake.hits.length;
    const res = await admin("PATCH", orderPath(placed.orderId), { status: "delivered" });
    expect(res.statusCode).toBe(409);
    expect(res.json.error).toMatchObject({
      code: "order.invalid_transition",
      details: { from: "pending", to: "delivered" },
    });
    expect(await getOrder(table, SHOP, placed.orderId)).toEqual(placed);
    expect(hitsFrom(start)).toEqual([]);
    // the same status again is no move either
    expect((await admin("PATCH", orderPath(placed.orderId), { status: "pending" })).statusCode).toBe(409);
  });

  it("walks pending → confirmed → shipped → delivered; a cancellation puts the stock back", async () => {
    const conv = await conversation("whatsapp");
    const a = await order(conv, [["CAP", 2]]);
    for (const status of ["confirmed", "shipped", "delivered"]) {
      const res = await admin("PATCH", orderPath(a.orderId), { status });
      expect(res.statusCode, JSON.stringify(res.json)).toBe(200);
    }
    const done = await admin("GET", orderPath(a.orderId));
    expect(done.json.history.map((h: { status: string }) => h.status)).toEqual([
      "pending",
      "confirmed",
      "shipped",
      "delivered",
    ]);
    expect((await admin("PATCH", orderPath(a.orderId), { status: "cancelled" })).statusCode).toBe(409);

    const stock = (await getProduct(table, SHOP, "CAP"))?.stock ?? 0;
    const b = await order(conv, [["CAP", 1]]);
    expect((await getProduct(table, SHOP, "CAP"))?.stock).toBe(stock - 1);
    const cancelled = await admin("PATCH", orderPath(b.orderId), { status: "cancelled" });
    expect(cancelled.json.status).toBe("cancelled");
    expect((await getProduct(table, SHOP, "CAP"))?.stock).toBe(stock);
  });

  it.each([
    ["an unknown status", { status: "lost" }, "status"],
    ["no status", {}, "status"],
    ["an unknown field", { status: "confirmed", note: "x" }, "note"],
    ["a status that is not a string", { status: 2 }, "status"],
  ])("400 for %s, naming the field", async (_what, body, field) => {
    const placed = await order(await conversation("whatsapp"));
    const res = await admin("PATCH", orderPath(placed.orderId), body);
    expect(res.statusCode).toBe(400);
    expect(res.json.error.code).toBe("request.invalid");
    expect(res.json.error.details).toContainEqual(expect.objectContaining({ path: field }));
    expect((await getOrder(table, SHOP, placed.orderId))?.status).toBe("pending");
  });

  it("400 for a body that is not JSON, 415 for another media type, 404 for an unknown order", async () => {
    const id = "CC-2345ZZ";
    const bad = await admin("PATCH", orderPath(id), undefined, {
      raw: { text: "{status:", type: "application/json" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json.error.code).toBe("request.bad_json");
    const form = await admin("PATCH", orderPath(id), undefined, {
      raw: { text: "status=confirmed", type: "application/x-www-form-urlencoded" },
    });
    expect(form.statusCode).toBe(415);
    expect((await admin("PATCH", orderPath(id), { status: "confirmed" })).statusCode).toBe(404);
    expect((await admin("PATCH", orderPath("nope"), { status: "confirmed" })).statusCode).toBe(404);
  });

  it("401 without a valid token, 403 with an agent token; the order is untouched", async () => {
    const placed = await order(await conversation("whatsapp"));
    const none = await admin("PATCH", orderPath(placed.orderId), { status: "confirmed" }, { token: null });
    expect(none.statusCode).toBe(401);
    expect(none.headers?.["www-authenticate"]).toBe("Bearer");
    const wrong = await admin("PATCH", orderPath(placed.orderId), { status: "confirmed" }, { token: "nope" });
    expect(wrong.statusCode).toBe(401);
    expect((await admin("GET", "orders", undefined, { token: null })).statusCode).toBe(401);
    const agentToken = await admin(
      "PATCH",
      orderPath(placed.orderId),
      { status: "confirmed" },
      { token: "dev-agent-token" },
    );
    expect(agentToken.statusCode).toBe(403);
    expect((await getOrder(table, SHOP, placed.orderId))?.status).toBe("pending");
  });
});

describe("GET /api/agent/conversations/{id}: cart and orders", () => {
  it("shows the current cart priced now, titles in the conversation's locale, and the orders newest first", async () => {
    const conv = await conversation("whatsapp", 1, "ar");
    const first = await order(conv, [["MUG", 2]], { at: now - 60_000 });
    const second = await order(conv, [["CAP", 1]]);
    // lines show in the order they were first added
    await fill(conv, [["TEE", 2]], now - 1000);
    await fill(conv, [["MUG", 3]]);
    const res = await agent(`conversations/${encodeURIComponent(conv)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json.cart).toEqual({
      items: [
        {
          productId: "TEE",
          title: "قميص كلاسيكي",
          quantity: 2,
          unitPrice: { amount: 1999, currency: "USD" },
          lineTotal: { amount: 3998, currency: "USD" },
        },
        {
          productId: "MUG",
          // no Arabic title: the shop's default locale
          title: "Mug",
          quantity: 3,
          unitPrice: { amount: 850, currency: "USD" },
          lineTotal: { amount: 2550, currency: "USD" },
        },
      ],
      total: { amount: 6548, currency: "USD" },
      updatedAt: new Date(now).toISOString(),
    });
    expect(res.json.orders.map((o: Order) => o.orderId)).toEqual([second.orderId, first.orderId]);
    expect(res.json.orders[0]).toEqual(second);
  });

  it("an empty cart is no lines and a zero total; an expired cart reads as empty", async () => {
    const empty = await conversation("messenger");
    const res = await agent(`conversations/${encodeURIComponent(empty)}`);
    expect(res.json.cart).toEqual({ items: [], total: { amount: 0, currency: "USD" } });
    expect(res.json.orders).toEqual([]);

    const stale = await conversation("messenger");
    await fill(stale, [["MUG", 1]], now - 8 * 24 * HOUR);
    const later = await agent(`conversations/${encodeURIComponent(stale)}`);
    expect(later.json.cart).toEqual({ items: [], total: { amount: 0, currency: "USD" } });
  });
});
