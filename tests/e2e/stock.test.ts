/**
 * Issue 14 (5): stock is changed only by what changed it. A merchant opens a product (stock 20), a shopper
 * orders 3 (stock 17), the merchant saves the open form's price change: the PATCH sends the edited fields only
 * and the stock stays 17. A stock edit is explicit (set against the value the form showed, or a delta).
 * Also (7): a price in another currency is refused with 400.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { adminApi } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import { placedOrder, shopperConversation } from "../helpers/orders";

const url = inject("stackUrl");
const db = useStackDb();

async function newProduct(stock: number) {
  const base = (await adminApi(url, "GET", "products/CAP-BLACK")).body;
  const id = `STOCK-${randomUUID().slice(0, 8)}`;
  const { version: _v, updatedAt: _u, ...fields } = base;
  const res = await adminApi(url, "PUT", `products/${id}`, { ...fields, id, stock });
  expect(res.status).toBe(201);
  return res.body;
}

describe("PATCH /api/admin/products/{id}", () => {
  it("a stale form saved after an order keeps the stock right", async () => {
    const form = await newProduct(20);
    const conv = await shopperConversation(db, DEFAULT_SHOP_ID, "whatsapp", Date.now());
    await placedOrder(db, DEFAULT_SHOP_ID, conv.conversationId, [[form.id, 3]], { at: Date.now() });
    expect((await adminApi(url, "GET", `products/${form.id}`)).body.stock).toBe(17);

    const price = { ...form.price, amount: form.price.amount + 100 };
    const saved = await adminApi(url, "PATCH", `products/${form.id}`, { price });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ stock: 17, price, version: form.version + 1 });

    // the form's stock edit, made against the 20 it showed: refused with the current stock
    const stale = await adminApi(url, "PATCH", `products/${form.id}`, { stock: 25, stockExpected: 20 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: "admin.stock_changed" }, stock: 17 });
    const fresh = await adminApi(url, "PATCH", `products/${form.id}`, { stock: 25, stockExpected: 17 });
    expect(fresh.body.stock).toBe(25);
    const delta = await adminApi(url, "PATCH", `products/${form.id}`, { stockDelta: -5 });
    expect(delta.body.stock).toBe(20);
    expect((await adminApi(url, "PATCH", `products/${form.id}`, { stockDelta: -21 })).status).toBe(409);
    expect((await adminApi(url, "PATCH", `products/${form.id}`, { stock: -1 })).status).toBe(400);
  });

  it.each(["ABC", "EUR"])("refuses a price in %s (not the shop's currency) with 400", async (currency) => {
    const form = await newProduct(5);
    const res = await adminApi(url, "PATCH", `products/${form.id}`, { price: { ...form.price, currency } });
    expect(res.status).toBe(400);
    const put = await adminApi(url, "PUT", `products/${form.id}`, {
      ...form,
      version: undefined,
      price: { ...form.price, currency },
    });
    expect(put.status).toBe(400);
  });
});
