/**
 * Carts, checkout and orders through the HTTP stack (signed webhook deliveries → serverless-offline →
 * DynamoDB Local → the Graph API sink), checked in the admin API and in stock: a whole conversation on each
 * channel, a WhatsApp cart (`order` message), concurrent adds, concurrent checkouts of scarce stock, and a
 * confirmation delivered several times.
 */
import { describe, expect, inject, it } from "vitest";
import {
  messengerPostback,
  messengerQuickReply,
  whatsappButton,
  whatsappMessage,
} from "../../lib/dev/deliveries";
import { addToCart, getCart, saveCheckout } from "../../lib/store/carts";
import { listOrders } from "../../lib/store/orders";
import { DEFAULT_SHOP_ID } from "../../lib/store/shops";
import { adminApi, joined, orderIdIn, payloadStarting, payloadsOf, say, turn } from "../helpers/chat";
import { useStackDb } from "../helpers/db";
import {
  allSinkMessages,
  fixtureFor,
  metaJson,
  newPsid,
  newWaId,
  postWebhook,
  recipientOf,
  type SinkMessage,
  sinkFor,
} from "../helpers/meta";

const url = inject("stackUrl");
const db = useStackDb();

const stockOf = async (id: string) => (await adminApi(url, "GET", `products/${id}`)).body.stock as number;

describe("a whole conversation ends in an order", () => {
  it("on WhatsApp: text adds, checkout with the profile name and a location, confirm, status", async () => {
    const wa = newWaId();
    const teeBefore = await stockOf("TEE-RED-M");
    const mugBefore = await stockOf("MUG-WHITE");
    expect(joined(await say(url, "whatsapp", wa, "hi"))).toMatch(/welcome/i);
    expect(joined(await say(url, "whatsapp", wa, "add 2 of the red tee in M"))).toMatch(
      /Added 2 × Classic Tee \(Red · M\)/,
    );
    const mug = joined(await say(url, "whatsapp", wa, "add the stoneware mug to my cart"));
    expect(mug).toMatch(/Added 1 × Stoneware Mug/);
    expect(mug).toContain("Cart: 3 items, $53.98");
    // the WhatsApp profile gave the name and the number: only the address is asked
    expect(joined(await say(url, "whatsapp", wa, "checkout"))).toMatch(/Where should we deliver/);
    const summary = await turn(
      url,
      "whatsapp",
      wa,
      fixtureFor("whatsapp", "split_message_chosen_location.json", wa),
    );
    const text = joined(summary);
    expect(text).toContain("2 × Classic Tee (Red · M): $39.98");
    expect(text).toContain("Total: $53.98");
    expect(text).toContain("Test Shopper");
    expect(text).toContain(`+${wa}`);
    expect(text).toContain("1 Hacker Way");
    const confirm = payloadStarting(summary, "CONFIRM:");
    expect(confirm).toBeDefined();
    const placed = joined(
      await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: confirm as string })),
    );
    const id = orderIdIn(placed);
    expect(placed).toMatch(/Order CC-\w{6} is placed: \$53\.98, Cash on delivery/);
    const order = (await adminApi(url, "GET", `orders/${id}`)).body;
    expect(order).toMatchObject({
      orderId: id,
      status: "pending",
      channel: "whatsapp",
      total: { amount: 5398, currency: "USD" },
      customer: {
        name: "Test Shopper",
        phone: `+${wa}`,
        address: { latitude: 37.4611978, longitude: -122.2164385 },
      },
      payment: { method: "cod" },
    });
    expect((order.items as Array<Record<string, unknown>>).map((l) => [l.productId, l.quantity])).toEqual([
      ["TEE-RED-M", 2],
      ["MUG-WHITE", 1],
    ]);
    expect(await stockOf("TEE-RED-M")).toBe(teeBefore - 2);
    expect(await stockOf("MUG-WHITE")).toBe(mugBefore - 1);
    expect((await getCart(db, DEFAULT_SHOP_ID, `whatsapp:${wa}`)).lines).toEqual([]);
    expect(joined(await say(url, "whatsapp", wa, "where is my order?"))).toContain(`Order ${id}: received.`);
  });

  it("on Messenger: a variant question, name, phone quick reply, typed address, 'yes', then a cancellation", async () => {
    const psid = newPsid();
    const before = await stockOf("LINEN-WHITE-M");
    await say(url, "messenger", psid, "hello");
    const asked = await say(url, "messenger", psid, "add the linen shirt to my cart");
    expect(joined(asked)).toMatch(/Which (colour|size)\?/);
    let pick = payloadStarting(asked, "PICK:");
    let reply = asked;
    // answer the variant questions with white, then M
    for (let i = 0; i < 2 && pick; i++) {
      const choice =
        reply.flatMap(payloadsOf).find((p) => p.startsWith("PICK:") && /:white:(M)?$/.test(p)) ?? pick;
      reply = await turn(url, "messenger", psid, messengerQuickReply({ psid, payload: choice }));
      pick = payloadStarting(reply, "PICK:");
    }
    expect(joined(reply)).toMatch(/Added 1 × Linen Shirt \(White · M\)/);
    expect(joined(await say(url, "messenger", psid, "checkout"))).toMatch(/What name/);
    const phoneAsk = await say(url, "messenger", psid, "Ana Cruz");
    expect(joined(phoneAsk)).toMatch(/phone number/);
    expect(payloadsOf(phoneAsk[0] as SinkMessage)).toContain("user_phone_number");
    // Messenger fills in the number of the shopper's profile and sends it as the payload
    expect(
      joined(await turn(url, "messenger", psid, messengerQuickReply({ psid, payload: "+15551234567" }))),
    ).toMatch(/Where should we deliver/);
    const summary = await say(url, "messenger", psid, "12 Rizal Avenue, Makati City");
    expect(joined(summary)).toContain("To: Ana Cruz, +15551234567, 12 Rizal Avenue, Makati City");
    const placed = joined(await say(url, "messenger", psid, "yes"));
    const id = orderIdIn(placed) as string;
    expect(placed).toMatch(/is placed/);
    expect(await stockOf("LINEN-WHITE-M")).toBe(before - 1);
    expect((await adminApi(url, "GET", `orders/${id}`)).body).toMatchObject({
      customer: { name: "Ana Cruz" },
    });

    const ask = await say(url, "messenger", psid, "cancel my order");
    expect(joined(ask)).toContain(`Cancel order ${id}?`);
    expect(joined(await say(url, "messenger", psid, "yes"))).toContain(`Order ${id} is cancelled.`);
    expect((await adminApi(url, "GET", `orders/${id}`)).body.status).toBe("cancelled");
    expect(await stockOf("LINEN-WHITE-M")).toBe(before);

    // a returning shopper is offered the last address
    await turn(url, "messenger", psid, messengerPostback({ psid, payload: "ADD:MUG-WHITE" }));
    const again = joined(await say(url, "messenger", psid, "checkout"));
    expect(again).toContain("Deliver to 12 Rizal Avenue, Makati City again?");
  });
});

describe("a checkout question does not swallow other buttons", () => {
  it("tapping 'Talk to a person' while the phone number is asked hands over", async () => {
    const psid = newPsid();
    await turn(url, "messenger", psid, messengerPostback({ psid, payload: "ADD:MUG-WHITE" }));
    await say(url, "messenger", psid, "checkout");
    expect(joined(await say(url, "messenger", psid, "Ana Cruz"))).toMatch(/phone number/);
    const reply = joined(
      await turn(
        url,
        "messenger",
        psid,
        messengerQuickReply({ psid, payload: "HUMAN", title: "Talk to a person" }),
      ),
    );
    expect(reply).toMatch(/A person will reply here/);
    expect(reply).not.toMatch(/phone number/);
  });
});

describe("prices shown are the prices ordered", () => {
  it("a price changed after the summary is told and shown again; the order is at the new price only after a new confirm", async () => {
    const id = `E2E-PRICE-${Date.now().toString(36).toUpperCase()}`;
    const product = {
      id,
      title: { en: "Price Test Vase" },
      price: { amount: 2000, currency: "USD" },
      stock: 10,
      category: "home",
      tags: [],
      attributes: {},
    };
    expect((await adminApi(url, "PUT", `products/${id}`, product)).status).toBe(201);
    const wa = newWaId();
    await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: `ADD:${id}` }));
    await say(url, "whatsapp", wa, "checkout");
    const summary = await say(url, "whatsapp", wa, "7 Orchard Road, Singapore");
    expect(joined(summary)).toContain("Total: $20.00");
    const confirm = payloadStarting(summary, "CONFIRM:") as string;
    // the merchant raises the price while the shopper reads the summary
    expect(
      (await adminApi(url, "PUT", `products/${id}`, { ...product, price: { amount: 2500, currency: "USD" } }))
        .status,
    ).toBe(200);
    const again = await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: confirm }));
    expect(joined(again)).toContain("Price Test Vase now costs $25.00");
    expect(joined(again)).toContain("Total: $25.00");
    expect(orderIdIn(joined(again))).toBeUndefined();
    const placed = joined(
      await turn(
        url,
        "whatsapp",
        wa,
        whatsappButton({ waId: wa, id: payloadStarting(again, "CONFIRM:") as string }),
      ),
    );
    const order = (await adminApi(url, "GET", `orders/${orderIdIn(placed)}`)).body;
    expect(order.total).toEqual({ amount: 2500, currency: "USD" });
  });
});

describe("a WhatsApp cart (order message)", () => {
  it("becomes the chat cart at our prices, says what differs, and then an order", async () => {
    const wa = newWaId();
    const raw = fixtureFor("whatsapp", "split_message_order.json", wa)
      .replace('"HAMBURGER"', '"CANDLE-VANILLA"')
      .replace('"FRENCH_FRIES"', '"MUG-WHITE"')
      .replace('"SODA"', '"HIJAB-BLACK"');
    const cart = await turn(url, "whatsapp", wa, raw);
    const text = joined(cart);
    expect(text).toContain("I put 7 items from your order in your cart.");
    // the payload said 30 ILS: our price is told
    expect(text).toContain("Vanilla Soy Candle costs $16.00 here.");
    expect(text).toContain("3 × Vanilla Soy Candle: $48.00");
    expect(text).toContain("Total: $100.00");
    expect(joined(await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: "CHECKOUT" })))).toMatch(
      /deliver/,
    );
    const summary = await say(url, "whatsapp", wa, "Jl. Sudirman 5, Jakarta 10220");
    const placed = joined(
      await turn(
        url,
        "whatsapp",
        wa,
        whatsappButton({ waId: wa, id: payloadStarting(summary, "CONFIRM:") ?? "" }),
      ),
    );
    const id = orderIdIn(placed);
    const order = (await adminApi(url, "GET", `orders/${id}`)).body;
    expect((order.items as Array<Record<string, unknown>>).map((l) => [l.productId, l.quantity])).toEqual([
      ["CANDLE-VANILLA", 3],
      ["MUG-WHITE", 2],
      ["HIJAB-BLACK", 2],
    ]);
    expect(order.total).toEqual({ amount: 10000, currency: "USD" });
  });

  it("tells the shopper about an item we do not sell", async () => {
    const wa = newWaId();
    const raw = whatsappMessage({
      waId: wa,
      message: {
        type: "order",
        order: {
          catalog_id: "1",
          product_items: [{ product_retailer_id: "NOT-OURS", quantity: 1, item_price: 5, currency: "USD" }],
        },
      },
    });
    const text = joined(await turn(url, "whatsapp", wa, raw));
    expect(text).toContain("We don't sell item NOT-OURS here.");
    expect(text).toContain("Your cart is empty.");
  });
});

describe("concurrency", () => {
  it("20 concurrent add-to-cart deliveries of one shopper all end in the cart", async () => {
    const wa = newWaId();
    const ids = ["TEE-WHITE-M", "MUG-WHITE", "CAP-BLACK", "CANDLE-VANILLA", "HIJAB-BLACK"];
    // 20 taps: 4 per product, with quantities 1..4
    const taps = ids.flatMap((id) => [1, 2, 3, 4].map((q) => `ADD:${id}:${q}`));
    const results = await Promise.all(
      taps.map((payload) =>
        postWebhook(url, "whatsapp", metaJson(whatsappButton({ waId: wa, id: payload }))),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    await sinkFor(url, wa, { count: 20, timeoutMs: 30_000 });
    const cart = await getCart(db, DEFAULT_SHOP_ID, `whatsapp:${wa}`);
    expect(Object.fromEntries(cart.lines.map((l) => [l.productId, l.quantity]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, 10])),
    );
  }, 60_000);

  it("50 concurrent checkouts of an item with stock 5: exactly 5 orders, stock 0", async () => {
    const id = `E2E-LIMITED-${Date.now().toString(36).toUpperCase()}`;
    expect(
      (
        await adminApi(url, "PUT", `products/${id}`, {
          id,
          title: { en: "Limited Print" },
          price: { amount: 3000, currency: "USD" },
          stock: 5,
          category: "home",
          tags: [],
          attributes: {},
        })
      ).status,
    ).toBe(201);
    const shoppers = Array.from({ length: 50 }, () => newWaId());
    const now = new Date();
    const revs = await Promise.all(
      shoppers.map(async (wa) => {
        const scope = { shopId: DEFAULT_SHOP_ID, conversationId: `whatsapp:${wa}`, expiryDays: 7, now };
        const cart = await addToCart(db, scope, id, 1);
        await saveCheckout(db, scope, {
          step: "confirm",
          rev: cart.rev,
          name: "Buyer",
          phone: `+${wa}`,
          address: { text: "1 Main Street, Springfield" },
          payment: "cod",
          startedAt: now.toISOString(),
        });
        return cart.rev;
      }),
    );
    const posted = await Promise.all(
      shoppers.map((wa, i) =>
        postWebhook(url, "whatsapp", metaJson(whatsappButton({ waId: wa, id: `CONFIRM:${revs[i]}` }))),
      ),
    );
    expect(posted.every((r) => r.status === 200)).toBe(true);
    // one poll of the sink for all 50 shoppers (50 pollers would load the stack more than the checkouts do)
    const deadline = Date.now() + 60_000;
    let replies: SinkMessage[][] = [];
    while (Date.now() < deadline) {
      const all = await allSinkMessages(url);
      replies = shoppers.map((wa) => all.filter((m) => recipientOf(m) === wa));
      if (replies.every((r) => r.length > 0)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const texts = replies.map(joined);
    expect(texts.filter((t) => /is placed/.test(t))).toHaveLength(5);
    expect(texts.filter((t) => /Limited Print sold out/.test(t))).toHaveLength(45);
    expect(await stockOf(id)).toBe(0);
    const orders = (await listOrders(db, DEFAULT_SHOP_ID, { limit: 100 })).items.filter((o) =>
      o.items.some((l) => l.productId === id),
    );
    expect(orders).toHaveLength(5);
  }, 120_000);

  it("the same confirmation delivered 3 times (and tapped twice more) places one order", async () => {
    const wa = newWaId();
    await turn(url, "whatsapp", wa, whatsappButton({ waId: wa, id: "ADD:CAP-BLACK" }));
    await say(url, "whatsapp", wa, "checkout");
    const summary = await say(url, "whatsapp", wa, "221B Baker Street, London");
    const confirm = payloadStarting(summary, "CONFIRM:") as string;
    const same = metaJson(whatsappButton({ waId: wa, id: confirm, wamid: `wamid.confirm-${wa}` }));
    const other = () => metaJson(whatsappButton({ waId: wa, id: confirm }));
    const deliveries = [same, same, same, other(), other()];
    await Promise.all(deliveries.map((d) => postWebhook(url, "whatsapp", d)));
    const all = await sinkFor(url, wa, { count: 3 + 3, timeoutMs: 30_000 });
    const after = joined(all.slice(3));
    const ids = new Set(after.match(/CC-[2-9A-Z]{6}/g));
    expect(ids.size).toBe(1);
    expect(after.match(/is placed/g)).toHaveLength(1);
    expect(after.match(/already placed/g)).toHaveLength(2);
    const mine = (await listOrders(db, DEFAULT_SHOP_ID, { limit: 100 })).items.filter(
      (o) => o.conversationId === `whatsapp:${wa}`,
    );
    expect(mine).toHaveLength(1);
  }, 60_000);
});
