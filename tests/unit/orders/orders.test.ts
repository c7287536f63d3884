/** Pure parts of carts and orders: order ids, status moves, pricing a cart from our catalogue, payments. */
import { describe, expect, it } from "vitest";
import { priceCart } from "../../../lib/cart/pricing";
import type { Product } from "../../../lib/catalog/types";
import { newOrderId, normalizeOrderId, ORDER_ID_PATTERN } from "../../../lib/orders/ids";
import {
  cashOnDelivery,
  paymentProvider,
  paymentProvidersFor,
  registerPaymentProvider,
} from "../../../lib/orders/payments";
import { canMove, ORDER_STATUSES } from "../../../lib/orders/types";

const product = (id: string, over: Partial<Product> = {}): Product => ({
  id,
  title: { en: `Item ${id}`, ar: `منتج ${id}` },
  price: { amount: 1250, currency: "USD" },
  stock: 5,
  category: "home",
  tags: [],
  attributes: {},
  ...over,
});

describe("order ids", () => {
  it("are CC- and six characters without look-alikes, and differ", () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newOrderId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(ORDER_ID_PATTERN);
    expect([...ids].join("")).not.toMatch(/[ILOU01]/);
  });

  it("read back from what a shopper types", () => {
    expect(normalizeOrderId("cc7k3f9q")).toBe("CC-7K3F9Q");
    expect(normalizeOrderId(" CC 7K3F9Q ")).toBe("CC-7K3F9Q");
    expect(normalizeOrderId("CC-7K3F9O")).toBeUndefined();
    expect(normalizeOrderId("hello")).toBeUndefined();
  });
});

describe("status moves", () => {
  it("follow pending → confirmed → shipped → delivered, cancel before shipping only", () => {
    const allowed = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "confirmed>cancelled",
        "confirmed>shipped",
        "pending>cancelled",
        "pending>confirmed",
        "shipped>delivered",
      ].sort(),
    );
  });
});

describe("priceCart", () => {
  const products = new Map([
    ["A", product("A")],
    ["B", product("B", { stock: 1, price: { amount: 999, currency: "USD" } })],
    ["C", product("C", { stock: 0 })],
    ["E", product("E", { price: { amount: 500, currency: "EUR" } })],
  ]);
  const lines = (...l: Array<[string, number]>) =>
    l.map(([productId, quantity]) => ({ productId, quantity, addedAt: "" }));

  it("prices lines from the catalogue, in the shopper's language, with the total", () => {
    const priced = priceCart(lines(["A", 2], ["B", 1]), products, {
      locale: "ar",
      fallback: "en",
      currency: "USD",
    });
    expect(priced.items).toEqual([
      {
        productId: "A",
        title: "منتج A",
        quantity: 2,
        unitPrice: { amount: 1250, currency: "USD" },
        lineTotal: { amount: 2500, currency: "USD" },
      },
      {
        productId: "B",
        title: "منتج B",
        quantity: 1,
        unitPrice: { amount: 999, currency: "USD" },
        lineTotal: { amount: 999, currency: "USD" },
      },
    ]);
    expect(priced.total).toEqual({ amount: 3499, currency: "USD" });
    expect(priced.count).toBe(3);
    expect(priced.problems).toEqual([]);
  });

  it("says what cannot be bought: gone, sold out, fewer left, another currency", () => {
    const priced = priceCart(lines(["B", 3], ["C", 1], ["GONE", 1], ["E", 1]), products, {
      locale: "en",
      fallback: "en",
      currency: "USD",
    });
    expect(priced.problems.map((p) => [p.productId, p.reason, p.available])).toEqual([
      ["B", "short", 1],
      ["C", "out_of_stock", 0],
      ["GONE", "missing", undefined],
      ["E", "currency", undefined],
    ]);
    expect(priced.items.map((i) => i.productId)).toEqual(["B", "C"]);
  });
});

describe("payment providers", () => {
  it("offer cash on delivery and what is registered, in the merchant's order, nothing unknown", async () => {
    expect(paymentProvidersFor(["cod"])).toEqual([cashOnDelivery]);
    expect(paymentProvidersFor(["paylink", "cod"]).map((p) => p.method)).toEqual(["cod"]);
    registerPaymentProvider({
      method: "paylink",
      initialStatus: "awaiting",
      label: () => "Pay online",
      start: async (order) => ({ status: "awaiting", url: `https://pay.example/${order.orderId}` }),
    });
    expect(paymentProvidersFor(["paylink", "cod"]).map((p) => p.method)).toEqual(["paylink", "cod"]);
    expect(await paymentProvider("paylink")?.start({ orderId: "CC-2345AB" } as never)).toEqual({
      status: "awaiting",
      url: "https://pay.example/CC-2345AB",
    });
    expect(cashOnDelivery.label("id")).toBe("Bayar di tempat (COD)");
  });
});
