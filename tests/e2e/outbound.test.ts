/**
 * Reaching the shopper after Meta's 24 h window, through the HTTP stack (serverless-offline → admin and agent
 * APIs → lib/outbound → the local Graph sink playing Meta → status webhooks back → DynamoDB Local).
 *
 * The shopper last wrote 25 hours before the merchant moves the order. (The stack's clock could be moved with
 * `POST /dev/clock` instead, but test files share one stack and run side by side: moving it would close every
 * other file's windows, so these shoppers are simply 25 hours older.)
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { adminApi, agentApi, type Json } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { type SinkMessage, sinkFor } from "../helpers/meta";
import { placedOrder, shopperConversation } from "../helpers/orders";

const url = inject("stackUrl");
const db = useStackDb();
const HOUR = 3_600_000;
const PRODUCT_ID = `E2E-OUT-${randomBytes(3).toString("hex").toUpperCase()}`;

const template = (m: SinkMessage) =>
  m.body.template as { name: string; language: { code: string }; components?: Json[] } | undefined;

async function closedShopper(channel: "whatsapp" | "messenger", locale: string) {
  const c = await shopperConversation(db, DEFAULT_SHOP_ID, channel, Date.now() - 25 * HOUR);
  const order = await placedOrder(db, DEFAULT_SHOP_ID, c.conversationId, [[PRODUCT_ID, 1]], {
    at: Date.now() - 25 * HOUR,
    locale,
  });
  return { user: c.userId, id: c.conversationId, order };
}

async function move(orderId: string, status: string) {
  const r = await adminApi(url, "PATCH", `orders/${orderId}`, { status });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.history.at(-1);
}

beforeAll(async () => {
  const put = await adminApi(url, "PUT", `products/${PRODUCT_ID}`, {
    id: PRODUCT_ID,
    title: { en: "Outbound Tote" },
    price: { amount: 2499, currency: "USD" },
    stock: 50,
    category: "e2e",
    tags: [],
    attributes: {},
  });
  expect(put.status).toBeLessThan(300);
  // Chatcart's templates for every purpose and locale, submitted to the sink; approved after its review time
  const submitted = await adminApi(url, "POST", "templates", {});
  expect([200, 201]).toContain(submitted.status);
  await new Promise((r) => setTimeout(r, 2200));
}, 60_000);

describe("templates", () => {
  it("lists the shop's templates synced from Graph, approved, with their purpose; every purpose covered", async () => {
    const list = await adminApi(url, "GET", "templates");
    expect(list.status).toBe(200);
    const shipped = list.body.templates.find(
      (t: Json) => t.name === "chatcart_order_shipped" && t.language === "zh_CN",
    );
    expect(shipped).toMatchObject({ status: "APPROVED", category: "UTILITY", purpose: "order_shipped" });
    for (const p of list.body.purposes) {
      for (const l of p.locales) expect(l.status, `${p.purpose} ${l.locale}`).toBe("APPROVED");
    }
    // nothing left to submit
    expect((await adminApi(url, "POST", "templates", {})).body.submitted).toEqual([]);
    const bad = await adminApi(url, "POST", "templates", { purpose: "order_shipped", locale: "xx" });
    expect(bad.status).toBe(400);
  });
});

describe("after the window, order updates", () => {
  it("WhatsApp: templates in the shopper's language, the rating question too; a failed status shows on the order", async () => {
    const { user, order } = await closedShopper("whatsapp", "id");
    for (const status of ["confirmed", "shipped", "delivered"]) {
      expect(await move(order.orderId, status)).toMatchObject({ notified: "sent" });
    }
    const sent = (await sinkFor(url, user, { count: 4 })).map(template);
    expect(sent.map((t) => [t?.name, t?.language.code])).toEqual([
      ["chatcart_order_confirmed", "id"],
      ["chatcart_order_shipped", "id"],
      ["chatcart_order_delivered", "id"],
      ["chatcart_rating_request", "id"],
    ]);
    expect(sent[0]?.components?.[0]).toEqual({
      type: "body",
      parameters: [
        { type: "text", text: order.orderId },
        { type: "text", text: expect.stringContaining("24,99") },
      ],
    });
    const buttons = sent[3]?.components?.filter((c: Json) => c.type === "button") ?? [];
    expect(buttons).toHaveLength(5);
    expect(buttons[4].parameters[0].payload).toContain(order.orderId);

    const notes = await adminApi(url, "GET", `orders/${order.orderId}/notifications`);
    expect(notes.body.items.map((n: Json) => [n.purpose, n.status, n.category])).toEqual([
      ["order_confirmed", "sent", "utility_template"],
      ["order_shipped", "sent", "utility_template"],
      ["order_delivered", "sent", "utility_template"],
      ["rating_request", "sent", "utility_template"],
    ]);

    // Meta reports the shipped template delivered, then the delivered one failed
    const [, shipped, delivered] = notes.body.items;
    for (const [messageId, status, errorCode] of [
      [shipped.messageId, "delivered", undefined],
      [delivered.messageId, "failed", 131026],
    ] as const) {
      const emitted = await fetch(`${url}/dev/graph/statuses`, {
        method: "POST",
        body: JSON.stringify({
          messageId,
          recipientId: user,
          status,
          ...(errorCode && { errorCode, errorTitle: "Message undeliverable" }),
        }),
      });
      expect((await emitted.json()).delivered).toBe(200);
    }
    const after = (await adminApi(url, "GET", `orders/${order.orderId}/notifications`)).body.items;
    expect(after[1]).toMatchObject({ status: "delivered" });
    expect(after[2]).toMatchObject({
      status: "failed",
      error: { code: 131026, title: "Message undeliverable" },
    });
    const agentNotes = await agentApi(url, "GET", `orders/${order.orderId}/notifications`);
    expect(agentNotes.body.items[2]).toMatchObject({ status: "failed" });
  }, 60_000);

  it("Messenger: POST_PURCHASE_UPDATE; the rating question is recorded as not allowed", async () => {
    const { user, id, order } = await closedShopper("messenger", "en");
    for (const status of ["confirmed", "shipped", "delivered"]) {
      expect(await move(order.orderId, status)).toMatchObject({ notified: "sent" });
    }
    const sent = await sinkFor(url, user, { count: 3 });
    expect(sent).toHaveLength(3);
    for (const m of sent) {
      expect(m.body).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "POST_PURCHASE_UPDATE" });
    }
    const notes = (await adminApi(url, "GET", `orders/${order.orderId}/notifications`)).body.items;
    expect(notes.map((n: Json) => [n.purpose, n.status, n.category ?? n.reason])).toEqual([
      ["order_confirmed", "sent", "tagged"],
      ["order_shipped", "sent", "tagged"],
      ["order_delivered", "sent", "tagged"],
      ["rating_request", "not_sent", "no_tag"],
    ]);
    const view = await agentApi(url, "GET", `conversations/${encodeURIComponent(id)}`);
    expect(view.body.messages.at(-1)).toMatchObject({ kind: "not_sent", reason: "no_tag" });
  }, 60_000);
});

describe("an agent on a closed WhatsApp window", () => {
  it("reads the window, is refused free text, sends an approved template", async () => {
    const { user, id } = await closedShopper("whatsapp", "en");
    const path = `conversations/${encodeURIComponent(id)}`;
    const window = await agentApi(url, "GET", `${path}/window`);
    expect(window.body).toMatchObject({ window: { state: "closed" }, canSendText: false, msLeft: 0 });
    const choice = window.body.templates.find(
      (t: Json) => t.name === "chatcart_agent_follow_up" && t.language === "en",
    );
    expect(choice).toMatchObject({ parameters: 1 });
    expect((await agentApi(url, "POST", `${path}/messages`, { text: "Hi!" })).status).toBe(409);
    const wrong = await agentApi(url, "POST", `${path}/template`, {
      name: choice.name,
      language: "en",
      parameters: [],
    });
    expect(wrong.status).toBe(400);
    const sent = await agentApi(url, "POST", `${path}/template`, {
      name: choice.name,
      language: "en",
      parameters: ["Chatcart Demo Shop"],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message).toMatchObject({ author: "agent", form: "template:chatcart_agent_follow_up" });
    const [m] = await sinkFor(url, user);
    expect(template(m as SinkMessage)?.name).toBe("chatcart_agent_follow_up");
  }, 60_000);
});

describe("the local stack plays Meta", () => {
  it("refuses unknown templates with 132001 and free-form outside the window with 131047", async () => {
    const { user } = await closedShopper("whatsapp", "en");
    const send = (body: unknown) =>
      fetch(`${url}/dev/graph/v21.0/200000000000002/messages`, {
        method: "POST",
        headers: { authorization: "Bearer dev-wa-token", "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const unknown = await send({
      messaging_product: "whatsapp",
      to: user,
      type: "template",
      template: { name: "no_such_template", language: { code: "en" } },
    });
    expect(unknown.body.error.code).toBe(132001);
    const free = await send({ messaging_product: "whatsapp", to: user, type: "text", text: { body: "hi" } });
    expect(free).toMatchObject({ status: 400, body: { error: { code: 131047 } } });
  });

  it("has a clock: GET reads it, a bad move is 400", async () => {
    const read = await fetch(`${url}/dev/clock`);
    expect(await read.json()).toMatchObject({ offsetMs: expect.any(Number), now: expect.any(String) });
    const bad = await fetch(`${url}/dev/clock`, {
      method: "POST",
      body: JSON.stringify({ advanceHours: "25" }),
    });
    expect(bad.status).toBe(400);
  });

  it("counts what was sent per day and cost category in the analytics", async () => {
    const report = await adminApi(url, "GET", "analytics");
    expect(report.body.messages.totals.utility_template).toBeGreaterThanOrEqual(4);
    expect(report.body.messages.totals.tagged).toBeGreaterThanOrEqual(3);
  });
});
