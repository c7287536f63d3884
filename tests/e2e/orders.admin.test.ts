/**
 * Orders through the HTTP stack (serverless-offline → admin and agent APIs → DynamoDB Local → the Graph API
 * sink): a shopper on each channel has an order (placed with lib/store/orders.ts on the stack's table, as the
 * checkout does); the merchant lists it, reads it and confirms it; the shopper gets the update in the chat
 * while the 24 h window is open, and nothing (recorded as not sent) once it closed.
 */
import { randomBytes } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Order } from "../../lib/orders/types";
import { addToCart } from "../../lib/store/carts";
import { keys } from "../../lib/store/keys";
import { placeOrder } from "../../lib/store/orders";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { AGENT_TOKEN, adminApi, agentApi, type Channel, textDelivery, textOf } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { metaJson, newPsid, newWaId, postWebhook, sinkFor } from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();
const HOUR = 3_600_000;
const PRODUCT_ID = `E2E-ORDER-${randomBytes(3).toString("hex").toUpperCase()}`;

/** The shopper says hi and gets the welcome: the conversation exists, its window open. */
async function greeted(channel: Channel): Promise<{ user: string; id: string }> {
  const user = channel === "messenger" ? newPsid() : newWaId();
  expect((await postWebhook(url, channel, metaJson(textDelivery(channel, user, "hi")))).status).toBe(200);
  expect((await sinkFor(url, user)).length).toBeGreaterThan(0);
  return { user, id: `${channel}:${user}` };
}

/** An order of one piece of the test product, placed from the shopper's cart as the checkout does. */
async function orderOf(conversationId: string, user: string, channel: Channel): Promise<Order> {
  const now = new Date();
  const cart = await addToCart(
    db,
    { shopId: DEFAULT_SHOP_ID, conversationId, expiryDays: 7, now },
    PRODUCT_ID,
    1,
  );
  const line = {
    productId: PRODUCT_ID,
    title: "Order Test Tote",
    quantity: 1,
    unitPrice: { amount: 1250, currency: "USD" },
    lineTotal: { amount: 1250, currency: "USD" },
  };
  const r = await placeOrder(
    db,
    {
      shopId: DEFAULT_SHOP_ID,
      conversationId,
      channel,
      userId: user,
      locale: "en",
      items: [line],
      total: line.lineTotal,
      customer: { name: "Ana", phone: "+6591234567", address: { text: "1 Orchard Rd" } },
      payment: { method: "cod", status: "due" },
      cartRev: cart.rev,
    },
    cart,
    now,
  );
  if (r.kind !== "placed") throw new Error(`order not placed: ${r.kind}`);
  return r.order;
}

beforeAll(async () => {
  const put = await adminApi(url, "PUT", `products/${PRODUCT_ID}`, {
    id: PRODUCT_ID,
    title: { en: "Order Test Tote" },
    price: { amount: 1250, currency: "USD" },
    stock: 10,
    category: "e2e",
    tags: [],
    attributes: {},
  });
  expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
});

afterAll(async () => {
  await adminApi(url, "DELETE", `products/${PRODUCT_ID}`).catch(() => {});
});

describe.each(["whatsapp", "messenger"] as const)("orders on %s through the admin API", (channel) => {
  it("lists and reads the order, confirms it, and the shopper reads the update in the chat", async () => {
    const { user, id } = await greeted(channel);
    const placed = await orderOf(id, user, channel);
    const path = `orders/${encodeURIComponent(placed.orderId)}`;

    const list = await adminApi(url, "GET", "orders?status=pending&limit=100");
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: Order) => o.orderId)).toContain(placed.orderId);
    const one = await adminApi(url, "GET", path);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ orderId: placed.orderId, status: "pending", conversationId: id });

    const before = (await sinkFor(url, user, { count: 0 })).length;
    const patched = await adminApi(url, "PATCH", path, { status: "confirmed" });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.status).toBe("confirmed");
    expect(patched.body.history.at(-1)).toMatchObject({
      status: "confirmed",
      by: expect.stringMatching(/^admin-[0-9a-f]{16}$/),
      notified: expect.stringMatching(/^(sent|queued)$/),
    });
    const messages = await sinkFor(url, user, { count: before + 1 });
    const update = messages.slice(before).find((m) => textOf(m) === `Order ${placed.orderId} is confirmed.`);
    expect(update, JSON.stringify(messages.slice(before).map((m) => m.body))).toBeDefined();
    if (channel === "messenger") {
      expect(update?.body).toMatchObject({ messaging_type: "RESPONSE" });
      expect(update?.body).not.toHaveProperty("tag");
    }

    // the agent view shows the order with its new status, and the update in the transcript
    const agentView = (await agentApi(url, "GET", `conversations/${encodeURIComponent(id)}`)).body;
    expect(agentView.orders.map((o: Order) => [o.orderId, o.status])).toEqual([
      [placed.orderId, "confirmed"],
    ]);
    expect(agentView.cart).toEqual({ items: [], total: { amount: 0, currency: "USD" } });
    expect(agentView.messages.at(-1)).toMatchObject({ author: "bot", text: textOf(update) });

    const wrong = await adminApi(url, "PATCH", path, { status: "delivered" });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({
      code: "order.invalid_transition",
      details: { from: "confirmed", to: "delivered" },
    });
  }, 60_000);

  it("after the 24 h window: the status changes; never free-form (a template, a tag, or not sent)", async () => {
    const { user, id } = await greeted(channel);
    const placed = await orderOf(id, user, channel);
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.conversation(DEFAULT_SHOP_ID, id),
        UpdateExpression: "SET lastInboundAt = :at",
        ExpressionAttributeValues: { ":at": new Date(Date.now() - 25 * HOUR).toISOString() },
      }),
    );
    const before = (await sinkFor(url, user, { count: 0 })).length;
    const patched = await adminApi(url, "PATCH", `orders/${encodeURIComponent(placed.orderId)}`, {
      status: "cancelled",
    });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe("cancelled");
    const entry = patched.body.history.at(-1);
    const after = (await sinkFor(url, user, { count: 0 })).slice(before);
    if (channel === "messenger") {
      // an order update may go with POST_PURCHASE_UPDATE (lib/outbound/policy.ts)
      expect(entry).toMatchObject({ notified: "sent" });
      expect(after.map((m) => m.body.tag)).toEqual(["POST_PURCHASE_UPDATE"]);
    } else if (entry.notified === "not_sent") {
      // the shop has no approved template (yet: tests/e2e/outbound.test.ts submits them on the same stack)
      expect(entry.reason).toBe("no_template");
      expect(after).toHaveLength(0);
    } else {
      expect(after.map((m) => m.body.type)).toEqual(["template"]);
    }
  }, 60_000);
});

describe("the admin API's orders without a valid token", () => {
  it("401 without a token, 403 with an agent token", async () => {
    expect((await adminApi(url, "GET", "orders", undefined, "not-a-token")).status).toBe(401);
    expect((await adminApi(url, "GET", "orders", undefined, AGENT_TOKEN)).status).toBe(403);
  });
});
