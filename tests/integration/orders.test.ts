/**
 * Carts and orders against DynamoDB Local: concurrent adds are all kept, an order is one transaction that never
 * oversells, a repeated confirmation finds the first order, status changes and cancellations put stock back.
 */
import { DeleteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { Product } from "../../lib/catalog/types";
import { ORDER_ID_PATTERN } from "../../lib/orders/ids";
import type { Order, PricedLine } from "../../lib/orders/types";
import {
  addToCart,
  type CartScope,
  clearCart,
  decrementLine,
  getCart,
  setLineQuantity,
} from "../../lib/store/carts";
import { getProduct, putProduct } from "../../lib/store/catalog";
import { keys } from "../../lib/store/keys";
import {
  changeOrderStatus,
  getOrder,
  listOrders,
  type NewOrder,
  ordersOfConversation,
  placeOrder,
} from "../../lib/store/orders";
import { type TestDb, useFreshTable } from "../helpers/db";

let db: TestDb;
useFreshTable((t) => {
  db = t;
});

const SHOP = "s1";
const now = new Date("2026-05-01T10:00:00.000Z");
const scope = (conversationId: string, at = now): CartScope => ({
  shopId: SHOP,
  conversationId,
  expiryDays: 7,
  now: at,
});

const product = (id: string, stock: number, amount = 1000): Product => ({
  id,
  title: { en: `Product ${id}` },
  price: { amount, currency: "USD" },
  stock,
  category: "tops",
  tags: [],
  attributes: {},
});

const line = (p: Product, quantity: number): PricedLine => ({
  productId: p.id,
  title: p.title.en ?? p.id,
  quantity,
  unitPrice: p.price,
  lineTotal: { amount: p.price.amount * quantity, currency: p.price.currency },
});

async function orderFor(conversationId: string, lines: PricedLine[], rev: number): Promise<NewOrder> {
  return {
    shopId: SHOP,
    conversationId,
    channel: "whatsapp",
    userId: conversationId.split(":")[1] ?? "u",
    locale: "en",
    items: lines,
    total: { amount: lines.reduce((n, l) => n + l.lineTotal.amount, 0), currency: "USD" },
    customer: { name: "Ana", phone: "+6591234567", address: { text: "1 Main St" } },
    payment: { method: "cod", status: "due" },
    cartRev: rev,
  };
}

describe("carts", () => {
  it("keeps every one of 20 concurrent adds of one shopper", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `P${i}`);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => addToCart(db, scope("whatsapp:1"), ids[i % 10] as string, i + 1)),
    );
    const cart = await getCart(db, SHOP, "whatsapp:1", now);
    expect(cart.lines).toHaveLength(10);
    for (let i = 0; i < 10; i++) {
      // product i got quantities i+1 and i+11
      expect(cart.lines.find((l) => l.productId === `P${i}`)?.quantity).toBe(i + 1 + i + 11);
    }
    // the first change seeds the revision with the clock, each change adds one
    expect(cart.rev - now.getTime()).toBe(20);
  });

  it("changes, removes and empties lines; refuses more than 99 of one product", async () => {
    await addToCart(db, scope("whatsapp:2"), "A", 2);
    await addToCart(db, scope("whatsapp:2"), "B", 1);
    let cart = await setLineQuantity(db, scope("whatsapp:2"), "A", 5);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
      ["A", 5],
      ["B", 1],
    ]);
    cart = await setLineQuantity(db, scope("whatsapp:2"), "B", 0);
    expect(cart.lines.map((l) => l.productId)).toEqual(["A"]);
    await expect(addToCart(db, scope("whatsapp:2"), "A", 95)).rejects.toMatchObject({
      code: "cart.max_quantity",
    });
    cart = await clearCart(db, scope("whatsapp:2"));
    expect(cart.lines).toEqual([]);
    const raw = await db.doc.send(new ScanCommand({ TableName: db.table }));
    const item = raw.Items?.find((i) => i.pk === keys.cart(SHOP, "whatsapp:2").pk && i.sk === "CART");
    // an empty cart leaves the reminder index
    expect(item?.gsi1pk).toBeUndefined();
  });

  it("keeps a +1 and a −1 tapped at the same time; the last −1 removes the line", async () => {
    await addToCart(db, scope("whatsapp:4"), "A", 3);
    await Promise.all([
      addToCart(db, scope("whatsapp:4"), "A", 1),
      decrementLine(db, scope("whatsapp:4"), "A"),
    ]);
    expect((await getCart(db, SHOP, "whatsapp:4", now)).lines.map((l) => l.quantity)).toEqual([3]);
    await decrementLine(db, scope("whatsapp:4"), "A");
    await decrementLine(db, scope("whatsapp:4"), "A");
    const cart = await decrementLine(db, scope("whatsapp:4"), "A");
    expect(cart.lines).toEqual([]);
  });

  it("emptying an expired cart does not bring its old lines back", async () => {
    await addToCart(db, scope("whatsapp:5"), "OLD", 2);
    const later = new Date(now.getTime() + 8 * 86_400_000);
    await clearCart(db, scope("whatsapp:5", later));
    const cart = await addToCart(db, scope("whatsapp:5", later), "NEW", 1);
    expect(cart.lines.map((l) => l.productId)).toEqual(["NEW"]);
  });

  it("reads an expired cart as empty and starts it again on the next add", async () => {
    await addToCart(db, scope("whatsapp:3"), "A", 2);
    const later = new Date(now.getTime() + 8 * 86_400_000);
    expect((await getCart(db, SHOP, "whatsapp:3", later)).lines).toEqual([]);
    const cart = await addToCart(db, scope("whatsapp:3", later), "B", 1);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([["B", 1]]);
  });
});

describe("orders", () => {
  it("50 concurrent checkouts of an item with stock 5 make exactly 5 orders and stock 0", async () => {
    const p = product("LIMITED", 5);
    await putProduct(db, SHOP, p);
    const shoppers = Array.from({ length: 50 }, (_, i) => `whatsapp:65000${i}`);
    const revs = await Promise.all(shoppers.map(async (c) => (await addToCart(db, scope(c), p.id, 1)).rev));
    const results = await Promise.all(
      shoppers.map(async (c, i) =>
        placeOrder(
          db,
          await orderFor(c, [line(p, 1)], revs[i] as number),
          { lines: [{ productId: p.id, quantity: 1, addedAt: "" }] },
          now,
        ),
      ),
    );
    const placed = results.filter((r) => r.kind === "placed");
    expect(placed).toHaveLength(5);
    expect(results.filter((r) => r.kind === "unavailable")).toHaveLength(45);
    for (const r of results) {
      if (r.kind === "unavailable")
        expect(r.problems).toEqual([{ productId: p.id, reason: "out_of_stock", available: 0 }]);
    }
    expect((await getProduct(db, SHOP, p.id))?.stock).toBe(0);
    const ids = placed.map((r) => (r.kind === "placed" ? r.order.orderId : ""));
    for (const id of ids) expect(id).toMatch(ORDER_ID_PATTERN);
    expect(new Set(ids).size).toBe(5);
    // the losers keep their cart; the winners' carts are empty
    const carts = await Promise.all(shoppers.map((c) => getCart(db, SHOP, c, now)));
    expect(carts.filter((c) => c.lines.length === 0)).toHaveLength(5);
  });

  it("a cart made again after TTL removed the ordered one never reuses its revision", async () => {
    const p = product("AGAIN", 10);
    await putProduct(db, SHOP, p);
    const conv = "whatsapp:4321";
    const first = await addToCart(db, scope(conv), p.id, 1);
    const placed = await placeOrder(db, await orderFor(conv, [line(p, 1)], first.rev), first, now);
    expect(placed.kind).toBe("placed");
    // TTL deletes the cart item days later; the order marker (90 days) is still there
    await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.cart(SHOP, conv) }));
    const later = new Date(now.getTime() + 10 * 86_400_000);
    const second = await addToCart(db, scope(conv, later), p.id, 1);
    expect(second.rev).toBeGreaterThan(first.rev + 1);
    const again = await placeOrder(db, await orderFor(conv, [line(p, 1)], second.rev), second, later);
    expect(again.kind).toBe("placed");
  });

  it("a confirmation repeated 3 times (also at once) places one order", async () => {
    const p = product("TRIPLE", 10, 2500);
    await putProduct(db, SHOP, p);
    const conv = "messenger:777";
    const cart = await addToCart(db, scope(conv), p.id, 2);
    const input = await orderFor(conv, [line(p, 2)], cart.rev);
    const results = await Promise.all([1, 2, 3].map(() => placeOrder(db, input, cart, now)));
    const placed = results.filter((r) => r.kind === "placed");
    expect(placed).toHaveLength(1);
    const id = placed[0]?.kind === "placed" ? placed[0].order.orderId : "";
    for (const r of results) if (r.kind !== "placed") expect(r).toEqual({ kind: "already", orderId: id });
    // and once more later
    expect(await placeOrder(db, input, cart, now)).toEqual({ kind: "already", orderId: id });
    expect((await getProduct(db, SHOP, p.id))?.stock).toBe(8);
    expect((await ordersOfConversation(db, SHOP, conv)).map((o) => o.orderId)).toEqual([id]);
  });

  it("writes nothing when one line ran short, and says how many are left", async () => {
    const a = product("SHORT-A", 10);
    const b = product("SHORT-B", 1);
    await putProduct(db, SHOP, a);
    await putProduct(db, SHOP, b);
    const conv = "whatsapp:888";
    await addToCart(db, scope(conv), a.id, 1);
    const cart = await addToCart(db, scope(conv), b.id, 3);
    const r = await placeOrder(db, await orderFor(conv, [line(a, 1), line(b, 3)], cart.rev), cart, now);
    expect(r).toEqual({
      kind: "unavailable",
      problems: [{ productId: b.id, reason: "short", available: 1 }],
    });
    expect((await getProduct(db, SHOP, a.id))?.stock).toBe(10);
    expect((await getCart(db, SHOP, conv, now)).lines).toHaveLength(2);
    expect(await ordersOfConversation(db, SHOP, conv)).toEqual([]);
  });

  it("refuses an order for a cart that changed after the summary, and one at an old price", async () => {
    const p = product("PRICEY", 10, 1000);
    await putProduct(db, SHOP, p);
    const conv = "whatsapp:999";
    const cart = await addToCart(db, scope(conv), p.id, 1);
    await addToCart(db, scope(conv), p.id, 1);
    expect(await placeOrder(db, await orderFor(conv, [line(p, 1)], cart.rev), cart, now)).toEqual({
      kind: "cart_changed",
    });
    const current = await getCart(db, SHOP, conv, now);
    const stale = { ...p, price: { amount: 900, currency: "USD" } };
    const r = await placeOrder(db, await orderFor(conv, [line(stale, 2)], current.rev), current, now);
    expect(r).toEqual({ kind: "unavailable", problems: [{ productId: p.id, reason: "price_changed" }] });
  });

  it("moves through the statuses, refuses a wrong move, and a cancellation returns the stock", async () => {
    const p = product("FLOW", 4);
    await putProduct(db, SHOP, p);
    const conv = "whatsapp:1234";
    const cart = await addToCart(db, scope(conv), p.id, 3);
    const r = await placeOrder(db, await orderFor(conv, [line(p, 3)], cart.rev), cart, now);
    if (r.kind !== "placed") throw new Error(r.kind);
    const id = r.order.orderId;
    expect((await getProduct(db, SHOP, p.id))?.stock).toBe(1);
    await expect(
      changeOrderStatus(db, SHOP, id, "delivered", { at: now.toISOString(), by: "admin" }),
    ).rejects.toMatchObject({ code: "order.invalid_transition" });
    // a shopper's cancel is only from pending: once confirmed it is refused, though a merchant may cancel
    await changeOrderStatus(db, SHOP, id, "confirmed", { at: now.toISOString(), by: "admin" });
    await expect(
      changeOrderStatus(
        db,
        SHOP,
        id,
        "cancelled",
        { at: now.toISOString(), by: "shopper" },
        { from: ["pending"] },
      ),
    ).rejects.toMatchObject({ code: "order.invalid_transition" });
    const cancelled = await changeOrderStatus(db, SHOP, id, "cancelled", {
      at: now.toISOString(),
      by: "shopper",
    });
    expect(cancelled.history.map((h) => h.status)).toEqual(["pending", "confirmed", "cancelled"]);
    expect((await getOrder(db, SHOP, id))?.status).toBe("cancelled");
    expect((await getProduct(db, SHOP, p.id))?.stock).toBe(4);
    await expect(
      changeOrderStatus(db, SHOP, id, "cancelled", { at: now.toISOString(), by: "admin" }),
    ).rejects.toMatchObject({ code: "order.invalid_transition" });
  });

  it("lists a shop's orders newest first, by status, in pages", async () => {
    const all = await listOrders(db, SHOP, { limit: 100 });
    expect(all.items).toHaveLength(9);
    const times = all.items.map((o: Order) => `${o.createdAt}`);
    expect([...times].sort().reverse()).toEqual(times);
    const cancelled = await listOrders(db, SHOP, { status: "cancelled" });
    expect(cancelled.items.map((o) => o.status)).toEqual(["cancelled"]);
    const page1 = await listOrders(db, SHOP, { limit: 3 });
    expect(page1.items).toHaveLength(3);
    const page2 = await listOrders(db, SHOP, { limit: 3, cursor: page1.next });
    expect(page2.items.map((o) => o.orderId)).not.toContain(page1.items[0]?.orderId);
    expect(await listOrders(db, "other-shop")).toEqual({ items: [] });
    await expect(listOrders(db, SHOP, { cursor: "nope" })).rejects.toMatchObject({ code: "request.invalid" });
  });
});
